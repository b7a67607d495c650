package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;

/** A function that loops forever: {@code affine_forward}'s loop counts the wrong way. */
public class LoopingKernels implements Kernels {
    /** Read after the loop, so the loop is not optimised away. */
    public static volatile long sink;

    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        long s = 0;
        for (int i = 0; i < x.rows(); i--) {
            s += i;
            if (i == Integer.MIN_VALUE) {
                i = 0;
            }
        }
        sink = s;
        return Kernels.DEFAULT.affineForward(x, w, b);
    }
}
