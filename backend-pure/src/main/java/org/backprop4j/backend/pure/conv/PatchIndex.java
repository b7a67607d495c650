package org.backprop4j.backend.pure.conv;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.kernel.conv.ConvShape;

/**
 * Where each entry of one sample's lowered input comes from: {@code im2col} of one sample as a gather, in one of two
 * layouts. By filter rows ({@link #byFilterRow}), the lowered sample has shape {@code (K, P)}, {@code K = C*HH*WW} rows
 * (row {@code (c*HH + di)*WW + dj}) and {@code P = Hout*Wout} columns (column {@code i*Wout + j}), so that
 * {@code w (F, K) · cols} is the sample's output {@code (F, Hout*Wout)} in C order. By positions
 * ({@link #byPosition}), it is the transpose {@code (P, K)}, one row per output position as in {@code im2col} of
 * {@code fast_layers.py}, which the backward pass multiplies as it is ({@code dout_n · rows}) instead of packing a
 * transpose. Entry {@code t} is {@code x[n, index[t]]} (the column in the sample's row of
 * {@code x}), or zero where the window covers the padding ({@code index[t] < 0}).
 *
 * <p>The map is computed once per call and shared by every sample, so the per-sample loops are a gather and a
 * scatter-add with no arithmetic on coordinates.
 */
final class PatchIndex {

    private final int[] index;

    private PatchIndex(int[] index) {
        this.index = index;
    }

    /** The map of a convolution of shape {@code s} into the {@code (K, P)} layout. */
    static PatchIndex byFilterRow(ConvShape s) {
        int p = s.positions();
        int[] index = new int[s.patch() * p];
        int t = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int di = 0; di < s.hh(); di++) {
                for (int dj = 0; dj < s.ww(); dj++) {
                    for (int i = 0; i < s.hOut(); i++) {
                        int h = i * s.stride() + di - s.pad();
                        for (int j = 0; j < s.wOut(); j++, t++) {
                            int w = j * s.stride() + dj - s.pad();
                            index[t] = h >= 0 && h < s.h() && w >= 0 && w < s.w() ? (c * s.h() + h) * s.w() + w : -1;
                        }
                    }
                }
            }
        }
        return new PatchIndex(index);
    }

    /** The map of a convolution of shape {@code s} into the {@code (P, K)} layout, one row per output position. */
    static PatchIndex byPosition(ConvShape s) {
        int[] byRow = byFilterRow(s).index;
        int k = s.patch();
        int p = s.positions();
        int[] index = new int[byRow.length];
        for (int r = 0; r < k; r++) {
            for (int q = 0; q < p; q++) {
                index[q * k + r] = byRow[r * p + q];
            }
        }
        return new PatchIndex(index);
    }

    /** {@code im2col} of sample {@code n} of {@code x} (shape (N, C*H*W)) into {@code cols} (shape (K, P) or (P, K)). */
    void lower(ArrayMatrix x, int n, ArrayMatrix cols) {
        int off = n * x.cols();
        if (x.float64Array() != null) {
            double[] src = x.float64Array();
            double[] dst = cols.float64Array();
            for (int t = 0; t < index.length; t++) {
                int at = index[t];
                dst[t] = at < 0 ? 0.0 : src[off + at];
            }
        } else {
            float[] src = x.float32Array();
            float[] dst = cols.float32Array();
            for (int t = 0; t < index.length; t++) {
                int at = index[t];
                dst[t] = at < 0 ? 0f : src[off + at];
            }
        }
    }

    /**
     * {@code col2im} of one sample: adds each entry of {@code dcols} (shape (K, P) or (P, K)) to the pixel of sample {@code n}
     * of {@code dx} (shape (N, C*H*W)) it was copied from; entries over the padding are dropped.
     */
    void addBack(ArrayMatrix dcols, ArrayMatrix dx, int n) {
        int off = n * dx.cols();
        if (dx.float64Array() != null) {
            double[] src = dcols.float64Array();
            double[] dst = dx.float64Array();
            for (int t = 0; t < index.length; t++) {
                int at = index[t];
                if (at >= 0) {
                    dst[off + at] += src[t];
                }
            }
        } else {
            float[] src = dcols.float32Array();
            float[] dst = dx.float32Array();
            for (int t = 0; t < index.length; t++) {
                int at = index[t];
                if (at >= 0) {
                    dst[off + at] += src[t];
                }
            }
        }
    }
}
