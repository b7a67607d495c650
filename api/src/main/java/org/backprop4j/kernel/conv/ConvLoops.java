package org.backprop4j.kernel.conv;

/**
 * The textbook nested loops of {@code conv_forward_naive} and {@code conv_backward_naive} over C-order arrays: the
 * input is zero-padded ({@code np.pad}), and every output element is the sum of one window of the padded input
 * times one filter. The "naive" side of the notebook's naive-versus-fast comparison, on every backend.
 */
public final class ConvLoops {

    private ConvLoops() {
    }

    /** {@code x_padded = np.pad(x, ((0,), (0,), (pad,), (pad,)), 'constant')}, shape (N, C, H + 2 pad, W + 2 pad). */
    static double[] pad(double[] x, ConvShape s) {
        int hp = s.h() + 2 * s.pad();
        int wp = s.w() + 2 * s.pad();
        double[] xp = new double[s.n() * s.c() * hp * wp];
        for (int n = 0; n < s.n(); n++) {
            for (int c = 0; c < s.c(); c++) {
                for (int i = 0; i < s.h(); i++) {
                    int from = ((n * s.c() + c) * s.h() + i) * s.w();
                    int to = ((n * s.c() + c) * hp + i + s.pad()) * wp + s.pad();
                    System.arraycopy(x, from, xp, to, s.w());
                }
            }
        }
        return xp;
    }

    /**
     * {@code conv_forward_naive}: {@code out[n, f, i, j] = sum(x_padded[n, :, i*stride : i*stride+HH,
     * j*stride : j*stride+WW] * w[f]) + b[f]}.
     *
     * @return out, shape (N, F, Hout, Wout), C order
     */
    public static double[] forward(double[] x, double[] w, double[] b, ConvShape s) {
        double[] xp = pad(x, s);
        int hp = s.h() + 2 * s.pad();
        int wp = s.w() + 2 * s.pad();
        double[] out = new double[s.n() * s.f() * s.positions()];
        for (int n = 0; n < s.n(); n++) {
            for (int f = 0; f < s.f(); f++) {
                for (int i = 0; i < s.hOut(); i++) {
                    for (int j = 0; j < s.wOut(); j++) {
                        double sum = 0;
                        for (int c = 0; c < s.c(); c++) {
                            for (int di = 0; di < s.hh(); di++) {
                                for (int dj = 0; dj < s.ww(); dj++) {
                                    double xv = xp[((n * s.c() + c) * hp + i * s.stride() + di) * wp + j * s.stride()
                                            + dj];
                                    sum += xv * w[((f * s.c() + c) * s.hh() + di) * s.ww() + dj];
                                }
                            }
                        }
                        out[((n * s.f() + f) * s.hOut() + i) * s.wOut() + j] = sum + b[f];
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code conv_backward_naive}: for every output element, {@code db[f] += dout}, {@code dw[f] += window * dout}
     * and {@code dx_padded[window] += w[f] * dout}; {@code dx} is {@code dx_padded} without its border.
     *
     * @return {@code {dx, dw, db}}, C order; {@code dx} is {@code null} unless {@code inputGradient}
     */
    public static double[][] backward(double[] dout, double[] x, double[] w, ConvShape s, boolean inputGradient) {
        double[] xp = pad(x, s);
        int hp = s.h() + 2 * s.pad();
        int wp = s.w() + 2 * s.pad();
        double[] dxp = inputGradient ? new double[xp.length] : null;
        double[] dw = new double[s.f() * s.patch()];
        double[] db = new double[s.f()];
        for (int n = 0; n < s.n(); n++) {
            for (int f = 0; f < s.f(); f++) {
                for (int i = 0; i < s.hOut(); i++) {
                    for (int j = 0; j < s.wOut(); j++) {
                        double d = dout[((n * s.f() + f) * s.hOut() + i) * s.wOut() + j];
                        db[f] += d;
                        for (int c = 0; c < s.c(); c++) {
                            for (int di = 0; di < s.hh(); di++) {
                                for (int dj = 0; dj < s.ww(); dj++) {
                                    int xi = ((n * s.c() + c) * hp + i * s.stride() + di) * wp + j * s.stride() + dj;
                                    int wi = ((f * s.c() + c) * s.hh() + di) * s.ww() + dj;
                                    dw[wi] += xp[xi] * d;
                                    if (dxp != null) {
                                        dxp[xi] += w[wi] * d;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dxp == null ? null : unpad(dxp, s), dw, db};
    }

    /** {@code dx_padded[:, :, pad:-pad, pad:-pad]}. */
    static double[] unpad(double[] xp, ConvShape s) {
        int hp = s.h() + 2 * s.pad();
        int wp = s.w() + 2 * s.pad();
        double[] x = new double[s.n() * s.c() * s.h() * s.w()];
        for (int n = 0; n < s.n(); n++) {
            for (int c = 0; c < s.c(); c++) {
                for (int i = 0; i < s.h(); i++) {
                    int to = ((n * s.c() + c) * s.h() + i) * s.w();
                    int from = ((n * s.c() + c) * hp + i + s.pad()) * wp + s.pad();
                    System.arraycopy(xp, from, x, to, s.w());
                }
            }
        }
        return x;
    }
}
