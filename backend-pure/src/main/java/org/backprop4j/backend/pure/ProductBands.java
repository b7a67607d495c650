package org.backprop4j.backend.pure;

import org.backprop4j.parallel.BandHelpers;

/**
 * How the {@code pure} products use threads: a product of at least {@code threshold} multiply-adds is cut
 * into at most {@code threads} bands of rows of C (or of columns, when there are more columns than rows),
 * each band a whole number of micro-tiles; the calling thread and {@code cores - 1} shared helper threads
 * ({@link BandHelpers}) compute them. The inner dimension is never split, so each element of C is summed in
 * the same order whatever the number of threads.
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
     * Runs every band of {@code product} over {@code C[0:m, 0:n]} and waits for all of them. The calling thread
     * and the shared {@link BandHelpers} claim bands from one counter, so a helper that wakes late leaves its
     * band to the caller instead of holding the product up; which thread computes a band changes no bit.
     */
    public static void run(Banded product, int m, int n, boolean byRows, int band) {
        int dim = byRows ? m : n;
        int parts = parts(dim, band);
        if (parts == 1) {
            product.band(0, 0, m, 0, n);
            return;
        }
        BandHelpers.shared().run(parts, part -> {
            int lo = part * band;
            int hi = Math.min(dim, lo + band);
            if (byRows) {
                product.band(part, lo, hi, 0, n);
            } else {
                product.band(part, 0, m, lo, hi);
            }
        });
    }
}
