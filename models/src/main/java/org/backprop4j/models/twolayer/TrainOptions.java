package org.backprop4j.models.twolayer;

import java.util.function.Consumer;

/**
 * Options of {@link TwoLayerNet#train}, with cs231n's defaults:
 * {@code learning_rate=1e-3, learning_rate_decay=0.95, reg=5e-6, num_iters=100, batch_size=200}.
 * For {@link TwoLayerMLP#train}, {@code numIters} is read as the number of epochs.
 *
 * @param learningRate      SGD step size
 * @param learningRateDecay factor applied to the learning rate after every epoch
 * @param reg               regularization strength
 * @param numIters          number of SGD steps (epochs for TwoLayerMLP)
 * @param batchSize         minibatch size
 * @param verbose           report progress to {@code log} (every 100 iterations, or every epoch)
 * @param log               where progress lines go when verbose
 */
public record TrainOptions(double learningRate, double learningRateDecay, double reg, int numIters, int batchSize,
        boolean verbose, Consumer<String> log) {

    /** Validates the options. */
    public TrainOptions {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate + ".");
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException(
                    "learning rate decay must lie in (0, 1], got " + learningRateDecay + ".");
        }
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("reg must be non-negative, got " + reg + ".");
        }
        if (numIters < 0 || batchSize <= 0) {
            throw new IllegalArgumentException("num_iters must be >= 0 and batch_size > 0, got " + numIters + " and "
                    + batchSize + ".");
        }
        if (log == null) {
            log = line -> {
            };
        }
    }

    /** cs231n's defaults. */
    public static TrainOptions defaults() {
        return new TrainOptions(1e-3, 0.95, 5e-6, 100, 200, false, null);
    }

    /** With another learning rate. */
    public TrainOptions learningRate(double v) {
        return new TrainOptions(v, learningRateDecay, reg, numIters, batchSize, verbose, log);
    }

    /** With another learning-rate decay. */
    public TrainOptions learningRateDecay(double v) {
        return new TrainOptions(learningRate, v, reg, numIters, batchSize, verbose, log);
    }

    /** With another regularization strength. */
    public TrainOptions reg(double v) {
        return new TrainOptions(learningRate, learningRateDecay, v, numIters, batchSize, verbose, log);
    }

    /** With another number of iterations (epochs for TwoLayerMLP). */
    public TrainOptions numIters(int v) {
        return new TrainOptions(learningRate, learningRateDecay, reg, v, batchSize, verbose, log);
    }

    /** With another batch size. */
    public TrainOptions batchSize(int v) {
        return new TrainOptions(learningRate, learningRateDecay, reg, numIters, v, verbose, log);
    }

    /** Verbose, reporting to {@code sink}. */
    public TrainOptions verbose(Consumer<String> sink) {
        return new TrainOptions(learningRate, learningRateDecay, reg, numIters, batchSize, true, sink);
    }
}
