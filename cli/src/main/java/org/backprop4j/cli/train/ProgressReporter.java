package org.backprop4j.cli.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.backprop4j.solver.SolverListener;

/**
 * Shows training progress: on a terminal, a progress bar with the loss and the ETA (me.tongfei
 * progressbar) and the notebooks' epoch lines above it; elsewhere (a pipe, a CI log), plain lines —
 * the iteration line every {@code printEvery} iterations with an ETA, and every epoch line.
 */
public final class ProgressReporter implements SolverListener, AutoCloseable {

    private final PrintWriter out;
    private final boolean terminal;
    private final int printEvery;
    private ProgressBar bar;

    /**
     * @param out        where lines go
     * @param terminal   draw a progress bar (only when standard error is an interactive terminal)
     * @param printEvery iterations between plain progress lines
     */
    public ProgressReporter(PrintWriter out, boolean terminal, int printEvery) {
        this.out = out;
        this.terminal = terminal;
        this.printEvery = Math.max(1, printEvery);
    }

    /** Starts the bar for a run of {@code numIterations} iterations, {@code done} of them already done. */
    public void start(int numIterations, int done) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(numIterations).startsFrom(done, Duration.ZERO)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
        }
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        if (bar != null) {
            bar.stepTo(iteration);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        } else if ((iteration - 1) % printEvery == 0 || iteration == numIterations) {
            out.println(String.format(Locale.ROOT, "(Iteration %d / %d) loss: %f  [%s elapsed, eta %s]", iteration,
                    numIterations, loss, format(elapsedNanos), eta(elapsedNanos, iteration, numIterations)));
            out.flush();
        }
    }

    @Override
    public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long elapsedNanos) {
        String line = String.format(Locale.ROOT, "(Epoch %d / %d) train acc: %f; val acc: %f%s", epoch, numEpochs,
                trainAcc, valAcc, improved ? "  *best*" : "");
        if (bar != null) {
            // clear the bar's line, print above it; the bar redraws itself below
            System.err.print("\r\033[2K");
            System.err.flush();
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

    private static String eta(long elapsedNanos, int done, int total) {
        if (done == 0) {
            return "?";
        }
        return format((long) ((double) elapsedNanos / done * (total - done)));
    }

    private static String format(long nanos) {
        long s = Math.round(nanos / 1e9);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
