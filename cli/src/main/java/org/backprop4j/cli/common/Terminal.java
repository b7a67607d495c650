package org.backprop4j.cli.common;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether standard error is an interactive terminal: the progress bar is drawn on standard error, so this
 * decides whether there is one (with {@code 2> err.log} there is none, and the plain progress lines go to
 * standard output instead).
 *
 * <p>{@link System#console()} alone cannot tell: it describes standard input and output, not standard error,
 * and from JDK 22 on it is non-null even for pipes. On Linux the answer is where {@code /proc/self/fd/2}
 * points ({@code /dev/pts/N}, {@code /dev/ttyN}: a terminal; a file, a pipe, {@code /dev/null}: not).
 * Elsewhere the console is asked: none means no terminal, and on JDK 22+ {@code Console.isTerminal()}
 * (called by reflection, as the code is built for Java 17) must say yes. {@code TERM=dumb} (Emacs shells,
 * some CI runners) never gets a bar.
 */
public final class Terminal {

    /** What {@link System#console()} says about the standard streams. */
    public enum ConsoleStatus {
        /** No console: standard input or output is redirected (JDK 17 to 21). */
        NONE,
        /** A console whose {@code isTerminal()} is false (JDK 22+, redirected streams). */
        NOT_TERMINAL,
        /** A console on a terminal (JDK 22+ {@code isTerminal()}, or any console before JDK 22). */
        TERMINAL
    }

    private Terminal() {
    }

    /** True if standard error of this process is an interactive terminal that a progress bar may be drawn on. */
    public static boolean standardErrorIsTerminal() {
        return decide(fileDescriptorTarget(2), consoleStatus(), System.getenv("TERM"));
    }

    /**
     * The decision, from what the operating system and the JDK report.
     *
     * @param stderrTarget where {@code /proc/self/fd/2} points, if the system has it
     * @param console what the JDK's console says, used only without {@code /proc}
     * @param term the {@code TERM} variable, or null
     */
    public static boolean decide(Optional<String> stderrTarget, ConsoleStatus console, String term) {
        if ("dumb".equals(term)) {
            return false;
        }
        if (stderrTarget.isPresent()) {
            String t = stderrTarget.get();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
        }
        return console == ConsoleStatus.TERMINAL;
    }

    /** Where {@code /proc/self/fd/N} points, if the system has {@code /proc}. */
    static Optional<String> fileDescriptorTarget(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).toString()) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** What {@link System#console()} and, on JDK 22+, {@code Console.isTerminal()} say. */
    static ConsoleStatus consoleStatus() {
        Console console = System.console();
        if (console == null) {
            return ConsoleStatus.NONE;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console))
                    ? ConsoleStatus.TERMINAL
                    : ConsoleStatus.NOT_TERMINAL;
        } catch (NoSuchMethodException e) {
            return ConsoleStatus.TERMINAL; // before JDK 22 a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return ConsoleStatus.NOT_TERMINAL;
        }
    }
}
