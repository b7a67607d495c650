package org.backprop4j.backend.pure.conv;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.kernel.conv.ConvShape;

/**
 * {@code im2col} and {@code col2im} of one sample, in one of two layouts of the lowered sample. By filter rows
 * ({@link #byFilterRow}) it has shape {@code (K, P)}, {@code K = C*HH*WW} rows (row {@code (c*HH + di)*WW + dj}) and
 * {@code P = Hout*Wout} columns (column {@code i*Wout + j}), so that {@code w (F, K) · cols} is the sample's output
 * {@code (F, Hout*Wout)} in C order. By positions ({@link #byPosition}) it is the transpose {@code (P, K)}, one row
 * per output position as in {@code im2col} of {@code fast_layers.py}, which the backward pass multiplies as it is
 * ({@code dout_n · rows}) instead of packing a transpose. Entry {@code (k, q)} is
 * {@code x[n, c, i*stride + di - pad, j*stride + dj - pad]}, zero where the window covers the padding.
 *
 * <p>The loops run over one filter tap {@code (c, di, dj)} and one output row {@code i} at a time: the range of
 * {@code j} whose pixel is inside the image is worked out once per tap, so the inner loop is a strided copy with no
 * test, with the strides of the common cases as constants (see {@link #copy(double[], int, double[], int, int, int)});
 * a precomputed gather map, which spends a load per entry on the map, was 1.5-2 times slower.
 */
final class SampleLowering {

    private final ConvShape s;
    /** Distance in the lowered sample between consecutive filter taps k and consecutive positions q. */
    private final int kStride;
    private final int qStride;
    /** Per tap k: the first and one past the last j whose column {@code j*stride + dj - pad} is inside the image. */
    private final int[] jLo;
    private final int[] jHi;

    private SampleLowering(ConvShape s, int kStride, int qStride) {
        this.s = s;
        this.kStride = kStride;
        this.qStride = qStride;
        this.jLo = new int[s.ww()];
        this.jHi = new int[s.ww()];
        for (int dj = 0; dj < s.ww(); dj++) {
            int off = dj - s.pad();
            jLo[dj] = Math.min(s.wOut(), off >= 0 ? 0 : (-off + s.stride() - 1) / s.stride());
            jHi[dj] = Math.max(jLo[dj], Math.min(s.wOut(), Math.floorDiv(s.w() - 1 - off, s.stride()) + 1));
        }
    }

    /** The {@code (K, P)} layout of a convolution of shape {@code s}. */
    static SampleLowering byFilterRow(ConvShape s) {
        return new SampleLowering(s, s.positions(), 1);
    }

    /** The {@code (P, K)} layout of a convolution of shape {@code s}, one row per output position. */
    static SampleLowering byPosition(ConvShape s) {
        return new SampleLowering(s, 1, s.patch());
    }

    /** {@code im2col} of sample {@code n} of {@code x} (shape (N, C*H*W)) into {@code cols} (this layout). */
    void lower(ArrayMatrix x, int n, ArrayMatrix cols) {
        if (x.float64Array() != null) {
            lower(x.float64Array(), n * x.cols(), cols.float64Array());
        } else {
            lower(x.float32Array(), n * x.cols(), cols.float32Array());
        }
    }

    /**
     * {@code col2im} of one sample: adds each entry of {@code dcols} (this layout) to the pixel of sample {@code n} of
     * {@code dx} (shape (N, C*H*W)) it was copied from; entries over the padding are dropped.
     */
    void addBack(ArrayMatrix dcols, ArrayMatrix dx, int n) {
        if (dx.float64Array() != null) {
            addBack(dcols.float64Array(), dx.float64Array(), n * dx.cols());
        } else {
            addBack(dcols.float32Array(), dx.float32Array(), n * dx.cols());
        }
    }

    private void lower(double[] x, int off, double[] cols) {
        int st = s.stride();
        int wOut = s.wOut();
        int k = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int di = 0; di < s.hh(); di++) {
                for (int dj = 0; dj < s.ww(); dj++, k++) {
                    int lo = jLo[dj];
                    int hi = jHi[dj];
                    for (int i = 0; i < s.hOut(); i++) {
                        int h = i * st + di - s.pad();
                        int d = k * kStride + i * wOut * qStride;
                        if (h < 0 || h >= s.h()) {
                            zero(cols, d, 0, wOut);
                            continue;
                        }
                        zero(cols, d, 0, lo);
                        int src = off + (c * s.h() + h) * s.w() + dj - s.pad();
                        copy(x, src, cols, d, lo, hi);
                        zero(cols, d, hi, wOut);
                    }
                }
            }
        }
    }

    private void lower(float[] x, int off, float[] cols) {
        int st = s.stride();
        int wOut = s.wOut();
        int k = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int di = 0; di < s.hh(); di++) {
                for (int dj = 0; dj < s.ww(); dj++, k++) {
                    int lo = jLo[dj];
                    int hi = jHi[dj];
                    for (int i = 0; i < s.hOut(); i++) {
                        int h = i * st + di - s.pad();
                        int d = k * kStride + i * wOut * qStride;
                        if (h < 0 || h >= s.h()) {
                            zero(cols, d, 0, wOut);
                            continue;
                        }
                        zero(cols, d, 0, lo);
                        int src = off + (c * s.h() + h) * s.w() + dj - s.pad();
                        copy(x, src, cols, d, lo, hi);
                        zero(cols, d, hi, wOut);
                    }
                }
            }
        }
    }

    private void addBack(double[] dcols, double[] dx, int off) {
        int st = s.stride();
        int wOut = s.wOut();
        int k = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int di = 0; di < s.hh(); di++) {
                for (int dj = 0; dj < s.ww(); dj++, k++) {
                    int lo = jLo[dj];
                    int hi = jHi[dj];
                    for (int i = 0; i < s.hOut(); i++) {
                        int h = i * st + di - s.pad();
                        if (h < 0 || h >= s.h()) {
                            continue;
                        }
                        int d = k * kStride + i * wOut * qStride;
                        int dst = off + (c * s.h() + h) * s.w() + dj - s.pad();
                        if (qStride == 1 && st == 2) {
                            for (int j = lo; j < hi; j++) {
                                dx[dst + 2 * j] += dcols[d + j]; // constant strides, as in copy
                            }
                        } else {
                            for (int j = lo; j < hi; j++) {
                                dx[dst + j * st] += dcols[d + j * qStride];
                            }
                        }
                    }
                }
            }
        }
    }

    private void addBack(float[] dcols, float[] dx, int off) {
        int st = s.stride();
        int wOut = s.wOut();
        int k = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int di = 0; di < s.hh(); di++) {
                for (int dj = 0; dj < s.ww(); dj++, k++) {
                    int lo = jLo[dj];
                    int hi = jHi[dj];
                    for (int i = 0; i < s.hOut(); i++) {
                        int h = i * st + di - s.pad();
                        if (h < 0 || h >= s.h()) {
                            continue;
                        }
                        int d = k * kStride + i * wOut * qStride;
                        int dst = off + (c * s.h() + h) * s.w() + dj - s.pad();
                        if (qStride == 1 && st == 2) {
                            for (int j = lo; j < hi; j++) {
                                dx[dst + 2 * j] += dcols[d + j]; // constant strides, as in copy
                            }
                        } else {
                            for (int j = lo; j < hi; j++) {
                                dx[dst + j * st] += dcols[d + j * qStride];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code cols[d + j*qStride] = x[src + j*stride]} for {@code j = lo .. hi-1}. The common strides are spelled out
     * as constants: with a stride only known at run time the JIT keeps a bounds check per element (it removes them for
     * constant strides), which made this loop, with its 16 elements at the benchmark's shape, the slowest part.
     */
    private void copy(double[] x, int src, double[] cols, int d, int lo, int hi) {
        int st = s.stride();
        if (qStride == 1 && st == 1) {
            System.arraycopy(x, src + lo, cols, d + lo, hi - lo);
        } else if (qStride == 1 && st == 2) {
            for (int j = lo; j < hi; j++) {
                cols[d + j] = x[src + 2 * j];
            }
        } else {
            for (int j = lo; j < hi; j++) {
                cols[d + j * qStride] = x[src + j * st];
            }
        }
    }

    private void copy(float[] x, int src, float[] cols, int d, int lo, int hi) {
        int st = s.stride();
        if (qStride == 1 && st == 1) {
            System.arraycopy(x, src + lo, cols, d + lo, hi - lo);
        } else if (qStride == 1 && st == 2) {
            for (int j = lo; j < hi; j++) {
                cols[d + j] = x[src + 2 * j];
            }
        } else {
            for (int j = lo; j < hi; j++) {
                cols[d + j * qStride] = x[src + j * st];
            }
        }
    }

    /** Zeros the entries {@code j = from .. to-1} of the output row that starts at {@code d}. */
    private void zero(double[] cols, int d, int from, int to) {
        for (int j = from; j < to; j++) {
            cols[d + j * qStride] = 0.0;
        }
    }

    private void zero(float[] cols, int d, int from, int to) {
        for (int j = from; j < to; j++) {
            cols[d + j * qStride] = 0f;
        }
    }
}
