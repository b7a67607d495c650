package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.FusedSoftmaxLoss;
import org.backprop4j.kernel.KernelChecks;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.SpatialBatchnormCache;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.kernel.conv.SpatialGrads;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused kernels of the {@code nd4j} backend, faster copies of the {@link Kernels} defaults (the reference),
 * held to them by {@code Nd4jKernelsTest}, {@code Nd4jConvTest} and {@code Nd4jSpatialBatchnormTest}: each returns
 * the numbers of the default kernel it replaces (the same operations, rounded at the same points; the convolutions
 * sum the terms of their products in another order), with fewer native calls, copies and temporaries.
 *
 * <ul>
 *   <li>{@link #affineForward}: one GEMM into an uninitialised output, then the bias added by a rank-1
 *       update {@code out += 1·bᵀ} ({@code ?ger}, 2 µs for (200, 100), against 17–27 µs for ND4J's
 *       broadcast add): two BLAS calls, one array;</li>
 *   <li>{@link #reluBackward}: the mask {@code x > 0} is computed into the output, which is then
 *       multiplied by {@code dout} in place: one array instead of two;</li>
 *   <li>{@link #softmaxLoss}: the (N, C) scores are read once, and max, log-sum-exp, log-probabilities,
 *       the loss and the gradient are formed row by row in one pass, written once ({@link FusedSoftmaxLoss},
 *       which {@code pure} runs too). ND4J's
 *       {@code log_softmax} is no substitute: it returns {@code -inf} where a score is 800 below the row's
 *       maximum, where cs231n's form gives the finite {@code -800 - log Z}.</li>
 *   <li>{@link #convForward} / {@link #convBackward(Tensor, ConvCache, boolean)}: the default's im2col lowering a
 *       few samples at a time on the native arrays, one GEMM per sample into the output's layout
 *       ({@link Nd4jConv});</li>
 *   <li>{@link #spatialBatchnormForward} / {@link #spatialBatchnormBackward}: the default's, its transposes to
 *       and from the {@code (N*H*W, C)} rows one native strided copy each ({@link PixelRows}).</li>
 * </ul>
 *
 * <p>Max pooling stays on the default: its cost is the Java pass itself (2.0-2.5 ms at (100, 3, 32, 32), 2x2),
 * not the copies around it; run chunk by chunk on the native arrays it took 1.8-2.2 ms, and ND4J's
 * {@code maxpool2d_bp} is slower than routing {@code dout} by the cached argmax (see the module README).
 *
 * <p>Operands of another backend fall back to the default kernels (which then fail with the usual
 * backend-mismatch message).
 */
final class Nd4jKernels implements Kernels {

    /** {@code out = x · w + b}: {@code x · w} by GEMM, then {@code b} added to every row by {@code ?ger}. */
    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        KernelChecks.requireBias("affine_forward", w, b);
        if (!(x instanceof Nd4jMatrix && w instanceof Nd4jMatrix && b instanceof Nd4jMatrix)) {
            return Kernels.super.affineForward(x, w, b);
        }
        MatrixChecks.requireCompatible("affine_forward", w, b);
        Nd4jMatrix out = (Nd4jMatrix) x.dot(w);
        if (out.size() > 0) {
            INDArray ones = Nd4jBackend.backend().ones(out.dtype(), out.rows());
            Blas.ger(ones, ((Nd4jMatrix) b).array(), out.array());
        }
        reachabilityFence(b);
        return new Forward<>(out, new AffineCache(x, w, b));
    }

    /** {@code dx = (x > 0) * dout}: the mask is formed in the output, then multiplied by {@code dout} in place. */
    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        Matrix x = cache.x();
        if (!(dout instanceof Nd4jMatrix && x instanceof Nd4jMatrix)) {
            return Kernels.super.reluBackward(dout, cache);
        }
        MatrixChecks.requireSameShape("relu_backward", dout, x);
        Matrix dx = x.map(UnaryOp.RELU_MASK);
        dx.muli(dout);
        return dx;
    }

    /** {@code conv_forward_fast}: the im2col lowering sample by sample on the native arrays ({@link Nd4jConv}). */
    @Override
    public SpatialForward<ConvCache> convForward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        ConvShape s = ConvShape.of("conv_forward_fast", x, w, b, param);
        if (!Nd4jConv.applies(s, x.matrix(), w.matrix(), b)) {
            return Kernels.super.convForward(x, w, b, param);
        }
        return Nd4jConv.forward(x, w, b, param, s);
    }

    /** {@code conv_backward_fast}, {@code dx} only with {@code inputGradient}: sample by sample ({@link Nd4jConv}). */
    @Override
    public ConvGrads convBackward(Tensor dout, ConvCache cache, boolean inputGradient) {
        ConvShape s = cache.shape();
        s.requireOutput("conv_backward_fast", dout);
        MatrixChecks.requireCompatible("conv_backward_fast", dout.matrix(), cache.x().matrix());
        if (!Nd4jConv.applies(s, dout.matrix(), cache.x().matrix(), cache.w().matrix())) {
            return Kernels.super.convBackward(dout, cache, inputGradient);
        }
        return Nd4jConv.backward(dout, cache, inputGradient);
    }

    /** {@code spatial_batchnorm_forward}: the default's, with the transposes as native strided copies ({@link PixelRows}). */
    @Override
    public SpatialForward<SpatialBatchnormCache> spatialBatchnormForward(Tensor x, Matrix gamma, Matrix beta,
            BatchnormParam param) {
        if (!(x.matrix() instanceof Nd4jMatrix) || x.matrix().size() == 0) {
            return Kernels.super.spatialBatchnormForward(x, gamma, beta, param);
        }
        Forward<BatchnormCache> bn = batchnormForward(PixelRows.toRows(x), gamma, beta, param);
        Tensor out = PixelRows.fromRows((Nd4jMatrix) bn.out(), x.n(), x.channels(), x.height(), x.width());
        SpatialBatchnormCache cache = bn.cache() == null
                ? null
                : new SpatialBatchnormCache(bn.cache(), x.n(), x.channels(), x.height(), x.width());
        return new SpatialForward<>(out, cache);
    }

    /** {@code spatial_batchnorm_backward}: the default's, with the transposes as native strided copies. */
    @Override
    public SpatialGrads spatialBatchnormBackward(Tensor dout, SpatialBatchnormCache cache) {
        if (cache == null || !(dout.matrix() instanceof Nd4jMatrix) || dout.matrix().size() == 0
                || dout.n() != cache.n() || dout.channels() != cache.channels() || dout.height() != cache.height()
                || dout.width() != cache.width()) {
            return Kernels.super.spatialBatchnormBackward(dout, cache); // which names what is wrong
        }
        BatchnormGrads g = batchnormBackwardAlt(PixelRows.toRows(dout), cache.batchnorm());
        Tensor dx = PixelRows.fromRows((Nd4jMatrix) g.dx(), cache.n(), cache.channels(), cache.height(),
                cache.width());
        return new SpatialGrads(dx, g.dgamma(), g.dbeta());
    }

    /** {@code softmax_loss} row by row on one copy of the scores: {@link FusedSoftmaxLoss}. */
    @Override
    public LossResult softmaxLoss(Matrix scores, int[] y) {
        return FusedSoftmaxLoss.of(scores, y);
    }
}
