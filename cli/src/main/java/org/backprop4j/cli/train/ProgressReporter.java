package org.backprop4j.cli.train;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.backprop4j.cli.common.Terminal;
import org.backprop4j.solver.SolverListener;

/**
 * Shows training progress. The bar is drawn on standard error, so where it goes is decided by standard
 * error alone ({@link Terminal#standardErrorIsTerminal()}): on a terminal, a progress bar (me.tongfei
 * progressbar) reading {@code 34.3 it/s, loss 0.0965} with an ETA, and the notebooks' epoch lines above
 * it; otherwise ({@code 2> err.log}, a pipe, a CI log) plain lines on standard output — the iteration line
 * every {@code printEvery} iterations with an ETA, and every epoch line. Speeds and ETAs count only the
 * iterations of this process, so after {@code --resume} they are not diluted by the restored ones.
 * Losses of a million or more print in scientific notation ({@code 7.700000e+87}), so a diverging run
 * keeps readable lines and a bar of normal width.
 */
public final class ProgressReporter implements SolverListener, AutoCloseable {

    /** From this magnitude on a loss prints as {@code 7.700000e+87} instead of all its digits. */
    static final double SCIENTIFIC_FROM = 1e6;

    private final PrintWriter out;
    private final boolean drawBar;
    private final PrintStream barStream;
    private final int printEvery;
    private ProgressBar bar;
    private int startIteration;

    /**
     * @param out        where lines go
     * @param terminal   a bar is wanted (an interactive, not {@code --quiet} run); it is drawn only where
     *                   standard error is a terminal
     * @param printEvery iterations between plain progress lines
     */
    public ProgressReporter(PrintWriter out, boolean terminal, int printEvery) {
        this(out, terminal && Terminal.standardErrorIsTerminal(), System.err, printEvery);
    }

    /** As the public constructor, with the decision taken and the bar's stream given (for tests). */
    ProgressReporter(PrintWriter out, boolean drawBar, PrintStream barStream, int printEvery) {
        this.out = out;
        this.drawBar = drawBar;
        this.barStream = barStream;
        this.printEvery = Math.max(1, printEvery);
    }

    /** Starts the bar for a run of {@code numIterations} iterations, {@code done} of them already done (a resume). */
    public void start(int numIterations, int done) {
        startIteration = done;
        if (drawBar) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(numIterations)
                    .startsFrom(done, Duration.ZERO)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(barStream)).build();
        }
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        if (bar != null) {
            bar.stepTo(iteration);
            bar.setExtraMessage(speed(iteration, elapsedNanos) + ", loss " + loss(loss, 4));
        } else if ((iteration - 1) % printEvery == 0 || iteration == numIterations) {
            out.println(String.format(Locale.ROOT, "(Iteration %d / %d) loss: %s  [%s elapsed, eta %s]", iteration,
                    numIterations, loss(loss, 6), format(elapsedNanos), eta(elapsedNanos, iteration, numIterations)));
            out.flush();
        }
    }

    @Override
    public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long elapsedNanos) {
        String line = String.format(Locale.ROOT, "(Epoch %d / %d) train acc: %f; val acc: %f%s", epoch, numEpochs,
                trainAcc, valAcc, improved ? "  *best*" : "");
        if (bar != null) {
            // clear the bar's line, print above it; the bar redraws itself below
            barStream.print("\r\033[2K");
            barStream.flush();
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /**
     * A loss as the notebooks print it ({@code %f}, here with {@code decimals} digits), or in scientific notation
     * from a magnitude of {@value #SCIENTIFIC_FROM} on.
     */
    static String loss(double v, int decimals) {
        String format = Math.abs(v) >= SCIENTIFIC_FROM && Double.isFinite(v)
                ? "%." + decimals + "e"
                : "%." + decimals + "f";
        return String.format(Locale.ROOT, format, v);
    }

    /** Iterations per second since this process started training, e.g. {@code 34.3 it/s}. */
    private String speed(int iteration, long elapsedNanos) {
        int done = iteration - startIteration;
        return elapsedNanos <= 0 || done <= 0
                ? "? it/s"
                : String.format(Locale.ROOT, "%.1f it/s", done / (elapsedNanos / 1e9));
    }

    /**
     * The time the remaining iterations take at the pace of those done since the start (or the resume); unknown
     * after the first, which includes the warm-up.
     */
    private String eta(long elapsedNanos, int iteration, int total) {
        int done = iteration - startIteration;
        if (done <= 1 || elapsedNanos <= 0) {
            return "?";
        }
        return format((long) ((double) elapsedNanos / done * (total - iteration)));
    }

    private static String format(long nanos) {
        long s = Math.round(nanos / 1e9);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
