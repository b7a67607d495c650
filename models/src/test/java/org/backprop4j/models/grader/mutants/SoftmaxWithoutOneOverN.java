package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.matrix.Matrix;

/** Mistake: softmax's {@code dx} not divided by N. */
public class SoftmaxWithoutOneOverN implements Kernels {
    @Override
    public LossResult softmaxLoss(Matrix x, int[] y) {
        LossResult r = Kernels.DEFAULT.softmaxLoss(x, y);
        return new LossResult(r.loss(), r.dx().scale(x.rows()));
    }
}
