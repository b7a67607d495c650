package org.backprop4j.kernel;

/**
 * Cache of {@code affine_relu_forward}: {@code (fc_cache, relu_cache)}.
 *
 * @param affine the affine layer's cache
 * @param relu   the ReLU's cache (its input is the affine output)
 */
public record AffineReluCache(AffineCache affine, ReluCache relu) {
}
