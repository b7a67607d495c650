package org.backprop4j.cli;

import java.io.PrintWriter;
import java.util.List;

import org.backprop4j.cli.common.ExitCode;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a command line picocli could not parse: {@code error: <one sentence>} with picocli's "did you
 * mean" suggestions folded in ({@code --epoch} → {@code --epochs}, {@code trian} → {@code train}), then the
 * line pointing to {@code --help}; exit code 2.
 */
final class UsageErrorReporter implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("error: " + sentence(ex));
        err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** What went wrong, in the words of the options and commands the user typed. */
    static String sentence(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            String didYouMean = ": did you mean " + String.join(" or ", suggestions) + "?";
            CommandLine cmd = u.getCommandLine();
            if (u.isUnknownOption() && !suggestions.isEmpty()) {
                return "Unknown option '" + first + "'" + didYouMean;
            }
            boolean commandExpected = !cmd.getSubcommands().isEmpty()
                    && cmd.getCommandSpec().positionalParameters().isEmpty();
            if (!first.startsWith("-") && commandExpected) {
                return "Unknown command '" + first + "'" + (suggestions.isEmpty()
                        ? ": expected one of " + String.join(", ", cmd.getSubcommands().keySet()) + "."
                        : didYouMean);
            }
        }
        Throwable cause = ex.getCause();
        ArgSpec arg = ex.getArgSpec();
        if (cause != null && !(cause instanceof CommandLine.TypeConversionException) && cause.getMessage() != null
                && arg != null) {
            // a converter's own sentence, instead of picocli's "cannot convert 'x' to T (java.lang...: sentence)"
            String what = arg instanceof OptionSpec o
                    ? "option '" + o.longestName() + "'"
                    : "parameter " + arg.paramLabel();
            String reason = cause.getMessage().strip();
            return "Invalid value for " + what + " (" + (reason.endsWith(".")
                    ? reason.substring(0, reason.length() - 1)
                    : reason) + ").";
        }
        return ex.getMessage();
    }
}
