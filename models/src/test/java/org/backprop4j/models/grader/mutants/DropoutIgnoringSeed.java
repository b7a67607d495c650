package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** Mistake: the mask is drawn afresh at every call, {@code dropout_param['seed']} ignored. */
public class DropoutIgnoringSeed implements Kernels {
    @Override
    public Forward<DropoutCache> dropoutForward(Matrix x, DropoutParam param, NumpyRandom rng) {
        DropoutParam unseeded = new DropoutParam(param.p(), null);
        unseeded.setMode(param.mode());
        return Kernels.DEFAULT.dropoutForward(x, unseeded, rng);
    }
}
