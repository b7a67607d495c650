package org.backprop4j.solver;

import org.backprop4j.kernel.NonFiniteLossException;

/**
 * Training stopped because it diverged: a minibatch loss became NaN or infinite, exceeded
 * {@link SolverOptions#divergenceFactor()} times the first iteration's loss, or an update left a parameter
 * NaN or infinite. The message is one sentence naming the iteration; the fields say the same for callers
 * that phrase their own.
 */
public class TrainingDivergedException extends NonFiniteLossException {
    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final int numIterations;
    private final int epoch;
    private final double loss;
    private final String reason;

    /** Creates the exception with its one-sentence message. */
    public TrainingDivergedException(String message) {
        this(message, 0, 0, 0, Double.NaN, message);
    }

    /**
     * @param message       the one-sentence message
     * @param iteration     the 1-based iteration that diverged
     * @param numIterations the run's iterations
     * @param epoch         epochs completed before it
     * @param loss          that iteration's minibatch loss (NaN if there was none)
     * @param reason        what happened, e.g. {@code "the loss 5.1e+03 is more than 1000 times the first iteration's 2.30"}
     */
    public TrainingDivergedException(String message, int iteration, int numIterations, int epoch, double loss,
            String reason) {
        super(message);
        this.iteration = iteration;
        this.numIterations = numIterations;
        this.epoch = epoch;
        this.loss = loss;
        this.reason = reason;
    }

    /** The 1-based iteration that diverged. */
    public int iteration() {
        return iteration;
    }

    /** The run's iterations. */
    public int numIterations() {
        return numIterations;
    }

    /** Epochs completed before the divergence. */
    public int epoch() {
        return epoch;
    }

    /** That iteration's minibatch loss, NaN if there was none. */
    public double loss() {
        return loss;
    }

    /** What happened, as a clause. */
    public String reason() {
        return reason;
    }
}
