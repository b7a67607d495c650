package org.backprop4j.kernel.conv;

import org.backprop4j.tensor.Tensor;

/**
 * What a spatial layer's forward pass returns, as the Python {@code out, cache = conv_forward_fast(...)}.
 *
 * @param out   the output, shape {@code (N, C', H', W')}
 * @param cache the values the backward pass needs
 * @param <C>   the cache type
 */
public record SpatialForward<C>(Tensor out, C cache) {
}
