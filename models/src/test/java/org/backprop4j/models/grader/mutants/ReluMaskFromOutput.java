package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/** Mistake: the mask taken from the output, {@code dout * (out >= 0)}, which holds for every unit. */
public class ReluMaskFromOutput implements Kernels {
    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        Matrix out = cache.x().map(UnaryOp.RELU);
        double[] mask = out.toArray();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = mask[i] >= 0 ? 1.0 : 0.0;
        }
        return dout.mul(out.create(out.rows(), out.cols(), mask));
    }
}
