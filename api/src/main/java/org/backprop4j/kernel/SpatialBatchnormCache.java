package org.backprop4j.kernel;

/**
 * Cache of a training-mode {@code spatial_batchnorm_forward}: the cache of the ordinary batch normalization of the
 * {@code (N*H*W, C)} matrix that {@code x.transpose(0, 2, 3, 1).reshape(-1, C)} makes, and the sizes to undo it.
 *
 * @param batchnorm the cache of {@code batchnorm_forward} on the transposed input
 * @param n         N
 * @param channels  C
 * @param height    H
 * @param width     W
 */
public record SpatialBatchnormCache(BatchnormCache batchnorm, int n, int channels, int height, int width) {
}
