package org.backprop4j.backend.pure.conv;

import org.backprop4j.backend.array.ArrayMatrix;

/**
 * One thread's per-sample matrices (a lowered sample, its product, its gradients), kept between calls so that a
 * training loop allocates them once per thread: each slot is replaced only when a call needs another shape, dtype or
 * backend.
 */
final class Scratch {

    /** The slots: the lowered sample (K, P) and (P, K), the sample's output or dout (F, P), the lowered dx (K, P). */
    static final int COLS = 0;
    static final int ROWS = 1;
    static final int SAMPLE = 2;
    static final int DCOLS = 3;

    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final ArrayMatrix[] slots = new ArrayMatrix[4];

    private Scratch() {
    }

    /** The calling thread's scratch. */
    static Scratch get() {
        return OF_THREAD.get();
    }

    /**
     * A {@code rows x cols} matrix of {@code like}'s backend and dtype in {@code slot}, with arbitrary contents (every
     * user overwrites it whole).
     */
    ArrayMatrix matrix(int slot, ArrayMatrix like, int rows, int cols) {
        ArrayMatrix m = slots[slot];
        if (m == null || m.rows() != rows || m.cols() != cols || m.dtype() != like.dtype()
                || m.backend() != like.backend()) {
            m = like.zeros(rows, cols);
            slots[slot] = m;
        }
        return m;
    }
}
