package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * What {@code affine_backward} returns: {@code dx, dw, db}.
 *
 * @param dx gradient on the input, shape (N, D); {@code null} when it was not asked for
 * @param dw gradient on the weights, shape (D, M)
 * @param db gradient on the biases, shape (1, M)
 */
public record AffineGrads(Matrix dx, Matrix dw, Matrix db) {
}
