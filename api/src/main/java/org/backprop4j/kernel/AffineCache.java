package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * Cache of {@code affine_forward}: {@code (x, w, b)}.
 *
 * @param x input, shape (N, D)
 * @param w weights, shape (D, M)
 * @param b biases, shape (1, M)
 */
public record AffineCache(Matrix x, Matrix w, Matrix b) {
}
