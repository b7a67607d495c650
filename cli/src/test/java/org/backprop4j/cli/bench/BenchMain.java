package org.backprop4j.cli.bench;

import java.io.PrintWriter;

import org.backprop4j.cli.ErrorReporter;
import org.backprop4j.cli.common.ExitCode;

import picocli.CommandLine;

/**
 * Runs {@code bench} from the test class path, before the packaged program exists:
 * {@code java -cp cli/target/classes:cli/target/test-classes:$(cat cp.txt) org.backprop4j.cli.bench.BenchMain --help}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the command with Main's error handling and exits with its code. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(System.out, true));
        cl.setErr(new PrintWriter(System.err, true));
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return ExitCode.USAGE;
        });
        System.exit(cl.execute(args));
    }
}
