package org.backprop4j.models.cnn;

import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.matrix.DType;

/**
 * The configuration of a {@link ThreeLayerConvNet}, with the defaults of cs231n's {@code cnn.py}
 * ({@code input_dim=(3, 32, 32), num_filters=32, filter_size=7, hidden_dim=100, num_classes=10, weight_scale=1e-3,
 * reg=0.0, dtype=np.float32}).
 *
 * @param channels    C of {@code input_dim}
 * @param height      H of {@code input_dim}, even (the 2x2 pooling halves it)
 * @param width       W of {@code input_dim}, even
 * @param numFilters  F, the filters of the convolutional layer
 * @param filterSize  HH = WW, odd (the padding {@code (filter_size - 1) / 2} keeps the input's size)
 * @param hiddenDim   units of the hidden affine layer
 * @param numClasses  scores per example
 * @param weightScale weights are drawn as {@code weight_scale * randn}
 * @param reg         L2 strength, with the {@code 0.5·reg·ΣW²} convention
 * @param dtype       parameter dtype (float64 for gradient checks)
 */
public record ThreeLayerConvNetConfig(int channels, int height, int width, int numFilters, int filterSize,
        int hiddenDim, int numClasses, double weightScale, double reg, DType dtype) {

    /** cs231n's {@code pool_param}: 2x2 windows with stride 2. */
    public static final PoolParam POOL_PARAM = new PoolParam(2, 2, 2);

    /** Validates: every size positive, H and W even, the filter size odd, scale and reg non-negative. */
    public ThreeLayerConvNetConfig {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input_dim (C, H, W) must be positive, got (" + channels + ", " + height
                    + ", " + width + ").");
        }
        if (height % 2 != 0 || width % 2 != 0) {
            throw new IllegalArgumentException("input_dim H and W must be even for the 2x2 max pooling of stride 2, "
                    + "got (" + channels + ", " + height + ", " + width + ").");
        }
        if (numFilters <= 0 || hiddenDim <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("num_filters, hidden_dim and num_classes must be positive, got "
                    + numFilters + ", " + hiddenDim + " and " + numClasses + ".");
        }
        if (filterSize <= 0 || filterSize % 2 == 0) {
            throw new IllegalArgumentException("filter_size must be a positive odd number (the padding is "
                    + "(filter_size - 1) / 2, which keeps H and W only for odd sizes), got " + filterSize + ".");
        }
        if (!(weightScale >= 0) || Double.isInfinite(weightScale)) {
            throw new IllegalArgumentException(
                    "weight_scale must be a finite non-negative number, got " + weightScale + ".");
        }
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("reg must be non-negative, got " + reg + ".");
        }
    }

    /** The notebook's {@code ThreeLayerConvNet()}: CIFAR-10's (3, 32, 32), 32 filters of 7x7, 100 hidden, float32. */
    public static ThreeLayerConvNetConfig defaults() {
        return new ThreeLayerConvNetConfig(3, 32, 32, 32, 7, 100, 10, 1e-3, 0.0, DType.FLOAT32);
    }

    /** {@code C*H*W}, the values of one input row. */
    public int inputSize() {
        return channels * height * width;
    }

    /** {@code conv_param = {'stride': 1, 'pad': (filter_size - 1) // 2}}. */
    public ConvParam convParam() {
        return new ConvParam(1, (filterSize - 1) / 2);
    }

    /** The rows of W2: {@code num_filters * H/2 * W/2}, the pooled feature map flattened. */
    public int pooledSize() {
        return numFilters * (height / 2) * (width / 2);
    }

    /** With another {@code input_dim}. */
    public ThreeLayerConvNetConfig inputDim(int c, int h, int w) {
        return new ThreeLayerConvNetConfig(c, h, w, numFilters, filterSize, hiddenDim, numClasses, weightScale, reg,
                dtype);
    }

    /** With another number of filters. */
    public ThreeLayerConvNetConfig numFilters(int f) {
        return new ThreeLayerConvNetConfig(channels, height, width, f, filterSize, hiddenDim, numClasses, weightScale,
                reg, dtype);
    }

    /** With another filter size. */
    public ThreeLayerConvNetConfig filterSize(int size) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, size, hiddenDim, numClasses,
                weightScale, reg, dtype);
    }

    /** With another hidden layer size. */
    public ThreeLayerConvNetConfig hiddenDim(int h) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, filterSize, h, numClasses, weightScale,
                reg, dtype);
    }

    /** With another number of classes. */
    public ThreeLayerConvNetConfig numClasses(int c) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, filterSize, hiddenDim, c, weightScale,
                reg, dtype);
    }

    /** With another weight scale. */
    public ThreeLayerConvNetConfig weightScale(double s) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, filterSize, hiddenDim, numClasses, s,
                reg, dtype);
    }

    /** With another regularization strength. */
    public ThreeLayerConvNetConfig reg(double r) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, filterSize, hiddenDim, numClasses,
                weightScale, r, dtype);
    }

    /** With another dtype. */
    public ThreeLayerConvNetConfig dtype(DType d) {
        return new ThreeLayerConvNetConfig(channels, height, width, numFilters, filterSize, hiddenDim, numClasses,
                weightScale, reg, d);
    }
}
