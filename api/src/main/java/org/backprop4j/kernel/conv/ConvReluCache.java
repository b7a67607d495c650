package org.backprop4j.kernel.conv;

import org.backprop4j.kernel.ReluCache;

/** Cache of {@code conv_relu_forward}: {@code (conv_cache, relu_cache)}. */
public record ConvReluCache(ConvCache conv, ReluCache relu) {
}
