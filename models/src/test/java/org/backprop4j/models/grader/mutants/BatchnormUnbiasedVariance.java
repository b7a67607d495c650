package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/** Mistake: the batch variance divided by N - 1 ({@code np.var(x, axis=0, ddof=1)}). */
public class BatchnormUnbiasedVariance implements Kernels {
    @Override
    public Forward<BatchnormCache> batchnormForward(Matrix x, Matrix gamma, Matrix beta, BatchnormParam param) {
        if (param.mode() == Mode.TEST) {
            return Kernels.DEFAULT.batchnormForward(x, gamma, beta, param);
        }
        if (param.runningMean() == null) {
            param.setRunning(x.zeros(1, x.cols()), x.zeros(1, x.cols()));
        }
        int n = x.rows();
        Matrix mean = x.mean(0);
        Matrix xc = x.subRowVector(mean);
        Matrix var = xc.mul(xc).sum(0).scale(1.0 / (n - 1));
        Matrix std = var.addScalar(param.eps()).map(UnaryOp.SQRT);
        Matrix xHat = xc.divRowVector(std);
        param.runningMean().scalei(param.momentum());
        param.runningMean().axpy(1 - param.momentum(), mean);
        param.runningVar().scalei(param.momentum());
        param.runningVar().axpy(1 - param.momentum(), var);
        return new Forward<>(xHat.mulRowVector(gamma).addRowVector(beta),
                new BatchnormCache(xHat, gamma, xc, std.map(UnaryOp.RECIPROCAL)));
    }
}
