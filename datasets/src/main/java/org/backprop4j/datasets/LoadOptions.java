package org.backprop4j.datasets;

import java.util.Objects;

import org.backprop4j.matrix.DType;

/**
 * How to turn a data set into matrices.
 *
 * @param dtype element type of the data matrices
 * @param numTrain keep only the first {@code numTrain} training rows (cs231n's {@code X_train[:num_train]});
 *     negative for all
 * @param numVal keep only the first {@code numVal} validation rows; negative for all
 * @param numTest keep only the first {@code numTest} test rows; negative for all
 * @param subtractMean subtract the training split's mean image, or null for the data set's default
 *     (CIFAR-10: yes, as cs231n; MNIST family and {@code mnist-10k}: no; {@code npz}: never)
 */
public record LoadOptions(DType dtype, int numTrain, int numVal, int numTest, Boolean subtractMean) {

    /** float64, all rows, the data set's default preprocessing. */
    public static final LoadOptions DEFAULTS = new LoadOptions(DType.FLOAT64, -1, -1, -1, null);

    /** @throws NullPointerException if {@code dtype} is null */
    public LoadOptions {
        Objects.requireNonNull(dtype, "dtype");
    }

    /** These options with element type {@code d}. */
    public LoadOptions withDType(DType d) {
        return new LoadOptions(d, numTrain, numVal, numTest, subtractMean);
    }

    /** These options keeping only the first {@code n} training rows. */
    public LoadOptions withNumTrain(int n) {
        return new LoadOptions(dtype, n, numVal, numTest, subtractMean);
    }

    /** These options keeping only the first {@code n} validation rows. */
    public LoadOptions withNumVal(int n) {
        return new LoadOptions(dtype, numTrain, n, numTest, subtractMean);
    }

    /** These options keeping only the first {@code n} test rows. */
    public LoadOptions withNumTest(int n) {
        return new LoadOptions(dtype, numTrain, numVal, n, subtractMean);
    }

    /** These options with mean subtraction switched on or off (null: the data set's default). */
    public LoadOptions withSubtractMean(Boolean subtract) {
        return new LoadOptions(dtype, numTrain, numVal, numTest, subtract);
    }
}
