package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * What a loss function returns: {@code loss, dx}.
 *
 * @param loss the mean loss over the N inputs
 * @param dx   gradient of the loss on the scores, shape (N, C)
 */
public record LossResult(double loss, Matrix dx) {
}
