package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

import org.backprop4j.backend.array.ArrayMatrix;

/**
 * A cache-blocked, register-blocked, multi-threaded matrix product in the GotoBLAS / BLIS arrangement,
 * in plain Java.
 *
 * <pre>
 * for jc in steps of NC over the columns of C          (a panel of op(B): KC x NC, ~1 MiB, L2/L3)
 *   for pc in steps of KC over the inner dimension
 *     pack op(B)[pc:pc+KC, jc:jc+NC] into micro-panels of NR columns
 *     for ic in steps of MC over the rows of C         (a block of op(A): MC x KC, 128 KiB, L2)
 *       pack op(A)[ic:ic+MC, pc:pc+KC] into micro-panels of MR rows
 *       for each NR-wide micro-panel of B              (KC x NR, 8 KiB, stays in L1)
 *         for each MR-high micro-panel of A
 *           4x4 micro-kernel: 16 independent accumulators in registers, one pass over KC
 *           write the tile back: C = alpha*acc + beta*C on the first KC step, C += alpha*acc after
 * </pre>
 *
 * <p><b>Transposes</b> are never materialised: the packing routine reads {@code op(A)} and {@code op(B)} through
 * a row stride and a depth stride, so the four cases {@code A·B}, {@code Aᵀ·B}, {@code A·Bᵀ}, {@code Aᵀ·Bᵀ}
 * differ only in those two numbers. Packing copies small panels into a per-thread buffer, which is also
 * where the zero padding of ragged edges happens, so the micro-kernel never tests a bound.
 *
 * <p><b>Precision.</b> Packing widens float32 operands to double, so float64 and float32 share the one
 * micro-kernel and a float32 product accumulates in double (more accurate than BLAS {@code sgemm}, which
 * accumulates in float). In scalar Java the float kernel gains no speed from narrower lanes (measured:
 * the float 4x4 kernel ran at ~9 GFLOP/s against ~11 for double), so nothing is lost. C is rounded to its
 * dtype at each write-back, i.e. once per KC step.
 *
 * <p><b>Threads.</b> Products of at least {@link #DEFAULT_PARALLEL_THRESHOLD} multiply-adds are split into
 * {@code threads} bands of rows of C (or of columns, whichever dimension is larger; the bands are
 * aligned to the micro-tile), as {@link ProductBands} does for both pure products. The inner dimension is
 * never split, so every element of C is summed in the same order whatever the number of threads: results
 * are bit-identical to the single-threaded path. Smaller products run on the calling thread and pay no
 * thread overhead.
 *
 * <p><b>Fused bias.</b> {@link #gemm(double, ArrayMatrix, boolean, ArrayMatrix, boolean, double, ArrayMatrix,
 * ArrayMatrix)} adds a row vector at the final write-back of each element, which gives bit for bit the
 * result of {@code gemm} followed by a separate broadcast add, without a second pass over C.
 *
 * <p>This is the product {@code pure} runs when the Vector API is not available (see {@link Simd}); it stays
 * the reference the vectorised product is tested against.
 */
public final class BlockedGemm extends ThreadedProduct {

    /** Rows of the micro-tile. */
    public static final int MR = 4;
    /** Columns of the micro-tile. */
    public static final int NR = 4;
    /** Depth of one packed panel: an A and a B micro-panel (2 x 4 x 256 doubles = 16 KiB) fit in L1. */
    public static final int KC = 256;
    /** Rows of one packed block of A (64 x 256 doubles = 128 KiB, L2). */
    public static final int MC = 64;
    /** Columns of one packed panel of B (256 x 512 doubles = 1 MiB, L2/L3). */
    public static final int NC = 512;
    /**
     * Multiply-adds ({@code m * n * k}) from which a product is split across threads: 2^19, about 100 us of
     * single-threaded work. Waking a parked pool worker takes 20-50 us, so below this (measured on 2 cores,
     * one thread against two; re-measured with JMH's {@code MatmulBenchmark} at cubes {@code -p n=64 -p d=64
     * -p h=64} and {@value #THREADS_PROPERTY}{@code =1}, see benchmarks/README.md: a 64^3 product ran at 9.9
     * GFLOP/s on one thread and 6.6 on two, 80^3 broke even, 96^3 ran at 10.9 against 14.0) the hand-off costs
     * more than the second core saves.
     */
    public static final long DEFAULT_PARALLEL_THRESHOLD = 1L << 19;
    /** System property that overrides the default number of threads. */
    public static final String THREADS_PROPERTY = "backprop4j.pure.threads";

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Threads from {@value #THREADS_PROPERTY} or else the number of cores; the default threshold. */
    public BlockedGemm() {
        this(defaultThreads(), DEFAULT_PARALLEL_THRESHOLD);
    }

    /**
     * @param threads           at most this many threads work on one product (1: always single-threaded)
     * @param parallelThreshold products of fewer multiply-adds than this run on the calling thread
     */
    public BlockedGemm(int threads, long parallelThreshold) {
        super(threads, parallelThreshold);
    }

    /** The number of threads from {@value #THREADS_PROPERTY}, or else the number of cores. */
    public static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null || s.isBlank()) {
            return cores;
        }
        try {
            return Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + THREADS_PROPERTY + " must be a whole number, got '"
                    + s + "'.", e);
        }
    }

    @Override
    public String kernels() {
        return "scalar " + MR + "x" + NR + " register tile";
    }

    @Override
    public void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c, ArrayMatrix bias) {
        Job job = new Job(alpha, a, transA, b, transB, beta, c, bias);
        int m = c.rows();
        int n = c.cols();
        if (m == 0 || n == 0) {
            return;
        }
        if (job.k == 0 || alpha == 0) {
            PureProduct.scaleOnly(beta, c, bias);
            return;
        }
        boolean byRows = ProductBands.byRows(m, n);
        int band = ProductBands.band(byRows ? m : n, (long) m * n * job.k, threads(), parallelThreshold(),
                byRows ? MR : NR);
        ProductBands.run(job, m, n, byRows, band);
    }

    /** Per-thread packing buffers, grown on demand and reused, so a product allocates no large arrays. */
    private static final class Workspace {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }

    /** One product's operands, strides and write-back rule. */
    private static final class Job implements ProductBands.Banded {
        final double alpha;
        final double beta;
        final ArrayMatrix a;
        final ArrayMatrix b;
        final ArrayMatrix c;
        final ArrayMatrix bias;
        final int k;
        /** Distance in a's storage between consecutive rows / depth steps of op(A). */
        final int aRowStride;
        final int aDepthStride;
        /** Distance in b's storage between consecutive columns / depth steps of op(B). */
        final int bColStride;
        final int bDepthStride;

        Job(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta, ArrayMatrix c,
                ArrayMatrix bias) {
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.b = b;
            this.c = c;
            this.bias = bias;
            this.k = transA ? a.rows() : a.cols();
            this.aRowStride = transA ? 1 : a.cols();
            this.aDepthStride = transA ? a.cols() : 1;
            this.bColStride = transB ? b.cols() : 1;
            this.bDepthStride = transB ? 1 : b.cols();
        }

        /** Computes the block {@code C[i0:i1, j0:j1]}. */
        @Override
        public void band(int part, int i0, int i1, int j0, int j1) {
            Workspace ws = WORKSPACE.get();
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    boolean first = pc == 0;
                    boolean last = pc + kc == k;
                    double[] bp = ws.b(roundUp(nc, NR) * kc);
                    pack(b, jc * bColStride + pc * bDepthStride, bColStride, bDepthStride, nc, kc, bp);
                    for (int ic = i0; ic < i1; ic += MC) {
                        int mc = Math.min(MC, i1 - ic);
                        double[] ap = ws.a(roundUp(mc, MR) * kc);
                        pack(a, ic * aRowStride + pc * aDepthStride, aRowStride, aDepthStride, mc, kc, ap);
                        for (int jr = 0; jr < nc; jr += NR) {
                            for (int ir = 0; ir < mc; ir += MR) {
                                kernel(kc, ap, ir * kc, bp, jr * kc, ws.tile);
                                store(ws.tile, ic + ir, jc + jr, Math.min(MR, mc - ir), Math.min(NR, nc - jr), first,
                                        last);
                            }
                        }
                    }
                }
            }
        }

        /**
         * Writes an {@code mr x nr} part of the tile to C at {@code (i, j)}: on the first KC step
         * {@code alpha*acc + beta*C} (the old C ignored when {@code beta == 0}), then {@code C + alpha*acc}.
         */
        private void store(double[] tile, int i, int j, int mr, int nr, boolean first, boolean last) {
            int ldc = c.cols();
            for (int r = 0; r < mr; r++) {
                int row = (i + r) * ldc + j;
                for (int s = 0; s < nr; s++) {
                    int idx = row + s;
                    double v = alpha * tile[r * NR + s];
                    if (!first) {
                        v = c.at(idx) + v;
                    } else if (beta != 0) {
                        v = beta * c.at(idx) + v;
                    }
                    write(idx, j + s, v, last);
                }
            }
        }

        /** Stores {@code v}; on the last step adds the bias to the value as rounded, like a separate add would. */
        private void write(int idx, int col, double v, boolean last) {
            if (last && bias != null) {
                c.put(idx, v);
                c.put(idx, c.at(idx) + bias.at(col));
            } else {
                c.put(idx, v);
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs {@code count} lines (rows of op(A), or columns of op(B)) of depth {@code kc}, the first at
     * storage offset {@code off}, into micro-panels of 4 lines: {@code dst[(l / 4) * 4 * kc + p * 4 + l % 4]}.
     * A ragged last panel is padded with zeros, so the micro-kernel always computes a full 4x4 tile.
     */
    static void pack(ArrayMatrix src, int off, int lineStride, int depthStride, int count, int kc, double[] dst) {
        int o = 0;
        for (int l0 = 0; l0 < count; l0 += 4) {
            int base = off + l0 * lineStride;
            int lines = Math.min(4, count - l0);
            if (lines == 4) {
                int s1 = lineStride;
                int s2 = 2 * lineStride;
                int s3 = 3 * lineStride;
                for (int p = 0; p < kc; p++) {
                    int s = base + p * depthStride;
                    dst[o] = src.at(s);
                    dst[o + 1] = src.at(s + s1);
                    dst[o + 2] = src.at(s + s2);
                    dst[o + 3] = src.at(s + s3);
                    o += 4;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int s = base + p * depthStride;
                    for (int l = 0; l < 4; l++) {
                        dst[o + l] = l < lines ? src.at(s + l * lineStride) : 0.0;
                    }
                    o += 4;
                }
            }
        }
    }

    /**
     * The 4x4 micro-kernel: {@code tile = A_panel(4 x kc) · B_panel(kc x 4)} over packed, contiguous panels,
     * with sixteen independent accumulators that the JIT keeps in registers (no array stores in the loop,
     * linear indices it can prove in bounds).
     */
    static void kernel(int kc, double[] a, int ao, double[] b, int bo, double[] tile) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++, ai += 4, bi += 4) {
            double a0 = a[ai];
            double a1 = a[ai + 1];
            double a2 = a[ai + 2];
            double a3 = a[ai + 3];
            double b0 = b[bi];
            double b1 = b[bi + 1];
            double b2 = b[bi + 2];
            double b3 = b[bi + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        tile[0] = c00;
        tile[1] = c01;
        tile[2] = c02;
        tile[3] = c03;
        tile[4] = c10;
        tile[5] = c11;
        tile[6] = c12;
        tile[7] = c13;
        tile[8] = c20;
        tile[9] = c21;
        tile[10] = c22;
        tile[11] = c23;
        tile[12] = c30;
        tile[13] = c31;
        tile[14] = c32;
        tile[15] = c33;
    }
}
