package org.backprop4j.models.twolayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class TwoLayerMLPTest {

    private final Backend b = Backends.get("pure");
    private static final int[] Y = {0, 1, 2, 2, 1};

    private Matrix toyX() {
        double[] g = new NumpyRandom(1).randn(20);
        for (int i = 0; i < g.length; i++) {
            g[i] *= 10;
        }
        return b.fromArray(5, 4, g, DType.FLOAT64);
    }

    private TwoLayerMLP toy(Activation a) {
        return new TwoLayerMLP(b, TwoLayerNetConfig.mlp(4, 10, 3, a).withStd(0.1), new NumpyRandom(0));
    }

    @Test
    void toyLossesAreTheNotebooks() {
        assertEquals(1.1822479803941373, toy(Activation.SIGMOID).loss(toyX(), Y, 0.1).loss(), 1e-12);
        assertEquals(1.3037878913298202, toy(Activation.RELU).loss(toyX(), Y, 0.1).loss(), 1e-12);
    }

    @Test
    void reluLearnsTheToyProblemAndSigmoidSaturates() {
        Matrix x = toyX();
        TrainStats relu = toy(Activation.RELU).train(x, Y, x, Y,
                TrainOptions.defaults().learningRate(0.1).reg(1e-5).numIters(50), new NumpyRandom(123));
        TrainStats sigmoid = toy(Activation.SIGMOID).train(x, Y, x, Y,
                TrainOptions.defaults().learningRate(0.5).reg(1e-5).numIters(100), new NumpyRandom(123));
        // the notebook printed 0.0178562204869839 and 0.10926794610680679
        assertEquals(0.0178562204869839, relu.finalLoss(), 1e-9);
        assertEquals(0.10926794610680679, sigmoid.finalLoss(), 1e-9);
        assertEquals(50, relu.gradMagnitudeHistory().length);
        double reluPeak = java.util.Arrays.stream(relu.gradMagnitudeHistory()).max().orElseThrow();
        double sigmoidPeak = java.util.Arrays.stream(sigmoid.gradMagnitudeHistory()).max().orElseThrow();
        assertTrue(sigmoidPeak < reluPeak, "sigmoid's W1 gradients stay smaller: " + sigmoidPeak + " vs " + reluPeak);
    }
}
