package org.backprop4j.models.twolayer;

import org.backprop4j.matrix.DType;
import org.backprop4j.models.Regularization;

/**
 * The configuration of a {@link TwoLayerNet}: {@code input - affine - activation - affine - softmax}.
 *
 * @param inputSize      D, the input dimension
 * @param hiddenSize     H, the number of hidden units
 * @param numClasses     C, the number of classes
 * @param std            weights are {@code std * randn}; biases start at zero
 * @param activation     the hidden nonlinearity
 * @param layout         how W1 and W2 are stored
 * @param regularization the penalty convention used by {@code loss(X, y, reg)}
 * @param dtype          the parameters' dtype
 */
public record TwoLayerNetConfig(int inputSize, int hiddenSize, int numClasses, double std, Activation activation,
                                Layout layout, Regularization regularization, DType dtype) {

    /** Validates the sizes. */
    public TwoLayerNetConfig {
        if (inputSize <= 0 || hiddenSize <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("TwoLayerNet sizes must be positive: input " + inputSize + ", hidden "
                    + hiddenSize + ", classes " + numClasses + ".");
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("TwoLayerNet std must be a finite non-negative number, got " + std + ".");
        }
    }

    /** cs231n's {@code TwoLayerNet(input_size, hidden_size, output_size, std=1e-4)}: ReLU, W1 (D, H), {@code reg·ΣW²}, float64. */
    public static TwoLayerNetConfig cs231n(int inputSize, int hiddenSize, int numClasses) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, 1e-4, Activation.RELU, Layout.INPUT_BY_OUTPUT,
                Regularization.L2, DType.FLOAT64);
    }

    /** nndl's {@code neural_net.TwoLayerNet}: W1 stored (H, D), W2 (C, H), {@code 0.5·reg·ΣW²}. */
    public static TwoLayerNetConfig nndl(int inputSize, int hiddenSize, int numClasses) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, 1e-4, Activation.RELU, Layout.OUTPUT_BY_INPUT,
                Regularization.L2_HALF, DType.FLOAT64);
    }

    /** Seed 002's {@code TwoLayerMLP(input_size, hidden_size, output_size, std=1e-4, activation)}: W1 (D, H), {@code 0.5·reg·ΣW²}. */
    public static TwoLayerNetConfig mlp(int inputSize, int hiddenSize, int numClasses, Activation activation) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, 1e-4, activation, Layout.INPUT_BY_OUTPUT,
                Regularization.L2_HALF, DType.FLOAT64);
    }

    /** This configuration with another {@code std}. */
    public TwoLayerNetConfig withStd(double s) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, s, activation, layout, regularization, dtype);
    }

    /** This configuration with another dtype. */
    public TwoLayerNetConfig withDType(DType d) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, std, activation, layout, regularization, d);
    }

    /** This configuration with another activation. */
    public TwoLayerNetConfig withActivation(Activation a) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, std, a, layout, regularization, dtype);
    }

    /** This configuration with another regularization convention. */
    public TwoLayerNetConfig withRegularization(Regularization r) {
        return new TwoLayerNetConfig(inputSize, hiddenSize, numClasses, std, activation, layout, r, dtype);
    }
}
