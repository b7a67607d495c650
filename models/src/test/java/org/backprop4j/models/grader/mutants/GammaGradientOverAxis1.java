package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;

/** Mistake giving a shape mismatch: {@code dgamma = np.sum(dout * x_hat, axis=1)}, shape (N, 1). */
public class GammaGradientOverAxis1 implements Kernels {
    @Override
    public BatchnormGrads batchnormBackward(Matrix dout, BatchnormCache cache) {
        BatchnormGrads g = Kernels.DEFAULT.batchnormBackward(dout, cache);
        return new BatchnormGrads(g.dx(), dout.mul(cache.xHat()).sum(1), g.dbeta());
    }
}
