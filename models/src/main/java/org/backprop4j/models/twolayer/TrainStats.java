package org.backprop4j.models.twolayer;

/**
 * What {@code train} returns, as the notebooks' {@code stats} dictionary.
 *
 * @param lossHistory          the minibatch loss of every iteration
 * @param trainAccHistory      accuracy on the current minibatch at every epoch check
 * @param valAccHistory        validation accuracy at every epoch check
 * @param gradMagnitudeHistory ‖∇W1‖ (Frobenius) of every iteration (TwoLayerMLP only; empty otherwise)
 */
public record TrainStats(double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
        double[] gradMagnitudeHistory) {

    /** The loss of the last iteration. */
    public double finalLoss() {
        return lossHistory.length == 0 ? Double.NaN : lossHistory[lossHistory.length - 1];
    }
}
