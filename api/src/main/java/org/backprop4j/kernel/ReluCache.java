package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * Cache of {@code relu_forward}: its input.
 *
 * @param x the input
 */
public record ReluCache(Matrix x) {
}
