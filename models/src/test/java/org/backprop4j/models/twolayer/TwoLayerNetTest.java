package org.backprop4j.models.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TwoLayerNetTest {

    private final Backend b = Backends.get("pure");

    /** The notebook's toy data: {@code np.random.seed(1); X = 10 * np.random.randn(5, 4)}. */
    private Matrix toyX() {
        NumpyRandom rng = new NumpyRandom(1);
        double[] g = rng.randn(20);
        for (int i = 0; i < g.length; i++) {
            g[i] *= 10;
        }
        return b.fromArray(5, 4, g, DType.FLOAT64);
    }

    private static final int[] TOY_Y = {0, 1, 2, 2, 1};

    @Test
    void toyModelGivesTheNotebooksScoresAndLoss() {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1), new NumpyRandom(0));
        double[][] correct = {
            {-0.81233741, -1.27654624, -0.70335995},
            {-0.17129677, -1.18803311, -0.47310444},
            {-0.51590475, -1.01354314, -0.8504215},
            {-0.15419291, -0.48629638, -0.52901952},
            {-0.00618733, -0.12435261, -0.15226949}};
        double[][] scores = net.scores(toyX()).toRows();
        double diff = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                diff += Math.abs(scores[i][j] - correct[i][j]);
            }
        }
        assertTrue(diff < 1e-7, "sum |scores - correct| = " + diff);
        assertEquals(1.30378789133, net.loss(toyX(), TOY_Y, 0.05).loss(), 1e-10);
    }

    @Test
    void nndlLayoutStoresWeightsTransposedAndGivesItsToyLoss() {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.nndl(4, 10, 3).withStd(0.1), new NumpyRandom(0));
        assertEquals("(10, 4)", net.params().get("W1").shape());
        assertEquals("(3, 10)", net.params().get("W2").shape());
        assertEquals(1.071696123862817, net.loss(toyX(), TOY_Y, 0.05).loss(), 1e-12);
    }

    static List<TwoLayerNetConfig> configs() {
        TwoLayerNetConfig base = TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1);
        return List.of(base, TwoLayerNetConfig.nndl(4, 10, 3).withStd(0.1),
                base.withActivation(Activation.SIGMOID).withRegularization(Regularization.L2_HALF),
                base.withRegularization(Regularization.L1));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("configs")
    void analyticGradientsMatchNumericOnes(TwoLayerNetConfig config) {
        TwoLayerNet net = new TwoLayerNet(b, config, new NumpyRandom(0));
        Matrix x = toyX();
        LossGrads lg = net.loss(x, TOY_Y, 0.1);
        for (String name : net.params().names()) {
            Matrix num = GradientCheck.evalNumericalGradient(() -> net.loss(x, TOY_Y, 0.1).loss(), net.params().get(name));
            double e = GradientCheck.relError(num, lg.grads().get(name));
            // the notebooks report 1e-9 .. 3e-6 (sigmoid b1) for these toy problems
            assertTrue(e < (config.activation() == Activation.SIGMOID ? 1e-5 : 1e-8), config + " " + name + ": " + e);
        }
    }

    @Test
    void trainingOnTheToyProblemDrivesTheLossDown() {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1), new NumpyRandom(0));
        Matrix x = toyX();
        TrainStats stats = net.train(x, TOY_Y, x, TOY_Y,
                TrainOptions.defaults().learningRate(1e-1).reg(5e-6).numIters(100), new NumpyRandom(1));
        assertEquals(100, stats.lossHistory().length);
        // the notebook: "You should achieve a training loss less than 0.02"
        assertTrue(stats.finalLoss() < 0.02, "final loss " + stats.finalLoss());
        assertArrayEquals(TOY_Y, net.predict(x));
        // with 5 samples and batch 200, every iteration is an epoch: 100 accuracy checks
        assertEquals(100, stats.valAccHistory().length);
    }

    @Test
    void divergingTrainingNamesTheIterationAndSuggestsASmallerRate() {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1), new NumpyRandom(0));
        Matrix x = toyX();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> net.train(x, TOY_Y, x, TOY_Y,
                TrainOptions.defaults().learningRate(1e9).numIters(50), new NumpyRandom(1)));
        assertTrue(e.getMessage().contains("iteration") && e.getMessage().contains("smaller learning rate"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void float32ModelsComputeInFloat32(DType dtype) {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1).withDType(dtype),
                new NumpyRandom(0));
        Matrix x = toyX().toDType(dtype);
        LossGrads lg = net.loss(x, TOY_Y, 0.05);
        assertEquals(dtype, lg.grads().get("W1").dtype());
        // float32 keeps about 7 significant digits of the float64 loss
        assertEquals(1.30378789133, lg.loss(), dtype == DType.FLOAT64 ? 1e-10 : 1e-5);
    }

    @Test
    void badLabelsAreRejectedWithASentence() {
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.cs231n(4, 10, 3).withStd(0.1), new NumpyRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(toyX(), new int[] {0, 1, 2, 3, 1}, 0.0));
        assertTrue(e.getMessage().contains("y[3] = 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.loss(toyX(), new int[] {0, 1}, 0.0));
    }
}
