package org.backprop4j.kernel;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * {@code softmax_loss} in one pass over the rows: the faster copy of {@link Kernels#softmaxLoss} (the reference)
 * that the {@code pure} and {@code nd4j} backends run, held to it by {@code KernelsAgreementTest} (bit for bit on
 * {@code pure}, in both dtypes) and {@code Nd4jKernelsTest}. Each row's maximum, log-sum-exp, log-probabilities and
 * gradient are formed while the row is in L1, on one copy of the scores, where the default makes six passes over
 * the whole matrix with a temporary each; every value is rounded to the dtype where the default's matrix
 * operations round it, so the numbers are the default's.
 */
public final class FusedSoftmaxLoss {

    private FusedSoftmaxLoss() {
    }

    /**
     * The loss and {@code dx} of {@code softmax_loss(x, y)}, {@code dx} on the scores' backend and dtype.
     *
     * @param x scores, shape (N, C)
     * @param y labels in {@code [0, C)}, length N
     * @throws NonFiniteLossException if the loss is not finite
     */
    public static LossResult of(Matrix x, int[] y) {
        KernelChecks.requireLabels(x, y);
        DType dt = x.dtype();
        int n = x.rows();
        int c = x.cols();
        double[] s = x.toArray();
        double picked = 0;
        for (int i = 0; i < n; i++) {
            int o = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, s[o + k]);                       // np.max: a NaN is the maximum
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                s[o + k] = dt.round(s[o + k] - max);                 // shifted = x - max
                z += dt.round(Math.exp(s[o + k]));                   // Z = sum(exp(shifted))
            }
            double logZ = dt.round(Math.log(dt.round(z)));
            for (int k = 0; k < c; k++) {
                double logP = dt.round(s[o + k] - logZ);             // log_probs = shifted - log(Z)
                double p = dt.round(Math.exp(logP));
                if (k == y[i]) {
                    picked += logP;
                    p = dt.round(p - 1.0);                           // dx[np.arange(N), y] -= 1
                }
                s[o + k] = p / n;                                    // dx /= N, rounded by create
            }
        }
        double loss = -dt.round(picked) / n;                         // -np.sum(log_probs[np.arange(N), y]) / N
        return new LossResult(KernelChecks.requireFinite("softmax loss", loss), x.create(n, c, s));
    }
}
