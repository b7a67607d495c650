package org.backprop4j.kernel;

import org.backprop4j.kernel.conv.ConvCache;

/** Cache of {@code conv_relu_forward}: {@code (conv_cache, relu_cache)}. */
public record ConvReluCache(ConvCache conv, ReluCache relu) {
}
