package org.backprop4j.kernel.conv;

import java.util.Arrays;

/**
 * Max pooling over C-order arrays: the textbook window loops of {@code max_pool_forward_naive} /
 * {@code max_pool_backward_naive}, and the one streaming pass of {@code max_pool_forward_fast}, which remembers where
 * each maximum was.
 */
public final class PoolLoops {

    private PoolLoops() {
    }

    /** {@code max_pool_forward_naive}: {@code out[n, c, i, j] = np.max(x[n, c, window])}. */
    public static double[] forwardNaive(double[] x, PoolShape s) {
        double[] out = new double[s.n() * s.c() * s.hOut() * s.wOut()];
        for (int n = 0; n < s.n(); n++) {
            for (int c = 0; c < s.c(); c++) {
                int plane = (n * s.c() + c) * s.h() * s.w();
                for (int i = 0; i < s.hOut(); i++) {
                    for (int j = 0; j < s.wOut(); j++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int di = 0; di < s.poolHeight(); di++) {
                            for (int dj = 0; dj < s.poolWidth(); dj++) {
                                max = Math.max(max,
                                        x[plane + (i * s.stride() + di) * s.w() + j * s.stride() + dj]);
                            }
                        }
                        out[((n * s.c() + c) * s.hOut() + i) * s.wOut() + j] = max;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code max_pool_backward_naive}: each {@code dout[n, c, i, j]} goes to the first maximum of its window
     * ({@code np.unravel_index(np.argmax(window), window.shape)}).
     */
    public static double[] backwardNaive(double[] dout, double[] x, PoolShape s) {
        double[] dx = new double[x.length];
        for (int n = 0; n < s.n(); n++) {
            for (int c = 0; c < s.c(); c++) {
                int plane = (n * s.c() + c) * s.h() * s.w();
                for (int i = 0; i < s.hOut(); i++) {
                    for (int j = 0; j < s.wOut(); j++) {
                        int best = -1;
                        for (int di = 0; di < s.poolHeight(); di++) {
                            for (int dj = 0; dj < s.poolWidth(); dj++) {
                                int at = plane + (i * s.stride() + di) * s.w() + j * s.stride() + dj;
                                if (best < 0 || x[at] > x[best] || Double.isNaN(x[at]) && !Double.isNaN(x[best])) {
                                    best = at;
                                }
                            }
                        }
                        dx[best] += dout[((n * s.c() + c) * s.hOut() + i) * s.wOut() + j];
                    }
                }
            }
        }
        return dx;
    }

    /**
     * {@code max_pool_forward_fast}: one pass over the input rows; for tiling windows (the reshape trick's case) every
     * pixel is read once. Writes into {@code argmax} (length N*C*Hout*Wout) the column in its sample's row of each output's first maximum.
     *
     * @return out, shape (N, C, Hout, Wout)
     */
    public static double[] forward(double[] x, PoolShape s, int[] argmax) {
        int outPlane = s.hOut() * s.wOut();
        int inPlane = s.h() * s.w();
        double[] out = new double[s.n() * s.c() * outPlane];
        Arrays.fill(argmax, -1);
        for (int n = 0; n < s.n(); n++) {
            int rowStart = n * s.c() * inPlane;
            for (int c = 0; c < s.c(); c++) {
                int o = (n * s.c() + c) * outPlane;
                for (int i = 0; i < s.hOut(); i++) {
                    for (int di = 0; di < s.poolHeight(); di++) {
                        int line = c * inPlane + (i * s.stride() + di) * s.w();
                        for (int j = 0; j < s.wOut(); j++) {
                            int q = o + i * s.wOut() + j;
                            for (int dj = 0; dj < s.poolWidth(); dj++) {
                                int col = line + j * s.stride() + dj;
                                double v = x[rowStart + col];
                                double max = out[q];
                                // strictly greater keeps the first maximum; the first NaN wins, as np.max propagates it
                                if (argmax[q] < 0 || v > max || Double.isNaN(v) && !Double.isNaN(max)) {
                                    out[q] = v;
                                    argmax[q] = col;
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** {@code max_pool_backward_fast}: {@code dx[argmax] += dout}. */
    public static double[] backward(double[] dout, int[] argmax, PoolShape s) {
        int sample = s.c() * s.h() * s.w();
        int outSample = s.c() * s.hOut() * s.wOut();
        double[] dx = new double[s.n() * sample];
        for (int q = 0; q < dout.length; q++) {
            dx[q / outSample * sample + argmax[q]] += dout[q];
        }
        return dx;
    }
}
