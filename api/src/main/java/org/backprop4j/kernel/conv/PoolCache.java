package org.backprop4j.kernel.conv;

import org.backprop4j.tensor.Tensor;

/**
 * Cache of {@code max_pool_forward_naive} / {@code max_pool_forward_fast}: {@code (x, pool_param)} and, from a fast
 * pass, the flat index into a sample's row of {@code x} of each window's maximum, which the backward pass routes
 * {@code dout} to.
 *
 * @param x      input, shape (N, C, H, W)
 * @param param  the {@code pool_param}
 * @param shape  the sizes of the pooling
 * @param argmax for each output element (C order), the column in its sample's row of {@code x} that holds the
 *               window's first maximum; {@code null} from a naive pass
 */
public record PoolCache(Tensor x, PoolParam param, PoolShape shape, int[] argmax) {
}
