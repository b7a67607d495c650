package org.backprop4j.backend.pure;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * How the {@code pure} products use threads: a product of at least {@code threshold} multiply-adds is cut
 * into at most {@code threads} bands of rows of C (or of columns, when there are more columns than rows),
 * each band a whole number of micro-tiles; the calling thread computes the first band and a shared pool of
 * {@code cores - 1} daemon workers the others. The inner dimension is never split, so each element of C is
 * summed in the same order whatever the number of threads.
 */
public final class ProductBands {

    /** One product, cut into bands: it computes the rectangle {@code C[i0:i1, j0:j1]} of band {@code part}. */
    public interface Banded {
        /** Computes one band; {@code part} numbers the bands from 0 (the calling thread's). */
        void band(int part, int i0, int i1, int j0, int j1);
    }

    private ProductBands() {
    }

    /** True if an {@code m x n} product is cut into bands of rows, false for bands of columns. */
    public static boolean byRows(int m, int n) {
        return m >= n;
    }

    /**
     * The width of one band of the cut dimension {@code dim} (rows or columns) of a product of {@code work}
     * multiply-adds: {@code dim} itself below {@code threshold}, else {@code dim / threads} rounded up to a
     * multiple of {@code align}. The product then has {@code ceil(dim / band)} bands.
     */
    public static int band(int dim, long work, int threads, long threshold, int align) {
        int parts = work < threshold ? 1 : Math.max(1, Math.min(threads, dim / align));
        if (parts == 1) {
            return Math.max(dim, 1);
        }
        return ((dim + parts - 1) / parts + align - 1) / align * align;
    }

    /** The number of bands of width {@code band} in {@code dim}. */
    public static int parts(int dim, int band) {
        return Math.max(1, (dim + band - 1) / band);
    }

    /**
     * Runs every band of {@code product} over {@code C[0:m, 0:n]} and waits for all of them: the first on the
     * calling thread, the others on the shared pool.
     */
    public static void run(Banded product, int m, int n, boolean byRows, int band) {
        int dim = byRows ? m : n;
        int parts = parts(dim, band);
        if (parts == 1) {
            product.band(0, 0, m, 0, n);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int lo = p * band;
            int hi = Math.min(dim, lo + band);
            int part = p;
            others[p - 1] = Pool.INSTANCE.submit(() -> runBand(product, m, n, byRows, part, lo, hi));
        }
        try {
            runBand(product, m, n, byRows, 0, 0, Math.min(dim, band));
        } finally {
            for (ForkJoinTask<?> t : others) {
                t.join();
            }
        }
    }

    private static void runBand(Banded product, int m, int n, boolean byRows, int part, int lo, int hi) {
        if (byRows) {
            product.band(part, lo, hi, 0, n);
        } else {
            product.band(part, 0, m, lo, hi);
        }
    }

    /** The shared pool: {@code cores - 1} daemon workers, since the calling thread computes a band itself. */
    private static final class Pool {
        static final ForkJoinPool INSTANCE = new ForkJoinPool(
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                pool -> {
                    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    t.setName("backprop4j-pure-gemm-" + t.getPoolIndex());
                    t.setDaemon(true);
                    return t;
                },
                null, false);
    }
}
