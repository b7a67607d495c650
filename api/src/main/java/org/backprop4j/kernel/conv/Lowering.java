package org.backprop4j.kernel.conv;

/**
 * The lowering of a convolution to one matrix product ({@code im2col} of {@code fast_layers.py}), over C-order
 * arrays. The lowered input has one row per output position {@code (n, i, j)} (row {@code n*Hout*Wout + i*Wout + j})
 * and one column per filter element {@code (c, di, dj)} (column {@code (c*HH + di)*WW + dj}), so the filters'
 * {@code (F, C*HH*WW)} matrix applies to it as it is: {@code out_rows = x_rows · w.T}, {@code dw = dout_rows.T ·
 * x_rows}, {@code db = sum(dout_rows, axis=0)}, {@code dx_rows = dout_rows · w}.
 */
public final class Lowering {

    private Lowering() {
    }

    /** {@code im2col}: the lowered input, shape (N*Hout*Wout, C*HH*WW), zero where a window covers the padding. */
    public static double[] im2col(double[] x, ConvShape s) {
        int k = s.patch();
        double[] rows = new double[s.n() * s.positions() * k];
        for (int n = 0; n < s.n(); n++) {
            for (int i = 0; i < s.hOut(); i++) {
                for (int j = 0; j < s.wOut(); j++) {
                    int at = ((n * s.hOut() + i) * s.wOut() + j) * k;
                    for (int c = 0; c < s.c(); c++) {
                        for (int di = 0; di < s.hh(); di++) {
                            int h = i * s.stride() + di - s.pad();
                            for (int dj = 0; dj < s.ww(); dj++, at++) {
                                int w = j * s.stride() + dj - s.pad();
                                if (h >= 0 && h < s.h() && w >= 0 && w < s.w()) {
                                    rows[at] = x[((n * s.c() + c) * s.h() + h) * s.w() + w];
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** {@code col2im}: the gradient on the input, shape (N, C, H, W), each lowered row's entries added back to the pixels it was copied from. */
    public static double[] col2im(double[] rows, ConvShape s) {
        int k = s.patch();
        double[] dx = new double[s.n() * s.c() * s.h() * s.w()];
        for (int n = 0; n < s.n(); n++) {
            for (int i = 0; i < s.hOut(); i++) {
                for (int j = 0; j < s.wOut(); j++) {
                    int at = ((n * s.hOut() + i) * s.wOut() + j) * k;
                    for (int c = 0; c < s.c(); c++) {
                        for (int di = 0; di < s.hh(); di++) {
                            int h = i * s.stride() + di - s.pad();
                            for (int dj = 0; dj < s.ww(); dj++, at++) {
                                int w = j * s.stride() + dj - s.pad();
                                if (h >= 0 && h < s.h() && w >= 0 && w < s.w()) {
                                    dx[((n * s.c() + c) * s.h() + h) * s.w() + w] += rows[at];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** From rows per output position {@code (N*P, F)} to the output's layout {@code (N, F*P)}, P = Hout*Wout. */
    public static double[] rowsToSamples(double[] rows, int n, int f, int p) {
        double[] out = new double[rows.length];
        for (int s = 0; s < n; s++) {
            for (int q = 0; q < p; q++) {
                for (int g = 0; g < f; g++) {
                    out[(s * f + g) * p + q] = rows[(s * p + q) * f + g];
                }
            }
        }
        return out;
    }

    /** From the output's layout {@code (N, F*P)} to rows per output position {@code (N*P, F)}. */
    public static double[] samplesToRows(double[] samples, int n, int f, int p) {
        double[] rows = new double[samples.length];
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < f; g++) {
                for (int q = 0; q < p; q++) {
                    rows[(s * p + q) * f + g] = samples[(s * f + g) * p + q];
                }
            }
        }
        return rows;
    }
}
