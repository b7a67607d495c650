package org.backprop4j.kernel.conv;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;

/**
 * The gradients of {@code spatial_batchnorm_backward} and {@code spatial_groupnorm_backward}.
 *
 * @param dx     gradient on the input, shape (N, C, H, W)
 * @param dgamma gradient on the per-channel scale, shape (1, C)
 * @param dbeta  gradient on the per-channel shift, shape (1, C)
 */
public record SpatialGrads(Tensor dx, Matrix dgamma, Matrix dbeta) {
}
