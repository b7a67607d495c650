package org.backprop4j.cli;

import java.io.PrintWriter;

import org.backprop4j.cli.backends.BackendsCommand;
import org.backprop4j.cli.bench.BenchCommand;
import org.backprop4j.cli.check.CheckCommand;
import org.backprop4j.cli.eval.EvalCommand;
import org.backprop4j.cli.eval.PredictCommand;
import org.backprop4j.cli.train.TrainCommand;
import org.backprop4j.cli.tune.TuneCommand;
import org.backprop4j.cli.visualize.VisualizeCommand;

import org.backprop4j.cli.common.ExitCode;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backprop4j} program. */
@Command(name = "backprop4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The \"neural network from scratch\" coursework in Java, on a backend you choose.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, VisualizeCommand.class,
            TuneCommand.class, CheckCommand.class, BackendsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
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
        return commandLine(out, err).execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCode.USAGE;
        });
        return cl;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"backprop4j " + (v == null ? "(development build)" : v)
                    + " on Java " + System.getProperty("java.version")};
        }
    }
}
