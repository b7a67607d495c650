package org.backprop4j.kernel.conv;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;

/**
 * The gradients of {@code conv_backward_naive} / {@code conv_backward_fast}: {@code dx, dw, db}.
 *
 * @param dx gradient on the input, shape (N, C, H, W), or {@code null} when it was not asked for
 * @param dw gradient on the filters, shape (F, C, HH, WW)
 * @param db gradient on the biases, shape (1, F)
 */
public record ConvGrads(Tensor dx, Tensor dw, Matrix db) {
}
