package org.backprop4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exceptions a user can cause by a path, a full disk or too little memory become one sentence and exit
 * code 2; the exceptions are made here as the JDK throws them (the file, the errno text).
 */
class ErrorReporterTest {

    private static void assertUserError(Throwable t, String message) {
        assertEquals(ExitCode.USAGE, ErrorReporter.classify(t), t.toString());
        assertEquals(message, ErrorReporter.oneLine(t));
    }

    @Test
    void aFullDiskNamesTheFileBeingWritten() {
        assertUserError(new FileSystemException("runs/a/last.ckpt.123.tmp", null, "No space left on device"),
                "No space left on the device to write runs/a/last.ckpt.123.tmp; free some space or write elsewhere.");
        assertUserError(
                new UncheckedIOException(new FileSystemException("runs/a/h.json", null, "No space left on device")),
                "No space left on the device to write runs/a/h.json; free some space or write elsewhere.");
        // FileOutputStream.write names no file: say what is known
        assertUserError(new IOException("No space left on device"),
                "No space left on the device being written to; free some space or write elsewhere.");
        assertUserError(new FileSystemException("/mnt/q/x.ckpt", null, "Disk quota exceeded"),
                "The disk quota is exceeded writing /mnt/q/x.ckpt; free some space or write elsewhere.");
    }

    @Test
    void pathProblemsAreSentencesNamingThePath() {
        assertUserError(new AccessDeniedException("/root/runs"),
                "Permission denied: this user may not access /root/runs; choose another path or change its permissions.");
        assertUserError(new FileAlreadyExistsException("runs/x"), "runs/x already exists.");
        assertUserError(new NotDirectoryException("runs/x/best.ckpt"),
                "runs/x/best.ckpt is not a directory, but a directory was expected there.");
        assertUserError(new DirectoryNotEmptyException("runs/x"), "runs/x is a directory that is not empty.");
        assertUserError(new NoSuchFileException("data/none.npz"), "data/none.npz does not exist.");
        assertUserError(new FileSystemException("runs/x", null, "Is a directory"),
                "runs/x is a directory, but a file was expected.");
        assertUserError(new FileSystemException("/ro/x", null, "Read-only file system"),
                "/ro/x is on a read-only file system; write elsewhere.");
        assertUserError(new FileSystemException("runs/f/x", null, "Not a directory"),
                "runs/f/x is not a valid path: a part of it is a file, not a directory.");
        assertUserError(new FileSystemException("a", "b", "Invalid cross-device link"),
                "Cannot access a or b: Invalid cross-device link.");
    }

    @Test
    void runningOutOfHeapSaysHowToRaiseIt() {
        String sentence = ErrorReporter.oneLine(new OutOfMemoryError("Java heap space"));
        assertTrue(sentence.startsWith("The program ran out of memory (Java heap space, at most "), sentence);
        assertTrue(sentence.contains("raise the limit with -Xmx, e.g. BACKPROP4J_JAVA_OPTS=-Xmx8g ./backprop4j ..."),
                sentence);
        assertTrue(sentence.endsWith("or use fewer rows (--num-train) or a smaller model."), sentence);
        assertEquals(ExitCode.USAGE, ErrorReporter.classify(new OutOfMemoryError("Java heap space")));
        assertEquals(ExitCode.USAGE,
                ErrorReporter.classify(new ExecutionException(new OutOfMemoryError("Java heap space"))),
                "from a worker thread (tune --jobs)");
        assertEquals(ExitCode.FAILURE, ErrorReporter.classify(new OutOfMemoryError("unable to create native thread")));
    }

    @Command(name = "oom")
    static final class OutOfMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorEscapingACommandIsCaughtAtTheTop() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.configure(new CommandLine(new OutOfMemory()), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(ExitCode.USAGE, Main.execute(cl, new String[0]));
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("error: The program ran out of memory (Java heap space"), lines[0]);
    }
}
