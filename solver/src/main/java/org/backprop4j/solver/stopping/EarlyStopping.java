package org.backprop4j.solver.stopping;

import java.util.Locale;

import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;

/**
 * Early stopping, as Keras' {@code EarlyStopping(monitor='val_acc', patience, min_delta)}: at every accuracy
 * check, if the validation accuracy has not risen by more than {@code minDelta} above the best so far for
 * {@code patience} checks, it asks the Solver to stop ({@link Solver#requestStop}). The Solver then restores
 * the parameters of its best validation accuracy, as at the end of any run.
 *
 * <p>The decision is a function of the validation-accuracy history alone ({@link #reason}), so a run resumed
 * from a checkpoint comes to the same decision as the uninterrupted run, and a checkpoint can be asked
 * whether its run had stopped.
 */
public final class EarlyStopping implements SolverListener {

    private final Solver solver;
    private final int patience;
    private final double minDelta;

    /**
     * Stops {@code solver} after {@code patience} checks without improvement.
     *
     * @param patience checks (one per epoch) to wait for an improvement, at least 1
     * @param minDelta the rise in validation accuracy (a fraction, e.g. 0.001) that counts as one, at least 0
     */
    public EarlyStopping(Solver solver, int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException(
                    "patience must be positive and minDelta non-negative, got " + patience + " and " + minDelta + ".");
        }
        this.solver = solver;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long t) {
        String why = reason(solver.valAccHistory(), epoch, patience, minDelta);
        if (why != null) {
            solver.requestStop(why);
        }
    }

    /**
     * Why a run whose checks so far measured {@code valAccHistory} stops, or null if it goes on: the checks
     * after the last improvement (a validation accuracy more than {@code minDelta} above the best before it;
     * the first check is the first best) number {@code patience} or more.
     *
     * @param valAccHistory the validation accuracy of every check, the first iteration's first
     * @param epoch         epochs completed at the last check (to name the epoch of the best)
     * @param patience      checks to wait, or 0 for never stopping
     * @param minDelta      the rise that counts as an improvement
     */
    public static String reason(double[] valAccHistory, int epoch, int patience, double minDelta) {
        if (patience <= 0 || valAccHistory.length == 0) {
            return null;
        }
        int best = 0;
        for (int i = 1; i < valAccHistory.length; i++) {
            if (valAccHistory[i] > valAccHistory[best] + minDelta) {
                best = i;
            }
        }
        int since = valAccHistory.length - 1 - best;
        if (since < patience) {
            return null;
        }
        return String.format(Locale.ROOT, "the validation accuracy has not risen by more than %s for %d epochs "
                + "(best %.4f at epoch %d)", minDelta == 0 ? "0" : Double.toString(minDelta), since,
                valAccHistory[best], epoch - since);
    }
}
