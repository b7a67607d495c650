package org.backprop4j.models.twolayer;

import org.backprop4j.matrix.DType;

/**
 * What the notebooks' two-layer nets are built from, their {@code (input_size, hidden_size, output_size,
 * std=1e-4)}, and the dtype: {@link TwoLayerNet}, {@link NndlTwoLayerNet} and {@link TwoLayerMLP} take it.
 *
 * @param inputSize  D, the input dimension
 * @param hiddenSize H, the number of hidden units
 * @param numClasses C, the number of classes
 * @param std        weights are {@code std * randn}; biases start at zero
 * @param dtype      the parameters' dtype
 */
public record TwoLayerNetConfig(int inputSize, int hiddenSize, int numClasses, double std, DType dtype) {

    /** Validates the sizes and {@code std}. */
    public TwoLayerNetConfig {
        if (inputSize <= 0 || hiddenSize <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("TwoLayerNet sizes must be positive: input " + inputSize + ", hidden "
                    + hiddenSize + ", classes " + numClasses + ".");
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(
                    "TwoLayerNet std must be a finite non-negative number, got " + std + ".");
        }
    }

    /** {@code (input_size, hidden_size, output_size)} with the notebooks' default {@code std=1e-4}, in float64. */
    public static TwoLayerNetConfig of(int inputSize, int hiddenSize, int numClasses) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, 1e-4, DType.FLOAT64);
    }

    /** This configuration with another {@code std}. */
    public TwoLayerNetConfig withStd(double s) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, s, dtype);
    }

    /** This configuration with another dtype. */
    public TwoLayerNetConfig withDType(DType d) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, std, d);
    }
}
