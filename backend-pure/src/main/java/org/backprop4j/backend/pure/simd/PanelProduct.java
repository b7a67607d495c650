package org.backprop4j.backend.pure.simd;

import java.util.concurrent.atomic.AtomicInteger;

import org.backprop4j.backend.pure.ProductBands;

/**
 * The blocking and threading of one vectorised product {@code C = alpha * op(A) · op(B) + beta * C}, whatever
 * the dtype; {@link DoubleProduct} and {@link FloatProduct} supply the packing, the micro-kernels and the
 * write-back over their arrays.
 *
 * <pre>
 * for jc in blocks of at most PACK_LIMIT elements of op(B)      (usually all of it)
 *   pack op(B)[:, jc block] into panels NR = 4 vectors wide   (shared: every thread packs panels it claims)
 *   for pc in steps of KC over the inner dimension
 *     for each MR = 6 rows of this thread's band of C         (op(A) read in place through its two strides)
 *       for each panel: 6 x NR register tile over kc, then C = alpha*tile + beta*C, or C += alpha*tile
 * </pre>
 *
 * <p><b>A in place, B packed.</b> The micro-kernel broadcasts one element of each of 6 rows of {@code op(A)}
 * and multiplies it with the 4 vectors of a packed row of {@code op(B)}: 24 independent fused multiply-adds
 * into 24 accumulator registers (of the 32 an AVX-512 core has) per step. {@code op(A)} is read where it is,
 * through a row stride and a depth stride, which covers {@code A} and {@code Aᵀ} alike; packing it as well
 * was slower on the skinny shapes of a training step. {@code op(B)} is packed into contiguous panels,
 * zero-padded to a whole number of vectors, so the kernel never tests a bound; a last panel of 1, 2 or 3
 * vectors runs narrower kernels. Rows past the end of a band are not padded: the last tile reads its last
 * row again and drops the extra results.
 *
 * <p><b>Threads.</b> A product of at least the threshold is cut by {@link ProductBands} into bands of rows
 * (or columns) of C. Bands of rows share one packed copy of {@code op(B)}: each thread packs the panels it
 * claims from a counter, then waits until all are packed (a thread that arrives late finds the work done).
 * Bands of columns, and products too wide to pack at once, pack their own columns. The inner dimension is never split and every kernel sums each
 * element's products in the same order, so the result does not depend on the number of threads, to the bit.
 */
abstract class PanelProduct implements ProductBands.Banded {

    /** Rows of the register tile. */
    static final int MR = 6;
    /** Vectors across the register tile. */
    static final int VECTORS = 4;
    /** Depth of one pass over a packed panel: the 6 rows of A it reads (12 KiB in float64) stay in L1. */
    static final int KC = 256;
    /** Most elements of op(B) packed at once (16 MiB in float64); wider products are packed in column blocks. */
    static final int PACK_LIMIT = 1 << 21;

    final int m;
    final int n;
    final int k;
    final int aRowStride;
    final int aDepthStride;
    final int bColStride;
    final int bDepthStride;
    /** Lanes of one vector, and the width of a full panel ({@link #VECTORS} vectors). */
    final int lanes;
    final int nr;
    /** Columns of op(B) packed at once: all of them unless that is more than {@link #PACK_LIMIT} elements. */
    final int nc;
    final boolean byRows;
    final int band;
    /** The panels claimed for packing and the panels packed; null if each band packs its own. */
    private final AtomicInteger claimed;
    private final AtomicInteger packed;
    /** The calling thread's workspace, whose packing buffer all bands share; null if each band packs its own. */
    private final Workspace shared;

    PanelProduct(int m, int n, int k, boolean transA, int aCols, boolean transB, int bCols, int lanes, int threads,
            long parallelThreshold) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.aRowStride = transA ? 1 : aCols;
        this.aDepthStride = transA ? aCols : 1;
        this.bColStride = transB ? bCols : 1;
        this.bDepthStride = transB ? 1 : bCols;
        this.lanes = lanes;
        this.nr = VECTORS * lanes;
        long fits = PACK_LIMIT / Math.max(k, 1) / nr * nr;
        this.nc = fits >= n ? n : (int) Math.max(nr, fits);
        this.byRows = ProductBands.byRows(m, n);
        this.band = ProductBands.band(byRows ? m : n, (long) m * n * k, threads, parallelThreshold, byRows ? MR : nr);
        int parts = ProductBands.parts(byRows ? m : n, band);
        // Sharing waits only for panels that other running bands have claimed, never for a band to start, so
        // one thread may compute several bands in turn; a product too wide to pack at once is not shared.
        boolean shared = byRows && parts > 1 && nc == n;
        this.claimed = shared ? new AtomicInteger() : null;
        this.packed = shared ? new AtomicInteger() : null;
        this.shared = shared ? Workspace.get() : null;
    }

    /** Computes the whole product on the bands {@link ProductBands} cuts it into. */
    final void run() {
        if (shared != null) {
            reserve(shared, packedSize(nc)); // before any band starts: the bands only read the reference
        }
        ProductBands.run(this, m, n, byRows, band);
    }

    /** Elements of the packed copy of a block of {@code w} columns: whole panels, the last one rounded up to a vector. */
    final int packedSize(int w) {
        return k * ((w / nr) * nr + (w % nr + lanes - 1) / lanes * lanes);
    }

    @Override
    public final void band(int part, int i0, int i1, int j0, int j1) {
        Workspace own = Workspace.get();
        Workspace ws = shared != null ? shared : own;
        if (shared == null) {
            reserve(own, packedSize(Math.min(nc, j1 - j0)));
        }
        for (int jc = j0; jc < j1; jc += nc) {
            int w = Math.min(nc, j1 - jc);
            int panels = (w + nr - 1) / nr;
            if (claimed == null) {
                for (int p = 0; p < panels; p++) {
                    pack(ws, jc, w, p);
                }
            } else {
                for (int p = claimed.getAndIncrement(); p < panels; p = claimed.getAndIncrement()) {
                    pack(ws, jc, w, p);
                    packed.incrementAndGet();
                }
                awaitCount(packed, panels);
            }
            compute(ws, own, i0, i1, jc, w);
        }
    }

    /** Spins (then yields) until {@code count >= target}; the others are at most a panel away. */
    private static void awaitCount(AtomicInteger count, int target) {
        for (int spins = 0; count.get() < target; spins++) {
            if (spins < 1 << 12) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Rows {@code [i0, i1)} of C times the packed block of columns {@code [jc, jc + w)}. */
    private void compute(Workspace packedIn, Workspace own, int i0, int i1, int jc, int w) {
        int panels = (w + nr - 1) / nr;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean first = pc == 0;
            boolean last = pc + kc == k;
            int base = pc * aDepthStride;
            int top = i1 - 1;
            for (int i = i0; i < i1; i += MR) {
                int o0 = i * aRowStride + base;
                int o1 = Math.min(i + 1, top) * aRowStride + base;
                int o2 = Math.min(i + 2, top) * aRowStride + base;
                int o3 = Math.min(i + 3, top) * aRowStride + base;
                int o4 = Math.min(i + 4, top) * aRowStride + base;
                int o5 = Math.min(i + 5, top) * aRowStride + base;
                int rows = Math.min(MR, i1 - i);
                for (int p = 0; p < panels; p++) {
                    int j = jc + p * nr;
                    int pw = Math.min(nr, jc + w - j);
                    int vectors = (pw + lanes - 1) / lanes;
                    int width = vectors * lanes;
                    int bo = p * nr * k + pc * width;
                    tile(packedIn, own, vectors, kc, o0, o1, o2, o3, o4, o5, bo, width);
                    store(own, i, j, rows, pw, first, last);
                }
            }
        }
    }

    /** Grows the packing buffer of {@code ws} (of this product's dtype) to at least {@code size} elements. */
    abstract void reserve(Workspace ws, int size);

    /** Packs panel {@code p} (columns {@code jc + p*nr ...}, all depths) of the block {@code [jc, jc + w)}. */
    abstract void pack(Workspace ws, int jc, int w, int p);

    /**
     * The register tile {@code own.tile = op(A)[6 rows at o0..o5, kc deep] · packed panel at bo} of
     * {@code vectors} vectors, the packed rows {@code width} apart.
     */
    abstract void tile(Workspace packedIn, Workspace own, int vectors, int kc, int o0, int o1, int o2, int o3, int o4,
            int o5, int bo, int width);

    /** Writes {@code rows x cols} of the tile to C at {@code (i, j)} by the write-back rule. */
    abstract void store(Workspace own, int i, int j, int rows, int cols, boolean first, boolean last);
}
