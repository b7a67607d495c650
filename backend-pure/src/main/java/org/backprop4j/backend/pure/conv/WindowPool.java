package org.backprop4j.backend.pure.conv;

import java.util.function.IntConsumer;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.tensor.Tensor;

/**
 * {@code max_pool_forward_fast} / {@code max_pool_backward_fast} of {@code pure} over the primitive arrays, window by
 * window: the 2x2 tiles of the reshape trick ({@code max_pool_forward_reshape}, the common case) unrolled and without
 * data-dependent branches, any other window in a loop. Each window keeps its first maximum in row-major order, and the
 * first NaN, as {@code np.argmax} does and as the {@code Kernels} default remembers it; the cache's {@code argmax} holds
 * its column in the sample's row. Samples are spread over the product's threads when the input is large.
 */
public final class WindowPool {

    /**
     * Input elements from which the samples are spread over threads: 2^16 (0.5 MiB of float64), several times the
     * cost of handing work to a helper thread.
     */
    static final long PARALLEL_FROM = 1L << 16;

    private final PureProduct gemm;

    /** Pooling on the threads of {@code gemm}. */
    public WindowPool(PureProduct gemm) {
        this.gemm = gemm;
    }

    /**
     * {@code max_pool_forward_fast}; {@code x} must be an array matrix.
     *
     * @return out, shape (N, C, Hout, Wout), and the cache with each window's argmax
     */
    public SpatialForward<PoolCache> forward(Tensor x, PoolParam param) {
        PoolShape s = PoolShape.of("max_pool_forward_fast", x, param);
        ArrayMatrix xm = ArrayMatrix.cast(x.matrix());
        int outSample = s.c() * s.hOut() * s.wOut();
        ArrayMatrix out = xm.zeros(s.n(), outSample);
        int[] argmax = new int[s.n() * outSample];
        boolean twoByTwo = param.tiles() && param.stride() == 2;
        overSamples(s.n(), xm.cols(), n -> {
            if (xm.float64Array() != null) {
                if (twoByTwo) {
                    tiles2x2(xm.float64Array(), n, s, out.float64Array(), argmax);
                } else {
                    windows(xm.float64Array(), n, s, out.float64Array(), argmax);
                }
            } else {
                if (twoByTwo) {
                    tiles2x2(xm.float32Array(), n, s, out.float32Array(), argmax);
                } else {
                    windows(xm.float32Array(), n, s, out.float32Array(), argmax);
                }
            }
        });
        return new SpatialForward<>(new Tensor(out, s.c(), s.hOut(), s.wOut()), new PoolCache(x, param, s, argmax));
    }

    /** {@code max_pool_backward_fast}: {@code dx[argmax] += dout}; the cache must hold the argmax. */
    public Tensor backward(Tensor dout, PoolCache cache) {
        PoolShape s = cache.shape();
        s.requireOutput("max_pool_backward_fast", dout);
        MatrixChecks.requireCompatible("max_pool_backward_fast", dout.matrix(), cache.x().matrix());
        ArrayMatrix dm = ArrayMatrix.cast(dout.matrix());
        int[] argmax = cache.argmax();
        int sample = s.c() * s.h() * s.w();
        int outSample = dm.cols();
        ArrayMatrix dx = dm.zeros(s.n(), sample);
        overSamples(s.n(), sample, n -> {
            int o = n * outSample;
            int base = n * sample;
            if (dm.float64Array() != null) {
                double[] src = dm.float64Array();
                double[] dst = dx.float64Array();
                for (int q = o; q < o + outSample; q++) {
                    dst[base + argmax[q]] += src[q];
                }
            } else {
                float[] src = dm.float32Array();
                float[] dst = dx.float32Array();
                for (int q = o; q < o + outSample; q++) {
                    dst[base + argmax[q]] += src[q];
                }
            }
        });
        return new Tensor(dx, s.c(), s.h(), s.w());
    }

    /** Runs {@code body} for each sample, spread over the threads from {@link #PARALLEL_FROM} input elements. */
    private void overSamples(int samples, int sampleSize, IntConsumer body) {
        boolean parallel = gemm.threads() > 1 && (long) samples * sampleSize >= PARALLEL_FROM;
        SampleChunks.of(samples).forEachSample(parallel, body);
    }

    /** True if {@code v} replaces {@code best} as a window's first maximum: strictly greater, or the first NaN. */
    private static boolean beats(double v, double best) {
        return v > best || v != v && best == best;
    }

    /**
     * 2x2 windows with stride 2 over sample {@code n}. Which of a window's four values is the maximum is random on
     * real data, so a compare-and-branch per value mispredicts about half the time; here each comparison only picks
     * an offset (a conditional move) and the winner is read back, and a window holding NaN (its sum is NaN; so is
     * one holding both infinities) takes the exact loop of {@link #windows}.
     */
    private static void tiles2x2(double[] x, int n, PoolShape s, double[] out, int[] argmax) {
        int w = s.w();
        int inPlane = s.h() * w;
        int o = n * s.c() * s.hOut() * s.wOut();
        int base = n * s.c() * inPlane;
        for (int c = 0; c < s.c(); c++) {
            for (int i = 0; i < s.hOut(); i++) {
                int top = base + c * inPlane + 2 * i * w;
                for (int j = 0; j < s.wOut(); j++, o++) {
                    int at = top + 2 * j;
                    double v0 = x[at];
                    double v1 = x[at + 1];
                    double v2 = x[at + w];
                    double v3 = x[at + w + 1];
                    double sum = v0 + v1 + v2 + v3;
                    if (sum != sum) {
                        window(x, base, at - base, 2, 2, w, out, argmax, o);
                        continue;
                    }
                    int upper = v1 > v0 ? 1 : 0;
                    int lower = w + (v3 > v2 ? 1 : 0);
                    int best = x[at + lower] > x[at + upper] ? lower : upper;
                    out[o] = x[at + best];
                    argmax[o] = at + best - base;
                }
            }
        }
    }

    /** {@link #tiles2x2(double[], int, PoolShape, double[], int[])} in float32. */
    private static void tiles2x2(float[] x, int n, PoolShape s, float[] out, int[] argmax) {
        int w = s.w();
        int inPlane = s.h() * w;
        int o = n * s.c() * s.hOut() * s.wOut();
        int base = n * s.c() * inPlane;
        for (int c = 0; c < s.c(); c++) {
            for (int i = 0; i < s.hOut(); i++) {
                int top = base + c * inPlane + 2 * i * w;
                for (int j = 0; j < s.wOut(); j++, o++) {
                    int at = top + 2 * j;
                    float v0 = x[at];
                    float v1 = x[at + 1];
                    float v2 = x[at + w];
                    float v3 = x[at + w + 1];
                    float sum = v0 + v1 + v2 + v3;
                    if (sum != sum) {
                        window(x, base, at - base, 2, 2, w, out, argmax, o);
                        continue;
                    }
                    int upper = v1 > v0 ? 1 : 0;
                    int lower = w + (v3 > v2 ? 1 : 0);
                    int best = x[at + lower] > x[at + upper] ? lower : upper;
                    out[o] = x[at + best];
                    argmax[o] = at + best - base;
                }
            }
        }
    }

    /** Any windows over sample {@code n}, each by {@link #window}. */
    private static void windows(double[] x, int n, PoolShape s, double[] out, int[] argmax) {
        int w = s.w();
        int inPlane = s.h() * w;
        int o = n * s.c() * s.hOut() * s.wOut();
        int base = n * s.c() * inPlane;
        for (int c = 0; c < s.c(); c++) {
            for (int i = 0; i < s.hOut(); i++) {
                int top = c * inPlane + i * s.stride() * w;
                for (int j = 0; j < s.wOut(); j++, o++) {
                    window(x, base, top + j * s.stride(), s.poolHeight(), s.poolWidth(), w, out, argmax, o);
                }
            }
        }
    }

    /** {@link #windows(double[], int, PoolShape, double[], int[])} in float32. */
    private static void windows(float[] x, int n, PoolShape s, float[] out, int[] argmax) {
        int w = s.w();
        int inPlane = s.h() * w;
        int o = n * s.c() * s.hOut() * s.wOut();
        int base = n * s.c() * inPlane;
        for (int c = 0; c < s.c(); c++) {
            for (int i = 0; i < s.hOut(); i++) {
                int top = c * inPlane + i * s.stride() * w;
                for (int j = 0; j < s.wOut(); j++, o++) {
                    window(x, base, top + j * s.stride(), s.poolHeight(), s.poolWidth(), w, out, argmax, o);
                }
            }
        }
    }

    /**
     * The window of {@code ph x pw} pixels whose top left is column {@code corner} of the sample's row starting at
     * {@code base}, rows {@code w} apart: its first maximum into {@code out[o]} and its column into {@code argmax[o]}.
     */
    private static void window(double[] x, int base, int corner, int ph, int pw, int w, double[] out, int[] argmax,
            int o) {
        int best = corner;
        double max = x[base + corner];
        for (int di = 0; di < ph; di++) {
            for (int dj = 0, at = corner + di * w; dj < pw; dj++, at++) {
                double v = x[base + at];
                if (beats(v, max)) {
                    max = v;
                    best = at;
                }
            }
        }
        out[o] = max;
        argmax[o] = best;
    }

    /** {@link #window(double[], int, int, int, int, int, double[], int[], int)} in float32. */
    private static void window(float[] x, int base, int corner, int ph, int pw, int w, float[] out, int[] argmax,
            int o) {
        int best = corner;
        float max = x[base + corner];
        for (int di = 0; di < ph; di++) {
            for (int dj = 0, at = corner + di * w; dj < pw; dj++, at++) {
                float v = x[base + at];
                if (beats(v, max)) {
                    max = v;
                    best = at;
                }
            }
        }
        out[o] = max;
        argmax[o] = best;
    }
}
