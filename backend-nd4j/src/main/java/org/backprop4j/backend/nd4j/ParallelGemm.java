package org.backprop4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products on the backend's own threads: a large product is cut into row blocks of the output
 * (column blocks when it has fewer rows than threads), and each block is one single-threaded OpenBLAS
 * call, the caller computing the first block while parked worker threads compute the others.
 *
 * <p>Why not OpenBLAS's own threads: after every call its workers spin (yielding in a loop for about
 * 2^28 cycles, a tenth of a second) before they sleep, and a training step calls BLAS every few hundred
 * microseconds, so they never sleep; on 2 cores shared with other work they take the core the main
 * thread needs for the element-wise passes between products (those took 2–3 times as long as with
 * OpenBLAS on one thread). These workers park when idle. The blocks share {@code B}; each OpenBLAS call
 * packs its own copy of it, a small cost beside the product at the sizes that are split.
 */
final class ParallelGemm {

    /** Multiply-adds below which a product runs in one call (about 25 µs of work at 20 GMAC/s). */
    static final long MIN_MACS_PER_BLOCK = 1L << 19;

    private final int threads;
    private final ExecutorService workers;

    /** Products on {@code threads} threads: the caller's and {@code threads - 1} daemon workers. */
    ParallelGemm(int threads) {
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "backprop4j-nd4j-gemm-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, factory) : null;
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
        List<Future<?>> others = new ArrayList<>(blocks - 1);
        Runnable first = null;
        for (int p = 0; p < blocks; p++) {
            int from = (int) ((long) extent * p / blocks);
            int to = (int) ((long) extent * (p + 1) / blocks);
            Runnable block;
            if (byRows) {
                long aOff = transA ? from : from * lda;
                block = () -> Blas.gemm(transA, transB, to - from, n, k, alpha, a, aOff, b, 0, beta, c, from * ldc);
            } else {
                long bOff = transB ? from * ldb : from;
                block = () -> Blas.gemm(transA, transB, m, to - from, k, alpha, a, 0, b, bOff, beta, c, from);
            }
            if (p == 0) {
                first = block;
            } else {
                others.add(workers.submit(block));
            }
        }
        RuntimeException failure = null;
        try {
            first.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        // Wait for every block, even when interrupted: the caller may reuse c as soon as this returns.
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IllegalStateException("a product block failed", e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
