package org.backprop4j.cli.grade.misbehaving;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.cli.grade.solution.SolutionKernels;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;

/**
 * A student whose {@code affine_forward} loops forever, whose {@code relu_backward} throws and whose
 * {@code softmax_loss} fills the heap with rows of a 50,000 × 50,000 array; everything else is the reference
 * solution's.
 */
public class MisbehavingKernels extends SolutionKernels {
    /** Written after the loop, so that the loop is not optimised away. */
    public static volatile long sink;

    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        long s = 0;
        for (int i = 0; i < x.rows(); i--) {
            s += i;
            if (i == Integer.MIN_VALUE + 1) {
                i = 0;
            }
        }
        sink = s;
        return Kernels.DEFAULT.affineForward(x, w, b);
    }

    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        // NumPy would broadcast the (1, D) row; Matrix.mul wants equal shapes and throws
        return dout.mul(cache.x().sum(0));
    }

    @Override
    public LossResult softmaxLoss(Matrix x, int[] y) {
        double[][] scores = new double[50_000][50_000];
        scores[0][0] = x.get(0, 0);
        return Kernels.DEFAULT.softmaxLoss(x, y);
    }
}
