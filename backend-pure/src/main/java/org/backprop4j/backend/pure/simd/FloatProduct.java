package org.backprop4j.backend.pure.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.backprop4j.backend.array.ArrayMatrix;

/**
 * A float32 {@link PanelProduct}: packing into {@code float[]} panels, the 6 x (4 vectors) micro-kernel
 * and its 3-, 2- and 1-vector versions for the last panel, and the write-back — {@link DoubleProduct} in float
 * lanes, twice as many per vector.
 *
 * <p><b>Precision.</b> The products accumulate in float, as BLAS {@code sgemm} does (a float accumulator
 * per lane, one rounding per fused multiply-add), and C, a float matrix, is rounded at each of the
 * {@code ceil(k / KC)} write-backs; {@code alpha} and {@code beta} are rounded to float. Accumulating in
 * double would need every packed row widened to two double vectors: float64 speed, the point of float32
 * lost. The error bound of a dot product of length k grows from about {@code k / KC} to about
 * {@code KC + k / KC} float roundings (in the worst case; on random data the errors cancel like a random
 * walk), well inside the float32 bound the cross-backend tests hold every backend to, BLAS included.
 *
 * <p>The species is a {@code static final} constant, which the JIT needs to keep vectors in registers
 * (through a field or a parameter it boxes them, tens of times slower). The kernels only fill a tile in
 * memory and {@link #store} merges it into C in a separate method: a kernel that also loads and stores C
 * grew too large to be compiled well.
 */
final class FloatProduct extends PanelProduct {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes of one vector. */
    static final int LANES = S.length();
    /** Columns of a full panel, and the row length of the tile. */
    private static final int NR = VECTORS * LANES;

    private final float alpha;
    private final float beta;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final float[] bias;

    FloatProduct(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c, ArrayMatrix bias, int threads, long parallelThreshold) {
        super(c.rows(), c.cols(), transA ? a.rows() : a.cols(), transA, a.cols(), transB, b.cols(), LANES, threads,
                parallelThreshold);
        this.alpha = (float) alpha;
        this.beta = (float) beta;
        this.a = a.float32Array();
        this.b = b.float32Array();
        this.c = c.float32Array();
        this.bias = bias == null ? null : bias.float32Array();
    }

    @Override
    void reserve(Workspace ws, int size) {
        ws.packedF(size);
    }

    @Override
    void pack(Workspace ws, int jc, int w, int p) {
        float[] dst = ws.packedF;
        int j0 = jc + p * NR;
        int pw = Math.min(NR, jc + w - j0);
        int width = (pw + LANES - 1) / LANES * LANES;
        int whole = pw / LANES * LANES;
        int o = p * NR * k;
        if (bColStride == 1) {
            // rows of op(B) are rows of B: copy each row's segment, vector by vector, zero-padded
            for (int q = 0; q < k; q++, o += width) {
                int s = j0 + q * bDepthStride;
                int j = 0;
                for (; j < whole; j += LANES) {
                    FloatVector.fromArray(S, b, s + j).intoArray(dst, o + j);
                }
                for (; j < pw; j++) {
                    dst[o + j] = b[s + j];
                }
                for (; j < width; j++) {
                    dst[o + j] = 0f;
                }
            }
            return;
        }
        // op(B) = B transposed: each column of the panel is a contiguous row of B
        for (int j = 0; j < width; j++) {
            int s = (j0 + j) * bColStride;
            for (int q = 0; q < k; q++) {
                dst[o + q * width + j] = j < pw ? b[s + q * bDepthStride] : 0f;
            }
        }
    }

    @Override
    void tile(Workspace packedIn, Workspace own, int vectors, int kc, int o0, int o1, int o2, int o3, int o4, int o5,
            int bo, int width) {
        float[] bp = packedIn.packedF;
        float[] t = own.tileF;
        int ds = aDepthStride;
        switch (vectors) {
            case 4 -> kernel4(kc, a, o0, o1, o2, o3, o4, o5, ds, bp, bo, t);
            case 3 -> kernel3(kc, a, o0, o1, o2, o3, o4, o5, ds, bp, bo, t);
            case 2 -> kernel2(kc, a, o0, o1, o2, o3, o4, o5, ds, bp, bo, t);
            default -> kernel1(kc, a, o0, o1, o2, o3, o4, o5, ds, bp, bo, t);
        }
    }

    /** The full 6 x (4 vectors) kernel: 24 accumulators, one broadcast per row and four loads per step. */
    static void kernel4(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int ds, float[] b, int bo,
            float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0, q = 0; p < kc; p++, q += ds, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * LANES);
            FloatVector x = FloatVector.broadcast(S, a[o0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[o1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[o2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[o3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[o4 + q]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, a[o5 + q]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        int l = LANES;
        c00.intoArray(t, 0);
        c01.intoArray(t, l);
        c02.intoArray(t, 2 * l);
        c03.intoArray(t, 3 * l);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + l);
        c12.intoArray(t, NR + 2 * l);
        c13.intoArray(t, NR + 3 * l);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + l);
        c22.intoArray(t, 2 * NR + 2 * l);
        c23.intoArray(t, 2 * NR + 3 * l);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + l);
        c32.intoArray(t, 3 * NR + 2 * l);
        c33.intoArray(t, 3 * NR + 3 * l);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + l);
        c42.intoArray(t, 4 * NR + 2 * l);
        c43.intoArray(t, 4 * NR + 3 * l);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + l);
        c52.intoArray(t, 5 * NR + 2 * l);
        c53.intoArray(t, 5 * NR + 3 * l);
    }

    /** 6 x (2 vectors): 12 accumulators, for a last panel of 2 vectors (packed rows 2 vectors apart). */
    static void kernel2(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int ds, float[] b, int bo,
            float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0, q = 0; p < kc; p++, q += ds, bo += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + LANES);
            FloatVector x = FloatVector.broadcast(S, a[o0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[o1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[o2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[o3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[o4 + q]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[o5 + q]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int l = LANES;
        c00.intoArray(t, 0);
        c01.intoArray(t, l);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + l);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + l);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + l);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + l);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + l);
    }

    /** 6 x (3 vectors): 18 accumulators, for a last panel of 3 vectors (packed rows 3 vectors apart). */
    static void kernel3(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int ds, float[] b, int bo,
            float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00;
        for (int p = 0, q = 0; p < kc; p++, q += ds, bo += 3 * LANES) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * LANES);
            FloatVector x = FloatVector.broadcast(S, a[o0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[o1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[o2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[o3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(S, a[o4 + q]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(S, a[o5 + q]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
        }
        int l = LANES;
        c00.intoArray(t, 0);
        c01.intoArray(t, l);
        c02.intoArray(t, 2 * l);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + l);
        c12.intoArray(t, NR + 2 * l);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + l);
        c22.intoArray(t, 2 * NR + 2 * l);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + l);
        c32.intoArray(t, 3 * NR + 2 * l);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + l);
        c42.intoArray(t, 4 * NR + 2 * l);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + l);
        c52.intoArray(t, 5 * NR + 2 * l);
    }

    /**
     * 6 x (1 vector), for a last panel of one vector. Six accumulators alone would wait on the latency of the
     * fused multiply-add, so even and odd depths go to separate accumulators (12 chains), added at the end.
     */
    static void kernel1(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int ds, float[] b, int bo,
            float[] t) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0;
        int p = 0;
        int q = 0;
        for (; p + 1 < kc; p += 2, q += 2 * ds, bo += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + LANES);
            int r = q + ds;
            c0 = FloatVector.broadcast(S, a[o0 + q]).fma(b0, c0);
            d0 = FloatVector.broadcast(S, a[o0 + r]).fma(b1, d0);
            c1 = FloatVector.broadcast(S, a[o1 + q]).fma(b0, c1);
            d1 = FloatVector.broadcast(S, a[o1 + r]).fma(b1, d1);
            c2 = FloatVector.broadcast(S, a[o2 + q]).fma(b0, c2);
            d2 = FloatVector.broadcast(S, a[o2 + r]).fma(b1, d2);
            c3 = FloatVector.broadcast(S, a[o3 + q]).fma(b0, c3);
            d3 = FloatVector.broadcast(S, a[o3 + r]).fma(b1, d3);
            c4 = FloatVector.broadcast(S, a[o4 + q]).fma(b0, c4);
            d4 = FloatVector.broadcast(S, a[o4 + r]).fma(b1, d4);
            c5 = FloatVector.broadcast(S, a[o5 + q]).fma(b0, c5);
            d5 = FloatVector.broadcast(S, a[o5 + r]).fma(b1, d5);
        }
        if (p < kc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            c0 = FloatVector.broadcast(S, a[o0 + q]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[o1 + q]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[o2 + q]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[o3 + q]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[o4 + q]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[o5 + q]).fma(b0, c5);
        }
        c0.add(d0).intoArray(t, 0);
        c1.add(d1).intoArray(t, NR);
        c2.add(d2).intoArray(t, 2 * NR);
        c3.add(d3).intoArray(t, 3 * NR);
        c4.add(d4).intoArray(t, 4 * NR);
        c5.add(d5).intoArray(t, 5 * NR);
    }

    /**
     * On the first KC step {@code C = alpha*tile} (or {@code beta*C + alpha*tile}; the old C is not read when
     * {@code beta == 0}), on later ones {@code C = C + alpha*tile}; after the last one the bias is added to
     * the stored value, as a separate broadcast add would.
     */
    @Override
    void store(Workspace own, int i, int j, int rows, int cols, boolean first, boolean last) {
        float[] t = own.tileF;
        int whole = cols / LANES * LANES;
        for (int r = 0; r < rows; r++) {
            int o = (i + r) * n + j;
            int tr = r * NR;
            if (!first) {
                for (int s = 0; s < whole; s += LANES) {
                    FloatVector.fromArray(S, c, o + s).add(FloatVector.fromArray(S, t, tr + s).mul(alpha))
                            .intoArray(c, o + s);
                }
                for (int s = whole; s < cols; s++) {
                    c[o + s] = c[o + s] + alpha * t[tr + s];
                }
            } else if (beta != 0) {
                for (int s = 0; s < whole; s += LANES) {
                    FloatVector.fromArray(S, c, o + s).mul(beta).add(FloatVector.fromArray(S, t, tr + s).mul(alpha))
                            .intoArray(c, o + s);
                }
                for (int s = whole; s < cols; s++) {
                    c[o + s] = beta * c[o + s] + alpha * t[tr + s];
                }
            } else {
                for (int s = 0; s < whole; s += LANES) {
                    FloatVector.fromArray(S, t, tr + s).mul(alpha).intoArray(c, o + s);
                }
                for (int s = whole; s < cols; s++) {
                    c[o + s] = alpha * t[tr + s];
                }
            }
            if (last && bias != null) {
                for (int s = 0; s < whole; s += LANES) {
                    FloatVector.fromArray(S, c, o + s).add(FloatVector.fromArray(S, bias, j + s)).intoArray(c, o + s);
                }
                for (int s = whole; s < cols; s++) {
                    c[o + s] = c[o + s] + bias[j + s];
                }
            }
        }
    }
}
