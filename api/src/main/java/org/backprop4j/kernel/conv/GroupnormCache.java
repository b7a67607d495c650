package org.backprop4j.kernel.conv;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;

/**
 * Cache of {@code spatial_groupnorm_forward}.
 *
 * @param xHat   the normalized input, shape (N, C, H, W)
 * @param gamma  the scale, one per channel, shape (1, C)
 * @param invStd {@code 1 / sqrt(var + eps)} of each sample's group, shape (N*G, 1)
 * @param param  G and eps
 */
public record GroupnormCache(Tensor xHat, Matrix gamma, Matrix invStd, GroupnormParam param) {
}
