package org.backprop4j.models.grader;

import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * The project's own answers handed in as a student's: the reference kernels ({@link Kernels#DEFAULT}) and
 * {@link TwoLayerNet}'s loss. What a passing grade looks like ({@code backprop4j grade --reference}).
 */
public final class ReferenceSolution implements TwoLayerNetLoss {

    /** The reference handed in. */
    public static StudentCode code() {
        return new StudentCode(Exercises.REFERENCE, new ReferenceSolution(), "the reference solution", true);
    }

    /** {@link TwoLayerNet#loss} on a net holding {@code params}. */
    @Override
    public LossGrads loss(Parameters params, Matrix x, int[] y, double reg) {
        Matrix w1 = params.get("W1");
        TwoLayerNet net = new TwoLayerNet(Backends.get(x.backendName()),
                TwoLayerNetConfig.of(w1.rows(), w1.cols(), params.get("W2").cols()), new NumpyRandom(0));
        net.params().assign(params);
        return net.loss(x, y, reg);
    }
}
