package org.backprop4j.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.datasets.io.DatasetException;
import org.backprop4j.solver.checkpoint.CheckpointFormatException;
import org.backprop4j.cli.common.UserError;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on standard error and an exit code: 2 for
 * problems the user can fix (bad options, unknown backends, bad or missing data files), 1 for
 * anything else. The stack trace appears only with {@code --debug}.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = debugRequested(parseResult);
        int code = classify(ex);
        err.println("error: " + oneLine(ex));
        if (debug) {
            ex.printStackTrace(err);
        } else if (code == ExitCode.FAILURE) {
            err.println("(run again with --debug for the stack trace)");
        }
        err.flush();
        return code;
    }

    /** The exit code for an exception. */
    static int classify(Throwable ex) {
        Throwable t = ex;
        while (t != null) {
            if (t instanceof UserError || t instanceof IllegalArgumentException || t instanceof NoSuchFileException
                    || t instanceof FileNotFoundException || t instanceof CommandLine.ParameterException
                    || t instanceof ArithmeticException || isDataFormat(t)) {
                return ExitCode.USAGE;
            }
            if (!wrapper(t)) {
                break;
            }
            t = t.getCause();
        }
        return ExitCode.FAILURE;
    }

    /** Exceptions that only carry another: I/O wrappers, futures, and Guice's provisioning errors. */
    private static boolean wrapper(Throwable t) {
        return t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof com.google.inject.ProvisionException || t instanceof com.google.inject.CreationException;
    }

    private static boolean isDataFormat(Throwable t) {
        return t instanceof DatasetException || t instanceof CheckpointFormatException;
    }

    /** The message of the most informative exception in the chain, on one line. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while ((wrapper(t) || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (t instanceof NoSuchFileException) {
            msg = "no such file: " + msg;
        }
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
