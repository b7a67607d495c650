package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * Cache of {@code dropout_forward}.
 *
 * @param mask the mask with entries {@code 0} or {@code 1 / p}, or {@code null} in test mode
 */
public record DropoutCache(Matrix mask) {
}
