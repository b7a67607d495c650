package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * What {@code batchnorm_backward} returns: {@code dx, dgamma, dbeta}.
 *
 * @param dx     gradient on the input, shape (N, D)
 * @param dgamma gradient on the scale, shape (1, D)
 * @param dbeta  gradient on the shift, shape (1, D)
 */
public record BatchnormGrads(Matrix dx, Matrix dgamma, Matrix dbeta) {
}
