package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.matrix.Matrix;

/** A function that allocates far too much: {@code softmax_loss} asks for a 16 GB array. */
public class AllocatingKernels implements Kernels {
    @Override
    public LossResult softmaxLoss(Matrix x, int[] y) {
        double[] huge = new double[Integer.MAX_VALUE - 16];
        huge[x.rows()] = 1;
        return Kernels.DEFAULT.softmaxLoss(x, y);
    }
}
