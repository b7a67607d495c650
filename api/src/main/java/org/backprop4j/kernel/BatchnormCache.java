package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * Cache of a training-mode {@code batchnorm_forward}.
 *
 * @param xHat   the normalized input {@code (x - mean) / sqrt(var + eps)}, shape (N, D)
 * @param gamma  the scale, shape (1, D)
 * @param xmu    the centred input {@code x - mean}, shape (N, D), which the staged {@code batchnorm_backward}
 *               walks back through
 * @param invStd {@code 1 / sqrt(var + eps)}, shape (1, D)
 */
public record BatchnormCache(Matrix xHat, Matrix gamma, Matrix xmu, Matrix invStd) {
}
