package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * The state of one batch-normalization layer, as the Python {@code bn_param} dictionary: the mode,
 * {@code eps}, {@code momentum}, and the running mean and variance, which start at zero and are
 * updated in place by every training-mode forward pass:
 * {@code running = momentum * running + (1 - momentum) * sample}.
 */
public final class BatchnormParam {
    private Mode mode = Mode.TRAIN;
    private final double eps;
    private final double momentum;
    private Matrix runningMean;
    private Matrix runningVar;

    /** A training-mode parameter with the notebooks' defaults, {@code eps = 1e-5}, {@code momentum = 0.9}. */
    public BatchnormParam() {
        this(1e-5, 0.9);
    }

    /** A training-mode parameter with the given {@code eps} and {@code momentum}. */
    public BatchnormParam(double eps, double momentum) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("batchnorm eps must be positive, got " + eps + ".");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchnorm momentum must lie in [0, 1], got " + momentum + ".");
        }
        this.eps = eps;
        this.momentum = momentum;
    }

    /** Train or test. */
    public Mode mode() {
        return mode;
    }

    /** Switches between training and test behaviour. */
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Added to the variance before the square root. */
    public double eps() {
        return eps;
    }

    /** Weight of the old running statistics in each update. */
    public double momentum() {
        return momentum;
    }

    /** Running mean, shape (1, D), or {@code null} before the first training pass (meaning zeros). */
    public Matrix runningMean() {
        return runningMean;
    }

    /** Running variance, shape (1, D), or {@code null} before the first training pass (meaning zeros). */
    public Matrix runningVar() {
        return runningVar;
    }

    /** Replaces the running statistics (used when restoring a checkpoint). */
    public void setRunning(Matrix mean, Matrix var) {
        this.runningMean = mean;
        this.runningVar = var;
    }
}
