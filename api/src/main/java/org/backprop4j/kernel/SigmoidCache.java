package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * Cache of {@code sigmoid_forward}: its output {@code s}, since {@code ds/dx = s (1 - s)}.
 *
 * @param out the sigmoid's output
 */
public record SigmoidCache(Matrix out) {
}
