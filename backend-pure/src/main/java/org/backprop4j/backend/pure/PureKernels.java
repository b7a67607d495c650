package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.ArrayKernels;
import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.KernelChecks;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * The fused kernels of the {@code pure} backend: each one makes a single pass where the default chains
 * several {@link Matrix} operations with temporaries, and rounds at the same points as the default, so it
 * returns the same numbers (bit for bit on this backend, in both dtypes).
 *
 * <ul>
 *   <li>{@link #affineForward}: the bias add is the GEMM's last write-back, not a second pass over the output;</li>
 *   <li>ReLU and sigmoid (from {@link ArrayKernels}): one loop, no mask or {@code 1 - out} matrix;</li>
 *   <li>{@link #affineReluBackward(Matrix, AffineReluCache, boolean)}: the ReLU gradient and the bias
 *       gradient {@code db = sum(da, axis=0)} in one pass;</li>
 *   <li>{@link #softmaxLoss}: row by row (max, log-sum-exp, log-probabilities, gradient) while the row is
 *       in L1, instead of six full-matrix passes.</li>
 * </ul>
 *
 * <p>Matrices that are not array-backed (another backend's) fall back to the default implementation.
 * The affine backward pass is the default: it already is three GEMM/reduction calls with no transposes.
 */
public final class PureKernels extends ArrayKernels {

    private final PureProduct gemm;

    /** Kernels that multiply with {@code gemm}. */
    public PureKernels(PureProduct gemm) {
        this.gemm = gemm;
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

    /**
     * Softmax loss one row at a time: {@code m = max_k s_k}, {@code log Z = log sum_k exp(s_k - m)},
     * {@code log p_k = s_k - m - log Z}, {@code loss = -mean_i log p_{i, y_i}},
     * {@code dx_k = (p_k - 1{k = y}) / N}.
     */
    @Override
    public LossResult softmaxLoss(Matrix scores, int[] y) {
        ArrayMatrix x = lossScores(scores, y);
        if (x == null) {
            return super.softmaxLoss(scores, y);
        }
        DType dt = x.dtype();
        int n = x.rows();
        int c = x.cols();
        ArrayMatrix dx = x.zeros(n, c);
        double picked = 0;
        for (int i = 0; i < n; i++) {
            int o = i * c;
            double max = rowMax(x, i);
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += dt.round(Math.exp(dt.round(x.at(o + k) - max)));
            }
            double logZ = dt.round(Math.log(dt.round(z)));
            for (int k = 0; k < c; k++) {
                double logP = dt.round(dt.round(x.at(o + k) - max) - logZ);
                double p = dt.round(Math.exp(logP));
                if (k == y[i]) {
                    picked += logP;
                    p = dt.round(p - 1.0);
                }
                dx.put(o + k, p / n);
            }
        }
        double loss = -dt.round(picked) / n;
        return new LossResult(KernelChecks.requireFinite("softmax loss", loss), dx);
    }
}
