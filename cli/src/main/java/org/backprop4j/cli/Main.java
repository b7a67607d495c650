package org.backprop4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Properties;

import org.backprop4j.cli.backends.BackendsCommand;
import org.backprop4j.cli.bench.BenchCommand;
import org.backprop4j.cli.check.CheckCommand;
import org.backprop4j.cli.eval.EvalCommand;
import org.backprop4j.cli.eval.PredictCommand;
import org.backprop4j.cli.export.ExportCommand;
import org.backprop4j.cli.grade.GradeCommand;
import org.backprop4j.cli.train.TrainCommand;
import org.backprop4j.cli.tune.TuneCommand;
import org.backprop4j.cli.visualize.VisualizeCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backprop4j} program. */
@Command(name = "backprop4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "The \"neural network from scratch\" coursework in Java, on a backend you choose.", subcommands = {
        TrainCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class, VisualizeCommand.class,
        TuneCommand.class, CheckCommand.class, GradeCommand.class, BackendsCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the program and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the program with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(commandLine(out, err), args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Main()), out, err);
    }

    /**
     * Gives {@code cl} the program's streams, its error reporting (one sentence, exit code 2 for what the user
     * can fix) and, on every command, {@code --version}.
     */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        giveVersion(cl, new Version());
        return cl;
    }

    /**
     * Runs {@code cl}. An {@link OutOfMemoryError} is an {@link Error}, which picocli lets through: it is
     * reported here, in one sentence (how to raise {@code -Xmx}), exit code 2.
     */
    public static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return ErrorReporter.report(e, cl.getErr(), Arrays.asList(args).contains("--debug"));
        }
    }

    /** Subcommands get the program's version provider (picocli gives them none), so {@code train --version} works. */
    private static void giveVersion(CommandLine cl, CommandLine.IVersionProvider version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0 && sub.getCommandSpec().versionProvider() == null) {
                sub.getCommandSpec().versionProvider(version);
            }
            giveVersion(sub, version);
        }
    }

    /** The project version, from the resource Maven writes at build time ({@code version.properties}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"backprop4j " + projectVersion() + " on Java " + System.getProperty("java.version")};
        }

        static String projectVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to the manifest
            }
            String v = p.getProperty("version");
            if (v == null || v.startsWith("${")) {
                v = Main.class.getPackage().getImplementationVersion();
            }
            return v == null ? "(development build)" : v;
        }
    }
}
