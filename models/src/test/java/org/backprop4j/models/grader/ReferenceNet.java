package org.backprop4j.models.grader;

import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/** The reference solution of {@code TwoLayerNet.loss}: the project's {@link TwoLayerNet} on the given parameters. */
public class ReferenceNet implements TwoLayerNetLoss {

    @Override
    public LossGrads loss(Parameters params, Matrix x, int[] y, double reg) {
        Matrix w1 = params.get("W1");
        TwoLayerNet net = new TwoLayerNet(Backends.get(x.backendName()),
                TwoLayerNetConfig.of(w1.rows(), w1.cols(), params.get("W2").cols()), new NumpyRandom(0));
        net.params().assign(params);
        return net.loss(x, y, reg);
    }
}
