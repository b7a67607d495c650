package org.backprop4j.backend.naive;

import org.backprop4j.backend.array.ArrayKernels;
import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.KernelChecks;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.tensor.Tensor;

/**
 * The layer and loss kernels written the way a student first writes them: explicit loops over samples
 * {@code i}, classes {@code k} and features {@code p}, following the non-vectorised gradient formulas of the
 * UCLA nndl "Lab3" notes (seed 000's derivation), one element at a time. Every method quotes the formula it
 * implements. These loops are the teaching version of the formulas and stay a second, independent writing of
 * them on purpose: the vectorised {@link Kernels} defaults are the reference, and {@code KernelsAgreementTest}
 * holds these to them (to rounding) on every kernel.
 *
 * <p>Notation: N samples, D input features, M (or C) outputs/classes; {@code x} is (N, D), {@code w} (D, M),
 * {@code b} (1, M), {@code s} the scores (N, C), {@code y_i} the label of sample {@code i} and
 * {@code y_ik = 1{k = y_i}} its one-hot encoding. Values are computed in double and rounded to the dtype
 * on store. The results agree with the vectorised defaults to rounding (about 1e-15 relative in float64);
 * only the summation order of long dot products differs.
 *
 * <p>The activations are the element-by-element loops of {@link ArrayKernels} and, forward, of the scalar
 * {@code map} ({@code a_it = max(0, z_it)}, {@code sigma_it = 1 / (1 + exp(-z_it))}; ReLU backward with the
 * mask {@code 1{z > 0}}, as cs231n, where the notes write {@code 1{z >= 0}}). Matrices that are not
 * array-backed (another backend's) fall back to the default implementation. Batch normalization and
 * dropout are the defaults. Convolution and max pooling are the textbook loops of {@code conv_forward_naive} and
 * {@code max_pool_forward_naive}, for the fast entry points as well.
 */
public final class NaiveKernels extends ArrayKernels {

    /**
     * Affine forward, one sample {@code i} and one output {@code j} at a time:
     * <pre>z_ij = sum_p x_ip w_pj + b_j</pre>
     * ({@code z1 = X.dot(W1) + b1}).
     */
    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        ArrayMatrix out = affineOutput(x, w, b);
        if (out == null) {
            return super.affineForward(x, w, b);
        }
        ArrayMatrix xs = ArrayMatrix.cast(x);
        ArrayMatrix ws = ArrayMatrix.cast(w);
        ArrayMatrix bs = ArrayMatrix.cast(b);
        DType dt = out.dtype();
        int n = x.rows();
        int d = x.cols();
        int m = w.cols();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double z = NaiveGemm.dot(d, xs, i * d, 1, ws, j, m);          // sum_p x_ip w_pj
                out.put(i * m + j, dt.round(z) + bs.at(j));
            }
        }
        return new Forward<>(out, new AffineCache(x, w, b));
    }

    /**
     * Affine backward, with {@code g = dout} the upstream gradient {@code dL/dz} (for the output layer
     * {@code g_ik = (p_ik - y_ik) / N}):
     * <pre>
     * dL/dx_it = sum_k g_ik w_tk        (the notes' dL/dx_t = sum_k (p_k - y_k) w_tk)
     * dL/dw_pk = sum_i x_ip g_ik        (the notes' dL/dw_pk = (p_k - y_k) x_p, summed over the samples)
     * dL/db_k  = sum_i g_ik             (the notes' dL/db_k = p_k - y_k, summed over the samples)
     * </pre>
     */
    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        return affineBackward(dout, cache, true);
    }

    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache, boolean inputGradient) {
        Matrix x = cache.x();
        Matrix w = cache.w();
        Matrix dxm = x.zeros(x.rows(), x.cols());
        MatrixChecks.requireGemm(dxm, dout, false, w, true);
        if (!ArrayMatrix.allArrays(dout, x, w, dxm)) {
            return super.affineBackward(dout, cache, inputGradient);
        }
        ArrayMatrix g = ArrayMatrix.cast(dout);
        ArrayMatrix xs = ArrayMatrix.cast(x);
        ArrayMatrix ws = ArrayMatrix.cast(w);
        ArrayMatrix dx = ArrayMatrix.cast(dxm);
        int n = x.rows();
        int d = x.cols();
        int m = w.cols();
        for (int i = 0; inputGradient && i < n; i++) {
            for (int t = 0; t < d; t++) {
                dx.put(i * d + t, NaiveGemm.dot(m, g, i * m, 1, ws, t * m, 1));     // sum_k g_ik w_tk
            }
        }
        ArrayMatrix dw = ws.zeros(d, m);
        for (int p = 0; p < d; p++) {
            for (int k = 0; k < m; k++) {
                dw.put(p * m + k, NaiveGemm.dot(n, xs, p, d, g, k, m));          // sum_i x_ip g_ik
            }
        }
        ArrayMatrix db = ws.zeros(1, m);
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += g.at(i * m + k);                                           // sum_i g_ik
            }
            db.put(k, s);
        }
        return new AffineGrads(inputGradient ? dx : null, dw, db);
    }

    /**
     * Softmax (cross-entropy) loss, one sample {@code i} and one class {@code k} at a time:
     * <pre>
     * m_i      = max_l s_il                                   (subtracted for numerical stability)
     * p_ik     = exp(s_ik - m_i) / sum_l exp(s_il - m_i)
     * L        = (1/N) sum_i -log p_(i, y_i)
     * dL/ds_ik = (p_ik - y_ik) / N                            (the notes' dL/ds_k = p_k - y_k)
     * </pre>
     * {@code -log p_(i, y_i)} is evaluated as {@code -(s_(i, y_i) - m_i - log sum_l exp(s_il - m_i))}, the
     * same value, which stays finite when {@code p} underflows to zero.
     */
    @Override
    public LossResult softmaxLoss(Matrix scores, int[] y) {
        ArrayMatrix s = lossScores(scores, y);
        if (s == null) {
            return super.softmaxLoss(scores, y);
        }
        int n = s.rows();
        int c = s.cols();
        ArrayMatrix ds = s.zeros(n, c);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < c; l++) {
                max = Math.max(max, s.at(i * c + l));                   // m_i = max_l s_il (NaN if one is)
            }
            double z = 0;
            for (int l = 0; l < c; l++) {
                z += Math.exp(s.at(i * c + l) - max);
            }
            loss += -(s.at(i * c + y[i]) - max - Math.log(z));
            for (int k = 0; k < c; k++) {
                double p = Math.exp(s.at(i * c + k) - max) / z;
                double yk = k == y[i] ? 1.0 : 0.0;
                ds.put(i * c + k, (p - yk) / n);
            }
        }
        return new LossResult(KernelChecks.requireFinite("softmax loss", loss / n), ds);
    }

    /**
     * Multiclass SVM (hinge) loss with margin 1, one sample {@code i} and one class {@code j} at a time:
     * <pre>
     * L              = (1/N) sum_i sum_(j != y_i) max(0, s_ij - s_(i, y_i) + 1)
     * dL/ds_ij       = (1/N) 1{s_ij - s_(i, y_i) + 1 > 0}                       for j != y_i
     * dL/ds_(i, y_i) = -(1/N) sum_(j != y_i) 1{s_ij - s_(i, y_i) + 1 > 0}
     * </pre>
     */
    @Override
    public LossResult svmLoss(Matrix scores, int[] y) {
        ArrayMatrix s = lossScores(scores, y);
        if (s == null) {
            return super.svmLoss(scores, y);
        }
        int n = s.rows();
        int c = s.cols();
        ArrayMatrix ds = s.zeros(n, c);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double correct = s.at(i * c + y[i]);
            int violated = 0;
            for (int j = 0; j < c; j++) {
                if (j == y[i]) {
                    continue;
                }
                double margin = s.at(i * c + j) - correct + 1.0;
                if (margin > 0) {
                    loss += margin;
                    violated++;
                    ds.put(i * c + j, 1.0 / n);
                } else if (Double.isNaN(margin)) {
                    loss = Double.NaN;      // max(0, NaN) is NaN, as np.maximum: the loss check below rejects it
                }
            }
            ds.put(i * c + y[i], -(double) violated / n);
        }
        return new LossResult(KernelChecks.requireFinite("svm loss", loss / n), ds);
    }

    /**
     * {@code conv_forward_naive} also where the models call {@code conv_forward_fast}: this backend is the notebook's
     * naive side, the textbook loops of {@link Kernels#convForwardNaive}.
     */
    @Override
    public SpatialForward<ConvCache> convForward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        return convForwardNaive(x, w, b, param);
    }

    /** {@code conv_backward_naive}, the textbook loops, also for {@code conv_backward_fast}. */
    @Override
    public ConvGrads convBackward(Tensor dout, ConvCache cache, boolean inputGradient) {
        ConvGrads g = convBackwardNaive(dout, cache);
        return inputGradient ? g : new ConvGrads(null, g.dw(), g.db());
    }

    /** {@code max_pool_forward_naive}, window by window, also for {@code max_pool_forward_fast}. */
    @Override
    public SpatialForward<PoolCache> maxPoolForward(Tensor x, PoolParam param) {
        return maxPoolForwardNaive(x, param);
    }

    /** {@code max_pool_backward_naive}, also for {@code max_pool_backward_fast}. */
    @Override
    public Tensor maxPoolBackward(Tensor dout, PoolCache cache) {
        return maxPoolBackwardNaive(dout, cache);
    }
}
