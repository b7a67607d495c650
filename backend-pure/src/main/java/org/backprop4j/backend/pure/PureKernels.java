package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

import org.backprop4j.backend.array.ArrayKernels;
import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.pure.conv.LoweredConv;
import org.backprop4j.backend.pure.conv.WindowPool;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.FusedSoftmaxLoss;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;

/**
 * The fused kernels of the {@code pure} backend, faster copies of the {@link Kernels} defaults (the reference),
 * held to them bit for bit in both dtypes by {@code KernelsAgreementTest} and {@code SimdLoopsTest}: each one
 * makes a single pass where the default chains several {@link Matrix} operations with temporaries, and rounds
 * at the same points as the default, so it returns the same numbers.
 *
 * <ul>
 *   <li>{@link #affineForward}: the bias add is the GEMM's last write-back, not a second pass over the output;</li>
 *   <li>ReLU and sigmoid (from {@link ArrayKernels}): one loop, no mask or {@code 1 - out} matrix;</li>
 *   <li>{@link #affineReluBackward(Matrix, AffineReluCache, boolean)}: the ReLU gradient and the bias
 *       gradient {@code db = sum(da, axis=0)} in one pass;</li>
 *   <li>{@link #softmaxLoss}: row by row (max, log-sum-exp, log-probabilities, gradient) while the row is
 *       in L1, instead of six full-matrix passes: {@link FusedSoftmaxLoss}, which {@code nd4j} runs too.</li>
 * </ul>
 *
 * <p>The convolution and max pooling ({@link LoweredConv}, {@link WindowPool}) are not bit for bit the defaults:
 * they lower and sum sample by sample, in another order than the default's one product over all samples, and
 * agree with it (and with the naive loops) within the float64 cross-backend bound.
 *
 * <p>Matrices that are not array-backed (another backend's) fall back to the default implementation.
 * The affine backward pass is the default: it already is three GEMM/reduction calls with no transposes.
 */
public final class PureKernels extends ArrayKernels {

    private final PureProduct gemm;
    private final LoweredConv conv;
    private final WindowPool pool;

    /** Kernels that multiply with {@code gemm}. */
    public PureKernels(PureProduct gemm) {
        this.gemm = gemm;
        this.conv = new LoweredConv(gemm);
        this.pool = new WindowPool(gemm);
    }

    /** {@code out = x · w + b}, with {@code b} added as the product's final write-back of each element. */
    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        ArrayMatrix out = affineOutput(x, w, b);
        if (out == null) {
            return super.affineForward(x, w, b);
        }
        gemm.gemm(1.0, ArrayMatrix.cast(x), false, ArrayMatrix.cast(w), false, 0.0, out, ArrayMatrix.cast(b));
        return new Forward<>(out, new AffineCache(x, w, b));
    }

    /**
     * {@code affine_relu_backward}: {@code da = dout * (z > 0)} and {@code db = sum(da, axis=0)} in one pass
     * over {@code dout}, then {@code dw = x.T · da} and (when asked for) {@code dx = da · w.T}.
     */
    @Override
    public AffineGrads affineReluBackward(Matrix dout, AffineReluCache cache, boolean inputGradient) {
        AffineCache fc = cache.affine();
        if (!ArrayMatrix.allArrays(dout, cache.relu().x(), fc.x(), fc.w())) {
            return super.affineReluBackward(dout, cache, inputGradient);
        }
        ArrayMatrix db = ArrayMatrix.cast(dout).zeros(1, dout.cols());
        ArrayMatrix da = reluBackward(dout, cache.relu().x(), db);
        Matrix dx = inputGradient ? da.dotTranspose(fc.w()) : null;
        return new AffineGrads(dx, fc.x().transposeDot(da), db);
    }

    /** {@code softmax_loss} row by row while the row is in L1: {@link FusedSoftmaxLoss}. */
    @Override
    public LossResult softmaxLoss(Matrix scores, int[] y) {
        return FusedSoftmaxLoss.of(scores, y);
    }

    /**
     * {@code conv_forward_fast}: each sample lowered to {@code (C*HH*WW, Hout*Wout)} and multiplied by the filters
     * on the {@code pure} product, the samples spread over its threads ({@link LoweredConv}).
     */
    @Override
    public SpatialForward<ConvCache> convForward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        if (!ArrayMatrix.allArrays(x.matrix(), w.matrix(), b)) {
            return super.convForward(x, w, b, param);
        }
        return conv.forward(x, w, b, param);
    }

    /** {@code conv_backward_fast} sample by sample ({@link LoweredConv}); {@code dx} is null unless asked for. */
    @Override
    public ConvGrads convBackward(Tensor dout, ConvCache cache, boolean inputGradient) {
        if (!ArrayMatrix.allArrays(dout.matrix(), cache.x().matrix(), cache.w().matrix())) {
            return super.convBackward(dout, cache, inputGradient);
        }
        return conv.backward(dout, cache, inputGradient);
    }

    /** {@code max_pool_forward_fast}: window loops over the arrays, 2x2 tiles unrolled ({@link WindowPool}). */
    @Override
    public SpatialForward<PoolCache> maxPoolForward(Tensor x, PoolParam param) {
        if (!ArrayMatrix.allArrays(x.matrix())) {
            return super.maxPoolForward(x, param);
        }
        return pool.forward(x, param);
    }

    /** {@code max_pool_backward_fast}: {@code dout} to each window's remembered first maximum ({@link WindowPool}). */
    @Override
    public Tensor maxPoolBackward(Tensor dout, PoolCache cache) {
        if (cache.argmax() == null || !ArrayMatrix.allArrays(dout.matrix(), cache.x().matrix())) {
            return super.maxPoolBackward(dout, cache);
        }
        return pool.backward(dout, cache);
    }
}
