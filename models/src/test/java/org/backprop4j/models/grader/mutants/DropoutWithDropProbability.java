package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** Mistake: {@code p} read as the probability of dropping a unit: {@code mask = (rand >= p) / (1 - p)}. */
public class DropoutWithDropProbability implements Kernels {
    @Override
    public Forward<DropoutCache> dropoutForward(Matrix x, DropoutParam param, NumpyRandom rng) {
        if (param.mode() == Mode.TEST) {
            return new Forward<>(x, new DropoutCache(null));
        }
        if (param.seed() != null) {
            rng.seed(param.seed());
        }
        double p = param.p();
        double[] u = rng.rand(Math.toIntExact(x.size()));
        for (int i = 0; i < u.length; i++) {
            u[i] = (u[i] >= p ? 1.0 : 0.0) / (1 - p);
        }
        Matrix mask = x.create(x.rows(), x.cols(), u);
        return new Forward<>(x.mul(mask), new DropoutCache(mask));
    }
}
