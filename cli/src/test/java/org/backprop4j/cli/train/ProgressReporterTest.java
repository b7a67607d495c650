package org.backprop4j.cli.train;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The plain progress lines (a pipe, a log): the notebooks' format, the ETA since the start or the resume; and
 * the bar's text: speed and loss, both readable when the loss explodes.
 */
class ProgressReporterTest {

    private static final long SECOND = 1_000_000_000L;

    private static List<String> lines(StringWriter w) {
        return List.of(w.toString().strip().split("\\R"));
    }

    @Test
    void theEtaAfterAResumeCountsOnlyTheIterationsSinceTheResume() {
        StringWriter w = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(w), false, 80);
        p.start(1600, 800);
        p.onIteration(801, 1600, 0.5, 10, SECOND);
        p.onIteration(881, 1600, 0.4, 11, 81 * SECOND);
        // 81 iterations in 81 s since the resume: 719 left take 719 s; the first one alone tells nothing
        assertEquals(List.of("(Iteration 801 / 1600) loss: 0.500000  [0:01 elapsed, eta ?]",
                "(Iteration 881 / 1600) loss: 0.400000  [1:21 elapsed, eta 11:59]"), lines(w));
    }

    @Test
    void largeLossesArePrintedInScientificNotation() {
        StringWriter w = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(w), false, 1);
        p.start(1600, 0);
        p.onIteration(1, 1600, 2.302612, 0, 0);
        p.onIteration(81, 1600, 7.7e87, 1, 2 * SECOND);
        p.onIteration(82, 1600, -1.5e6, 1, 2 * SECOND);
        p.onIteration(83, 1600, Double.POSITIVE_INFINITY, 1, 2 * SECOND);
        assertEquals(List.of("(Iteration 1 / 1600) loss: 2.302612  [0:00 elapsed, eta ?]",
                "(Iteration 81 / 1600) loss: 7.700000e+87  [0:02 elapsed, eta 0:38]",
                "(Iteration 82 / 1600) loss: -1.500000e+06  [0:02 elapsed, eta 0:37]",
                "(Iteration 83 / 1600) loss: Infinity  [0:02 elapsed, eta 0:37]"), lines(w));
    }

    /** Runs a reporter that draws the bar into a buffer, and returns what the bar drew last. */
    private static String lastBarFrame(int done, int iteration, double loss, long elapsedNanos) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter lines = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(lines), true, new PrintStream(screen, true, UTF_8),
                10);
        p.start(1600, done);
        p.onIteration(iteration, 1600, loss, 4, elapsedNanos);
        p.close();
        assertEquals("", lines.toString(), "no plain lines while a bar is drawn");
        String[] frames = screen.toString(UTF_8).split("\r");
        return frames[frames.length - 1].strip();
    }

    @Test
    void theBarReadsItsSpeedAndLoss() {
        String frame = lastBarFrame(0, 343, 0.09651, 10 * SECOND);
        assertTrue(frame.contains(" 343/1600 (") && frame.endsWith(") 34.3 it/s, loss 0.0965"), frame);
        assertTrue(lastBarFrame(800, 1143, 0.5, 10 * SECOND).endsWith("34.3 it/s, loss 0.5000"),
                "after a resume, 343 iterations in 10 s");
        String diverged = lastBarFrame(0, 81, 7.7e87, 2 * SECOND);
        assertTrue(diverged.endsWith("40.5 it/s, loss 7.7000e+87"), diverged);
        assertTrue(diverged.contains("["), "the bar keeps its cells: " + diverged);
    }
}
