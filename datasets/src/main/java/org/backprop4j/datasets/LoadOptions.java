package org.backprop4j.datasets;

import java.util.Objects;

import org.backprop4j.datasets.image.PixelLayout;
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
 * @param rowLayout the order of the values of each image row: {@link PixelLayout#HWC} (the default, the rows
 *     cs231n's fully connected nets train on) or {@link PixelLayout#CHW} (the {@code (N, C, H, W)} images of its
 *     convolutional nets, {@code X.transpose(0, 3, 1, 2)}: CIFAR-10's own order, kept as stored); the mean image
 *     follows it. Ignored for {@code npz}, whose rows are used as stored.
 */
public record LoadOptions(DType dtype, int numTrain, int numVal, int numTest, Boolean subtractMean,
        PixelLayout rowLayout) {

    /** float64, all rows, the data set's default preprocessing, HWC rows. */
    public static final LoadOptions DEFAULTS = new LoadOptions(DType.FLOAT64, -1, -1, -1, null);

    /** @throws NullPointerException if {@code dtype} or {@code rowLayout} is null */
    public LoadOptions {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(rowLayout, "rowLayout");
    }

    /** Options with HWC rows. */
    public LoadOptions(DType dtype, int numTrain, int numVal, int numTest, Boolean subtractMean) {
        this(dtype, numTrain, numVal, numTest, subtractMean, PixelLayout.HWC);
    }

    /** These options with image rows in {@code layout} (CHW for convolutional nets). */
    public LoadOptions withRowLayout(PixelLayout layout) {
        return new LoadOptions(dtype, numTrain, numVal, numTest, subtractMean, layout);
    }

    /** These options with element type {@code d}. */
    public LoadOptions withDType(DType d) {
        return new LoadOptions(d, numTrain, numVal, numTest, subtractMean, rowLayout);
    }

    /** These options keeping only the first {@code n} training rows. */
    public LoadOptions withNumTrain(int n) {
        return new LoadOptions(dtype, n, numVal, numTest, subtractMean, rowLayout);
    }

    /** These options keeping only the first {@code n} validation rows. */
    public LoadOptions withNumVal(int n) {
        return new LoadOptions(dtype, numTrain, n, numTest, subtractMean, rowLayout);
    }

    /** These options keeping only the first {@code n} test rows. */
    public LoadOptions withNumTest(int n) {
        return new LoadOptions(dtype, numTrain, numVal, n, subtractMean, rowLayout);
    }

    /** These options with mean subtraction switched on or off (null: the data set's default). */
    public LoadOptions withSubtractMean(Boolean subtract) {
        return new LoadOptions(dtype, numTrain, numVal, numTest, subtract, rowLayout);
    }
}
