package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** Mistake: {@code p} read as the probability of dropping a unit: {@code mask = (rand < 1 - p) / (1 - p)}. */
public class DropoutWithDropProbability implements Kernels {
    @Override
    public Forward<DropoutCache> dropoutForward(Matrix x, DropoutParam param, NumpyRandom rng) {
        DropoutParam keep = new DropoutParam(1 - param.p(), param.seed());
        keep.setMode(param.mode());
        return Kernels.DEFAULT.dropoutForward(x, keep, rng);
    }
}
