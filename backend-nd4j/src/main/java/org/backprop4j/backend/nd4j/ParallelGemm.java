package org.backprop4j.backend.nd4j;

import org.backprop4j.parallel.BandHelpers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products on the backend's own threads: a large product is cut into row blocks of the output
 * (column blocks when it has fewer rows than threads), and each block is one single-threaded OpenBLAS
 * call, computed by the caller and the shared {@link BandHelpers}, which claim blocks from one counter.
 *
 * <p>Why not OpenBLAS's own threads: after every call its workers spin (yielding in a loop for about
 * 2^28 cycles, a tenth of a second) before they sleep, and a training step calls BLAS every few hundred
 * microseconds, so they never sleep; on 2 cores shared with other work they take the core the main
 * thread needs for the element-wise passes between products (those took 2–3 times as long as with
 * OpenBLAS on one thread). The helpers poll for 2 ms after a product, then park. The blocks share
 * {@code B}; each OpenBLAS call packs its own copy of it, a small cost beside the product at the sizes that
 * are split.
 */
final class ParallelGemm {

    /** Multiply-adds below which a product runs in one call (about 25 µs of work at 20 GMAC/s). */
    static final long MIN_MACS_PER_BLOCK = 1L << 19;

    private final int threads;

    /** Products cut into at most {@code threads} blocks. */
    ParallelGemm(int threads) {
        this.threads = threads;
    }

    /** The threads a product may run on. */
    int threads() {
        return threads;
    }

    /** The blocks a product of {@code m·n·k} multiply-adds is cut into. */
    int blocks(int m, int n, int k) {
        long macs = (long) m * n * k;
        long byWork = Math.max(1, macs / MIN_MACS_PER_BLOCK);
        return (int) Math.min(threads, Math.min(byWork, Math.max(m, n)));
    }

    /** {@code c = alpha * op(a) · op(b) + beta * c}, as {@link Blas#gemm}, on up to {@link #threads()} threads. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, INDArray a, INDArray b, double beta,
            INDArray c) {
        int blocks = blocks(m, n, k);
        if (blocks == 1) {
            Blas.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        boolean byRows = m >= blocks;
        int extent = byRows ? m : n;
        long lda = a.size(1);
        long ldb = b.size(1);
        long ldc = c.size(1);
        BandHelpers.shared().run(blocks, p -> {
            int from = (int) ((long) extent * p / blocks);
            int to = (int) ((long) extent * (p + 1) / blocks);
            if (byRows) {
                long aOff = transA ? from : from * lda;
                Blas.gemm(transA, transB, to - from, n, k, alpha, a, aOff, b, 0, beta, c, from * ldc);
            } else {
                long bOff = transB ? from * ldb : from;
                Blas.gemm(transA, transB, m, to - from, k, alpha, a, 0, b, bOff, beta, c, from);
            }
        });
    }
}
