package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

/** What both {@code pure} products share: how many threads one product may use, and from what size. */
public abstract class ThreadedProduct implements PureProduct {

    private final int threads;
    private final long parallelThreshold;

    /**
     * @param threads           at most this many threads work on one product (1: always single-threaded)
     * @param parallelThreshold products of fewer multiply-adds than this run on the calling thread
     */
    protected ThreadedProduct(int threads, long parallelThreshold) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads + ".");
        }
        if (parallelThreshold < 0) {
            throw new IllegalArgumentException(
                    "parallelThreshold must not be negative, got " + parallelThreshold + ".");
        }
        this.threads = threads;
        this.parallelThreshold = parallelThreshold;
    }

    @Override
    public final int threads() {
        return threads;
    }

    @Override
    public final long parallelThreshold() {
        return parallelThreshold;
    }
}
