package org.backprop4j.solver;

import java.util.Locale;
import java.util.function.Consumer;

import org.backprop4j.models.Parameters;

/**
 * Hears the Solver's progress, so a caller can draw progress bars and plots; the Solver prints only the
 * notebook's lines, and only to a sink given to {@link Solver#printTo}. Every method does nothing by default.
 *
 * <p>The order of one {@link Solver#train()}: {@link #onTrainBegin}; then for each iteration
 * {@link #onEpochBegin} (before an epoch's first iteration), {@link #onIterationBegin}, {@link #onGradients},
 * {@link #onIteration} and, at an accuracy check, {@link #onEpoch}; finally {@link #onTrainEnd}. A listener that
 * holds the Solver may end the run early with {@link Solver#requestStop(String)}.
 */
public interface SolverListener {

    /**
     * Before the first iteration of {@link Solver#train()}.
     *
     * @param iteration     iterations completed so far (0, or where a resumed run stands)
     * @param numIterations total iterations of the run
     */
    default void onTrainBegin(int iteration, int numIterations) {
    }

    /**
     * Before the first iteration of an epoch (also of the first epoch a resumed run goes on with).
     *
     * @param epoch     epochs completed so far (0-based index of the epoch that begins)
     * @param numEpochs total epochs
     */
    default void onEpochBegin(int epoch, int numEpochs) {
    }

    /**
     * Before an iteration draws its minibatch.
     *
     * @param iteration     1-based iteration about to run
     * @param numIterations total iterations of the run
     */
    default void onIterationBegin(int iteration, int numIterations) {
    }

    /**
     * After every iteration.
     *
     * @param iteration     1-based iteration just completed
     * @param numIterations total iterations of the run
     * @param loss          that iteration's minibatch loss
     * @param epoch         epochs completed so far
     * @param elapsedNanos  time since {@code train()} started
     */
    default void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
    }

    /**
     * After each iteration's backward pass, before the update rule reads them: the minibatch gradients of the
     * loss, by parameter name (seed 002 records {@code np.linalg.norm(grads['W1'])} here). Read them during the
     * call; they are not kept, and must not be changed.
     *
     * @param iteration 1-based iteration whose gradients these are
     * @param grads     the gradients, same names and shapes as the parameters
     */
    default void onGradients(int iteration, Parameters grads) {
    }

    /**
     * After every accuracy check (the first iteration, every epoch end, the last iteration).
     *
     * @param epoch        epochs completed
     * @param numEpochs    total epochs
     * @param trainAcc     training accuracy (on a sample)
     * @param valAcc       validation accuracy
     * @param improved     whether this is the best validation accuracy so far (its parameters are kept)
     * @param elapsedNanos time since {@code train()} started
     */
    default void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved,
            long elapsedNanos) {
    }

    /**
     * After the last iteration (or the one a stop was requested at), once the best parameters are back in the
     * model; not called when the run diverges.
     *
     * @param iteration     iterations completed
     * @param numIterations total iterations the run was to have
     * @param stopReason    why it stopped early ({@link Solver#requestStop}), or null if it ran to the end
     */
    default void onTrainEnd(int iteration, int numIterations, String stopReason) {
    }

    /**
     * The notebook's progress lines, {@code (Iteration 1 / 40) loss: 2.344782} every {@code printEvery}
     * iterations and {@code (Epoch 0 / 20) train acc: 0.340000; val acc: 0.123000} at every check.
     */
    static SolverListener printing(Consumer<String> sink, int printEvery) {
        return new SolverListener() {
            @Override
            public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
                if ((iteration - 1) % printEvery == 0) {
                    sink.accept(String.format(Locale.ROOT, "(Iteration %d / %d) loss: %f", iteration,
                            numIterations, loss));
                }
            }

            @Override
            public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved,
                    long elapsedNanos) {
                sink.accept(String.format(Locale.ROOT, "(Epoch %d / %d) train acc: %f; val acc: %f", epoch,
                        numEpochs, trainAcc, valAcc));
            }
        };
    }
}
