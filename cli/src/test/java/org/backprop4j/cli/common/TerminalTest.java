package org.backprop4j.cli.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.backprop4j.cli.common.Terminal.ConsoleStatus;
import org.junit.jupiter.api.Test;

/** The progress bar's decision: standard error's terminal status, from /proc or the JDK's console. */
class TerminalTest {

    @Test
    void onLinuxTheTargetOfFileDescriptorTwoDecides() {
        for (ConsoleStatus console : ConsoleStatus.values()) {
            assertTrue(Terminal.decide(Optional.of("/dev/pts/3"), console, "xterm-256color"), console.name());
            assertTrue(Terminal.decide(Optional.of("/dev/tty1"), console, null));
            assertFalse(Terminal.decide(Optional.of("/home/u/err.log"), console, "xterm"), "2> err.log: " + console);
            assertFalse(Terminal.decide(Optional.of("pipe:[48213]"), console, "xterm"), "2>&1 | tee: " + console);
            assertFalse(Terminal.decide(Optional.of("/dev/null"), console, "xterm"));
            assertFalse(Terminal.decide(Optional.of("socket:[991]"), console, "xterm"));
        }
    }

    @Test
    void withoutProcTheConsoleMustBeATerminal() {
        assertTrue(Terminal.decide(Optional.empty(), ConsoleStatus.TERMINAL, "xterm"));
        assertFalse(Terminal.decide(Optional.empty(), ConsoleStatus.NOT_TERMINAL, "xterm"),
                "JDK 22+ has a console for pipes too");
        assertFalse(Terminal.decide(Optional.empty(), ConsoleStatus.NONE, "xterm"));
    }

    @Test
    void aDumbTerminalGetsNoBar() {
        assertFalse(Terminal.decide(Optional.of("/dev/pts/0"), ConsoleStatus.TERMINAL, "dumb"));
    }

    @Test
    void thisTestsStandardErrorIsSurefiresPipeNotATerminal() {
        assertFalse(Terminal.standardErrorIsTerminal());
    }
}
