package org.backprop4j.models.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The three two-layer nets (their notebook numbers are in {@code NotebookChecksTest}). */
class TwoLayerNetTest {

    private static final Backend B = Backends.get("pure");
    private static final TwoLayerNetConfig TOY = TwoLayerNetConfig.of(4, 10, 3).withStd(0.1);
    private final ToyData toy = ToyData.notebook(B);

    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of("cs231n", (Function<NumpyRandom, TwoLayerModel>) r -> new TwoLayerNet(B, TOY, r)),
                Arguments.of("nndl", (Function<NumpyRandom, TwoLayerModel>) r -> new NndlTwoLayerNet(B, TOY, r)),
                Arguments.of("mlp sigmoid",
                        (Function<NumpyRandom, TwoLayerModel>) r -> new TwoLayerMLP(B, TOY, Activation.SIGMOID, r)),
                Arguments.of("mlp relu l1", (Function<NumpyRandom, TwoLayerModel>) r -> new TwoLayerMLP(B, TOY,
                        Activation.RELU, Regularization.L1, r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void analyticGradientsMatchNumericOnes(String name, Function<NumpyRandom, TwoLayerModel> make) {
        TwoLayerModel net = make.apply(new NumpyRandom(0));
        LossGrads lg = net.loss(toy.x(), toy.y(), 0.1);
        assertEquals(net.params().names(), lg.grads().names(), "one gradient per parameter, in order");
        for (String p : net.params().names()) {
            Matrix num = GradientCheck.evalNumericalGradient(() -> net.loss(toy.x(), toy.y(), 0.1).loss(),
                    net.params().get(p));
            double e = GradientCheck.relError(num, lg.grads().get(p));
            // the notebooks report 1e-9 .. 3e-6 (sigmoid b1) for these toy problems
            assertTrue(e < (net.activation() == Activation.SIGMOID ? 1e-5 : 1e-8), name + " " + p + ": " + e);
        }
    }

    @Test
    void nndlNetStoresItsWeightsOneRowPerOutputAndComputesWhatTheCs231nNetComputes() {
        TwoLayerNet cs231n = new TwoLayerNet(B, TOY, new NumpyRandom(0));
        NndlTwoLayerNet nndl = new NndlTwoLayerNet(B, TOY, new NumpyRandom(0));
        assertEquals("(10, 4)", nndl.params().get("W1").shape());
        assertEquals("(3, 10)", nndl.params().get("W2").shape());
        nndl.params().get("W1").assign(cs231n.params().get("W1").transpose());
        nndl.params().get("W2").assign(cs231n.params().get("W2").transpose());
        assertArrayEquals(cs231n.scores(toy.x()).toArray(), nndl.scores(toy.x()).toArray(), 1e-15);
        LossGrads a = cs231n.loss(toy.x(), toy.y(), 0.0);
        LossGrads b = nndl.loss(toy.x(), toy.y(), 0.0);
        assertEquals(a.loss(), b.loss(), 1e-15);
        assertArrayEquals(a.grads().get("W1").transpose().toArray(), b.grads().get("W1").toArray(), 1e-15);
        assertArrayEquals(a.grads().get("b2").toArray(), b.grads().get("b2").toArray(), 1e-15);
        // and the conventions differ as the notebooks say: reg·ΣW² against 0.5·reg·ΣW²
        double sumSquares = cs231n.params().get("W1").sumOfSquares() + cs231n.params().get("W2").sumOfSquares();
        assertEquals(a.loss() + 0.3 * sumSquares, cs231n.loss(toy.x(), toy.y(), 0.3).loss(), 1e-14);
        assertEquals(b.loss() + 0.5 * 0.3 * sumSquares, nndl.loss(toy.x(), toy.y(), 0.3).loss(), 1e-14);
    }

    @Test
    void reluMlpScoresAreTheCs231nNetsAndItsPenaltyIsHalf() {
        TwoLayerNet cs231n = new TwoLayerNet(B, TOY, new NumpyRandom(0));
        TwoLayerMLP mlp = new TwoLayerMLP(B, TOY, Activation.RELU, new NumpyRandom(0));
        assertArrayEquals(cs231n.scores(toy.x()).toArray(), mlp.scores(toy.x()).toArray(), 1e-15);
        double sumSquares = mlp.params().get("W1").sumOfSquares() + mlp.params().get("W2").sumOfSquares();
        assertEquals(cs231n.loss(toy.x(), toy.y(), 0.0).loss() + 0.5 * 0.1 * sumSquares,
                mlp.loss(toy.x(), toy.y(), 0.1).loss(), 1e-14);
    }

    @Test
    void trainingOnTheToyProblemDrivesTheLossDown() {
        TwoLayerNet net = new TwoLayerNet(B, TOY, new NumpyRandom(0));
        TrainStats stats = net.train(toy.x(), toy.y(), toy.x(), toy.y(),
                TrainOptions.defaults().learningRate(1e-1).reg(5e-6).numIters(100), new NumpyRandom(1));
        assertEquals(100, stats.lossHistory().length);
        // the notebook: "You should achieve a training loss less than 0.02"
        assertTrue(stats.finalLoss() < 0.02, "final loss " + stats.finalLoss());
        assertArrayEquals(toy.y(), net.predict(toy.x()));
        // with 5 samples and batch 200, every iteration is an epoch: 100 accuracy checks
        assertEquals(100, stats.valAccHistory().length);
        assertEquals(0, stats.gradMagnitudeHistory().length, "only TwoLayerMLP records ‖∇W1‖");
    }

    @Test
    void divergingTrainingNamesTheIterationAndSuggestsASmallerRate() {
        TwoLayerNet net = new TwoLayerNet(B, TOY, new NumpyRandom(0));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> net.train(toy.x(), toy.y(),
                toy.x(), toy.y(), TrainOptions.defaults().learningRate(1e9).numIters(50), new NumpyRandom(1)));
        assertTrue(e.getMessage().contains("iteration") && e.getMessage().contains("smaller learning rate"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void float32ModelsComputeInFloat32(DType dtype) {
        TwoLayerNet net = new TwoLayerNet(B, TOY.withDType(dtype), new NumpyRandom(0));
        LossGrads lg = net.loss(toy.x().toDType(dtype), toy.y(), NotebookNumbers.TOY_REG);
        assertEquals(dtype, lg.grads().get("W1").dtype());
        // float32 keeps about 7 significant digits of the float64 loss
        assertEquals(NotebookNumbers.TOY_CORRECT_LOSS, lg.loss(), dtype == DType.FLOAT64 ? 1e-10 : 1e-5);
    }

    @Test
    void badLabelsAreRejectedWithASentence() {
        TwoLayerNet net = new TwoLayerNet(B, TOY, new NumpyRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(toy.x(), new int[] {0, 1, 2, 3, 1}, 0.0));
        assertTrue(e.getMessage().contains("y[3] = 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.loss(toy.x(), new int[] {0, 1}, 0.0));
    }

    @Test
    void aBiasOfTheWrongWidthIsRejectedByTheTransposedAffine() {
        Matrix x = B.zeros(2, 4, DType.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> B.kernels().affineTransposedForward(x, B.zeros(10, 4, DType.FLOAT64),
                        B.zeros(1, 4, DType.FLOAT64)));
        assertTrue(e.getMessage().contains("(1, 10)"), e.getMessage());
    }
}
