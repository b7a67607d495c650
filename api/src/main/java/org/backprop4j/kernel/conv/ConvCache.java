package org.backprop4j.kernel.conv;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;

/**
 * Cache of {@code conv_forward_naive} / {@code conv_forward_fast}: {@code (x, w, b, conv_param)} and, from a fast
 * forward pass, the lowered input ({@code x_cols} of {@code fast_layers.py}) in the layout of the backend that made
 * it, which its backward pass reuses.
 *
 * @param x       input, shape (N, C, H, W)
 * @param w       filters, shape (F, C, HH, WW)
 * @param b       biases, shape (1, F)
 * @param param   the {@code conv_param}
 * @param shape   the sizes of the convolution
 * @param lowered the lowered input, or {@code null} (a naive pass, or a backend that lowers again)
 */
public record ConvCache(Tensor x, Tensor w, Matrix b, ConvParam param, ConvShape shape, Matrix lowered) {
}
