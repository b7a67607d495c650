package org.backprop4j.kernel;

import org.backprop4j.kernel.conv.PoolCache;

import org.backprop4j.kernel.conv.ConvCache;

/**
 * Cache of {@code conv_relu_pool_forward}: {@code (conv_cache, relu_cache, pool_cache)}.
 *
 * @param conv the convolution's cache
 * @param relu the ReLU's cache (its input, shape (N, F, Hout, Wout) flattened)
 * @param pool the pooling's cache
 */
public record ConvReluPoolCache(ConvCache conv, ReluCache relu, PoolCache pool) {
}
