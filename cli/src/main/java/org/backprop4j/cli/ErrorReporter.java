package org.backprop4j.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.io.DatasetException;
import org.backprop4j.solver.checkpoint.CheckpointFormatException;

import picocli.CommandLine;

/**
 * Turns an exception (or an {@link OutOfMemoryError}) escaping a command into one sentence on standard
 * error and an exit code: 2 for problems the user can fix (bad options, unknown backends, bad or missing
 * data files, a path that cannot be used, a full disk, too small a heap), 1 for anything else. The JDK's
 * bare paths and errno texts ({@code AccessDeniedException: /root/runs}, {@code Is a directory}, {@code No
 * space left on device}) become sentences naming the file and what was expected. The stack trace appears
 * only with {@code --debug}.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /** {@code FileNotFoundException}'s message: {@code path (reason)}. */
    private static final Pattern FILE_AND_REASON = Pattern.compile("(.+) \\(([^()]+)\\)");

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        return report(ex, cmd.getErr(), debugRequested(parseResult));
    }

    /** Prints {@code ex} as {@code error: <sentence>} (and its stack trace if {@code debug}); returns the exit code. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
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
            if (t instanceof UserError || t instanceof IllegalArgumentException || t instanceof FileSystemException
                    || t instanceof FileNotFoundException || t instanceof CommandLine.ParameterException
                    || t instanceof ArithmeticException || isDataFormat(t) || outOfDiskSpace(t) != null
                    || heapExhausted(t)) {
                return ExitCode.USAGE;
            }
            if (!wrapper(t)) {
                break;
            }
            t = t.getCause();
        }
        return ExitCode.FAILURE;
    }

    /** Exceptions that only carry another: I/O wrappers and futures (tune's trials). */
    private static boolean wrapper(Throwable t) {
        return t instanceof UncheckedIOException || t instanceof ExecutionException;
    }

    private static boolean isDataFormat(Throwable t) {
        return t instanceof DatasetException || t instanceof CheckpointFormatException;
    }

    /** The message of the most informative exception in the chain, as one sentence on one line. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while ((wrapper(t) || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = sentence(t);
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The sentence for {@code t}: its own message, or one written here for the JDK's terse ones. */
    private static String sentence(Throwable t) {
        if (heapExhausted(t)) {
            return String.format(Locale.ROOT, "The program ran out of memory (%s, at most %.1f GB of heap); raise the"
                    + " limit with -Xmx, e.g. BACKPROP4J_JAVA_OPTS=-Xmx8g ./backprop4j ..., or use fewer rows"
                    + " (--num-train) or a smaller model.", t.getMessage(), Runtime.getRuntime().maxMemory() / 1e9);
        }
        if (t instanceof FileSystemException fs) {
            return pathSentence(fs, fs.getFile(), fs.getOtherFile(), fs.getReason());
        }
        if (t instanceof FileNotFoundException && t.getMessage() != null) {
            Matcher m = FILE_AND_REASON.matcher(t.getMessage());
            return m.matches() ? pathSentence(t, m.group(1), null, m.group(2)) : t.getMessage();
        }
        DiskFull disk = outOfDiskSpace(t);
        if (disk != null) {
            return disk.sentence(null);
        }
        return t.getMessage();
    }

    /** A sentence naming {@code file} and what was expected of it, from the exception type or the errno text. */
    private static String pathSentence(Throwable t, String file, String other, String reason) {
        if (t instanceof NoSuchFileException || "No such file or directory".equals(reason)) {
            return file + " does not exist.";
        }
        if (t instanceof AccessDeniedException || "Permission denied".equals(reason)) {
            return "Permission denied: this user may not access " + file
                    + "; choose another path or change its permissions.";
        }
        if (t instanceof FileAlreadyExistsException) {
            return file + " already exists.";
        }
        if (t instanceof NotDirectoryException) {
            return file + " is not a directory, but a directory was expected there.";
        }
        if (t instanceof DirectoryNotEmptyException) {
            return file + " is a directory that is not empty.";
        }
        DiskFull disk = outOfDiskSpace(t);
        if (disk != null) {
            return disk.sentence(file);
        }
        if ("Is a directory".equals(reason)) {
            return file + " is a directory, but a file was expected.";
        }
        if ("Read-only file system".equals(reason)) {
            return file + " is on a read-only file system; write elsewhere.";
        }
        if ("Not a directory".equals(reason)) {
            return file + " is not a valid path: a part of it is a file, not a directory.";
        }
        return "Cannot access " + file + (other == null ? "" : " or " + other)
                + (reason == null ? "." : ": " + reason + ".");
    }

    /** The two ways a write finds the disk full: {@code ENOSPC} and {@code EDQUOT}. */
    private enum DiskFull {
        NO_SPACE("No space left on device", "No space left on the device to write ",
                "No space left on the device being written to"),
        QUOTA("Disk quota exceeded", "The disk quota is exceeded writing ", "The disk quota is exceeded");

        private final String errno;
        private final String withFile;
        private final String withoutFile;

        DiskFull(String errno, String withFile, String withoutFile) {
            this.errno = errno;
            this.withFile = withFile;
            this.withoutFile = withoutFile;
        }

        /** The sentence, naming {@code file} if known. */
        String sentence(String file) {
            return (file == null ? withoutFile : withFile + file) + "; free some space or write elsewhere.";
        }
    }

    /**
     * Whether {@code t} says the disk is full, else null. {@code FileOutputStream.write} reports this as a bare
     * IOException without the file; the NIO calls as a FileSystemException naming it.
     */
    private static DiskFull outOfDiskSpace(Throwable t) {
        if (!(t instanceof IOException) || t.getMessage() == null) {
            return null;
        }
        String reason = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
        for (DiskFull d : DiskFull.values()) {
            if (reason.equals(d.errno)) {
                return d;
            }
        }
        return null;
    }

    /** True for the out-of-memory errors a larger {@code -Xmx} cures. */
    private static boolean heapExhausted(Throwable t) {
        return t instanceof OutOfMemoryError
                && ("Java heap space".equals(t.getMessage()) || "GC overhead limit exceeded".equals(t.getMessage()));
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
