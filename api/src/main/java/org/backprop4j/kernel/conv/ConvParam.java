package org.backprop4j.kernel.conv;

/**
 * The Python {@code conv_param} dictionary: {@code {'stride': stride, 'pad': pad}}. The input is zero-padded by
 * {@code pad} pixels on every side, and the filter moves {@code stride} pixels at a time.
 *
 * @param stride pixels between neighbouring filter positions, at least 1
 * @param pad    zero pixels added on each side of the input, at least 0
 */
public record ConvParam(int stride, int pad) {

    /** @throws IllegalArgumentException if {@code stride < 1} or {@code pad < 0} */
    public ConvParam {
        if (stride < 1) {
            throw new IllegalArgumentException("conv_param stride must be at least 1, got " + stride + ".");
        }
        if (pad < 0) {
            throw new IllegalArgumentException("conv_param pad must not be negative, got " + pad + ".");
        }
    }
}
