package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/**
 * What a layer's forward pass returns: its output and the cache its backward pass needs, as the
 * Python {@code out, cache = layer_forward(...)}.
 *
 * @param out   the layer's output
 * @param cache the values the backward pass needs
 * @param <C>   the cache type
 */
public record Forward<C>(Matrix out, C cache) {
}
