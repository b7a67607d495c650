package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.Lowering;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code conv_forward_fast} / {@code conv_backward_fast} on the nd4j backend: the im2col lowering of the
 * {@code Kernels} defaults (the reference), done a few samples at a time on the bands of {@link SampleBands}, each
 * sample's products one OpenBLAS call on the native arrays in place. The default reads the whole batch out
 * ({@code toArray}), lowers it, writes the lowered batch back, multiplies, and transposes the result on the Java
 * heap; here only a chunk of samples is on the heap at a time, and the output needs no transpose: with
 * {@code rows_n} the {@code (Hout*Wout, C*HH*WW)} lowering of sample {@code n} ({@link Lowering#im2col}), its
 * output block {@code (F, Hout*Wout)} is {@code w · rows_nᵀ}, already in the {@code (N, F, Hout, Wout)} order.
 *
 * <p>The values are those of the default, rounded at the same points (the product, then the bias; the lowered input
 * is kept in the default's layout, so either backward pass takes either cache); only the order of the terms of a
 * product differs, and {@code dw} and {@code db} are summed sample by sample, band by band, in a fixed order (the
 * same bits run to run for a given thread count). {@code db} accumulates in double, also for float32.
 */
final class Nd4jConv {

    private Nd4jConv() {
    }

    /** True if the convolution has work to cut into samples (empty ones are left to the default). */
    static boolean applies(ConvShape s, Matrix... operands) {
        for (Matrix m : operands) {
            if (!(m instanceof Nd4jMatrix)) {
                return false;
            }
        }
        return s.n() > 0 && s.f() > 0 && s.patch() > 0;
    }

    /** The sizes of the convolution of {@code count} of the samples. */
    private static ConvShape samples(ConvShape s, int count) {
        return new ConvShape(count, s.c(), s.h(), s.w(), s.f(), s.hh(), s.ww(), s.stride(), s.pad(), s.hOut(),
                s.wOut());
    }

    /**
     * {@code conv_forward_fast}: for each chunk of samples, {@code im2col} into the lowered batch (kept in the cache);
     * for each sample {@code out_n = w · rows_nᵀ} by GEMM, then {@code out_n += b · 1ᵀ} by {@code ?ger}. {@code s}
     * comes from {@link ConvShape#of}, which has checked the operands.
     */
    static SpatialForward<ConvCache> forward(Tensor x, Tensor w, Matrix b, ConvParam param, ConvShape s) {
        DType dtype = x.dtype();
        int p = s.positions();
        int k = s.patch();
        int f = s.f();
        int sampleIn = s.c() * s.h() * s.w();
        ArrayPool pool = Nd4jBackend.backend().pool();
        Nd4jMatrix rows = pool.matrix(dtype, (long) s.n() * p, k);
        Nd4jMatrix out = pool.matrix(dtype, s.n(), (long) f * p);
        INDArray xa = ((Nd4jMatrix) x.matrix()).array();
        INDArray wa = ((Nd4jMatrix) w.matrix()).array();
        INDArray ba = ((Nd4jMatrix) b).array();
        INDArray ra = rows.array();
        INDArray oa = out.array();
        INDArray ones = Nd4jBackend.backend().ones(dtype, p);
        int chunk = SampleBands.chunk(Math.max((long) p * k, sampleIn));
        int bands = SampleBands.count(s.n(), (long) s.n() * f * p * k);
        SampleBands.run(s.n(), bands, (band, first, last) -> SampleBands.chunks(first, last, chunk, (from, to) -> {
            int m = to - from;
            double[] xc = new double[m * sampleIn];
            Elements.read(xa, (long) from * sampleIn, xc, 0, xc.length);
            double[] rc = Lowering.im2col(xc, samples(s, m));
            Elements.write(ra, (long) from * p * k, rc, 0, rc.length);
            for (int n = from; n < to; n++) {
                long o = (long) n * f * p;
                Blas.gemm(false, true, f, p, k, 1.0, wa, 0, k, ra, (long) n * p * k, k, 0.0, oa, o, p);
                Blas.ger(f, p, ba, ones, oa, o);
            }
        }));
        reachabilityFence(x);
        reachabilityFence(w);
        reachabilityFence(b);
        reachabilityFence(rows);
        return new SpatialForward<>(new Tensor(out, f, s.hOut(), s.wOut()), new ConvCache(x, w, b, param, s, rows));
    }

    /**
     * {@code conv_backward_fast}: for each sample {@code dw += dout_n · rows_n} by GEMM and {@code db += dout_n · 1}
     * in double; with {@code inputGradient} {@code drows_n = dout_nᵀ · w} by GEMM, and {@code dx = col2im(drows)}
     * chunk by chunk. The lowered input is the cache's, lowered again chunk by chunk if it has none (after a naive
     * forward pass). {@code dout}'s shape and operands have been checked.
     */
    static ConvGrads backward(Tensor dout, ConvCache cache, boolean inputGradient) {
        ConvShape s = cache.shape();
        DType dtype = dout.dtype();
        int p = s.positions();
        int k = s.patch();
        int f = s.f();
        int sampleIn = s.c() * s.h() * s.w();
        ArrayPool pool = Nd4jBackend.backend().pool();
        INDArray xa = ((Nd4jMatrix) cache.x().matrix()).array();
        INDArray da = ((Nd4jMatrix) dout.matrix()).array();
        INDArray wa = ((Nd4jMatrix) cache.w().matrix()).array();
        Nd4jMatrix lowered = cache.lowered() instanceof Nd4jMatrix m && m.dtype() == dtype && m.rows() == s.n() * p
                && m.cols() == k ? m : null;
        int chunk = SampleBands.chunk(Math.max(Math.max((long) p * k, sampleIn), (long) f * p));
        int bands = SampleBands.count(s.n(), (long) s.n() * f * p * k * (inputGradient ? 2 : 1));
        Nd4jMatrix dw = pool.matrix(dtype, f, k);
        // band 0 sums into dw, every other band into its own block; the blocks are added in band order at the end
        Nd4jMatrix[] partial = new Nd4jMatrix[bands];
        partial[0] = dw;
        // per band, one chunk's lowering (when the cache has none) or the gradient on it, (chunk*Hout*Wout, C*HH*WW)
        Nd4jMatrix[] scratch = new Nd4jMatrix[bands];
        for (int i = 0; i < bands; i++) {
            partial[i] = i == 0 ? dw : pool.matrix(dtype, f, k);
            if (lowered == null || inputGradient) {
                scratch[i] = pool.matrix(dtype, (long) Math.min(chunk, s.n()) * p, k);
            }
        }
        double[][] db = new double[bands][f];
        Nd4jMatrix dx = inputGradient ? pool.matrix(dtype, s.n(), sampleIn) : null;
        SampleBands.run(s.n(), bands, (band, first, last) -> SampleBands.chunks(first, last, chunk, (from, to) -> {
            int m = to - from;
            INDArray part = partial[band].array();
            INDArray rows = lowered != null ? lowered.array() : scratch[band].array();
            long rowsAt = lowered != null ? (long) from * p * k : 0;
            if (lowered == null) {
                double[] xc = new double[m * sampleIn];
                Elements.read(xa, (long) from * sampleIn, xc, 0, xc.length);
                double[] rc = Lowering.im2col(xc, samples(s, m));
                Elements.write(rows, 0, rc, 0, rc.length);
            }
            for (int n = from; n < to; n++) {
                long o = (long) n * f * p;
                long r = rowsAt + (long) (n - from) * p * k;
                Blas.gemm(false, false, f, k, p, 1.0, da, o, p, rows, r, k, n == first ? 0.0 : 1.0, part, 0, k);
            }
            double[] dc = new double[m * f * p];
            Elements.read(da, (long) from * f * p, dc, 0, dc.length);
            for (int i = 0; i < m; i++) {
                for (int g = 0; g < f; g++) {
                    double sum = 0;
                    for (int q = 0, at = (i * f + g) * p; q < p; q++) {
                        sum += dc[at + q];
                    }
                    db[band][g] += sum;
                }
            }
            if (inputGradient) {
                INDArray drows = scratch[band].array();
                for (int n = from; n < to; n++) {
                    Blas.gemm(true, false, p, k, f, 1.0, da, (long) n * f * p, p, wa, 0, k, 0.0, drows,
                            (long) (n - from) * p * k, k);
                }
                double[] dr = new double[m * p * k];
                Elements.read(drows, 0, dr, 0, dr.length);
                double[] dxc = Lowering.col2im(dr, samples(s, m));
                Elements.write(dx.array(), (long) from * sampleIn, dxc, 0, dxc.length);
            }
        }));
        double[] dbSum = new double[f];
        for (int i = 0; i < bands; i++) {
            if (i > 0) {
                Blas.axpy(1.0, partial[i].array(), dw.array());
                pool.release(partial[i]);
            }
            if (scratch[i] != null) {
                pool.release(scratch[i]);
            }
            for (int g = 0; g < f; g++) {
                dbSum[g] += db[i][g];
            }
        }
        reachabilityFence(dout);
        reachabilityFence(cache);
        reachabilityFence(lowered);
        return new ConvGrads(dx == null ? null : new Tensor(dx, s.c(), s.h(), s.w()),
                new Tensor(dw, s.c(), s.hh(), s.ww()), dout.matrix().create(1, f, dbSum));
    }
}
