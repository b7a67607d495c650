package org.backprop4j.solver;

import org.backprop4j.matrix.Matrix;

/**
 * The Solver's {@code data} dictionary: training and validation inputs (N, D) and labels.
 *
 * @param xTrain training inputs
 * @param yTrain training labels
 * @param xVal   validation inputs
 * @param yVal   validation labels
 */
public record TrainingData(Matrix xTrain, int[] yTrain, Matrix xVal, int[] yVal) {

    /** Checks that inputs and labels agree in number. */
    public TrainingData {
        if (xTrain.rows() != yTrain.length) {
            throw new IllegalArgumentException("X_train has " + xTrain.rows() + " rows but y_train has " + yTrain.length
                    + " labels.");
        }
        if (xVal.rows() != yVal.length) {
            throw new IllegalArgumentException("X_val has " + xVal.rows() + " rows but y_val has " + yVal.length
                    + " labels.");
        }
        if (xTrain.cols() != xVal.cols()) {
            throw new IllegalArgumentException("X_train has " + xTrain.cols() + " columns but X_val has " + xVal.cols()
                    + ".");
        }
        if (xTrain.rows() == 0) {
            throw new IllegalArgumentException("X_train is empty.");
        }
    }
}
