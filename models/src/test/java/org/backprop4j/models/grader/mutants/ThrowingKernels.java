package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;

/** A function that throws: {@code relu_backward} indexes past its array. */
public class ThrowingKernels implements Kernels {
    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        double[] d = dout.toArray();
        double[] x = cache.x().toArray();
        for (int i = 0; i <= d.length; i++) {
            d[i] = x[i] > 0 ? d[i] : 0;
        }
        return dout.create(dout.rows(), dout.cols(), d);
    }
}
