package org.backprop4j.kernel.conv;

/**
 * The Python {@code pool_param} dictionary: {@code {'pool_height': ..., 'pool_width': ..., 'stride': ...}}.
 *
 * @param poolHeight height of each pooling window, at least 1
 * @param poolWidth  width of each pooling window, at least 1
 * @param stride     pixels between neighbouring windows, at least 1
 */
public record PoolParam(int poolHeight, int poolWidth, int stride) {

    /** @throws IllegalArgumentException if a value is below 1 */
    public PoolParam {
        if (poolHeight < 1 || poolWidth < 1 || stride < 1) {
            throw new IllegalArgumentException("pool_param pool_height, pool_width and stride must be at least 1, got "
                    + poolHeight + ", " + poolWidth + " and " + stride + ".");
        }
    }

    /** True for the windows of the reshape trick: square tiles that neither overlap nor leave gaps. */
    public boolean tiles() {
        return poolHeight == stride && poolWidth == stride;
    }
}
