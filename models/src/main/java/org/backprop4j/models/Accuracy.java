package org.backprop4j.models;

/** Classification accuracy, {@code np.mean(y_pred == y)}. */
public final class Accuracy {

    private Accuracy() {
    }

    /** The fraction of positions where {@code predicted} equals {@code y}. */
    public static double of(int[] predicted, int[] y) {
        if (predicted.length != y.length) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " predictions for " + y.length
                    + " labels.");
        }
        if (y.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < y.length; i++) {
            if (predicted[i] == y[i]) {
                hits++;
            }
        }
        return (double) hits / y.length;
    }
}
