package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.vectors.Vectors;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.models.notebook.NotebookChecks.Report;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numbers the notebooks print, reproduced in float64 on every backend: the library's
 * {@link NotebookChecks} (which {@code backprop4j check} prints) must pass everywhere, and the three-layer
 * check against the NumPy port's vectors.
 */
class NotebookNumbersTest {

    static Stream<Backend> backends() {
        return BackendsUnderTest.all();
    }

    /**
     * Every section of the checks: the cs231n toy model (scores &lt; 1e-7, the notebook's loss to 1e-12, gradient
     * checks &lt; 1e-8), the layer checks, nndl's and seed 002's toy nets, the linspace two-layer net and the
     * toy training runs. The toy model's gradients are checked at the notebook's reg 0.05 and at 0.1.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void theNotebooksChecksPass(Backend b) {
        for (double reg : new double[] {NotebookNumbers.TOY_REG, 0.1}) {
            Report r = NotebookChecks.run(b, ToyData.MODEL_SEED, ToyData.DATA_SEED, reg);
            assertAll(r.checks().stream().map(c -> (Executable) () -> assertTrue(c.passed(),
                    b.name() + " " + c.section() + ": " + c.name() + " = " + c.value() + " > " + c.bound())));
            // the toy model's own outputs, against the notebook's numbers rather than the checks' verdicts
            double diff = 0;
            double[][] correct = NotebookNumbers.toyCorrectScores();
            for (int i = 0; i < correct.length; i++) {
                for (int j = 0; j < correct[i].length; j++) {
                    diff += Math.abs(r.scores()[i][j] - correct[i][j]);
                }
            }
            // the notebook: "The difference should be very small. We get < 1e-7"
            assertTrue(diff < 1e-7, b.name() + ": sum |scores - correct| = " + diff);
            if (reg == NotebookNumbers.TOY_REG) {
                assertEquals(NotebookNumbers.TOY_CORRECT_LOSS, r.loss(), 1e-10, b.name());
            }
            r.numericRelError()
                    .forEach((name, e) -> assertTrue(e < 1e-8, b.name() + " reg " + reg + " " + name + ": " + e));
        }
    }

    private static void assertGradientsCheck(Model model, Matrix x, int[] y, LossGrads lg, DoubleSupplier loss,
            Map<String, Double> bounds) {
        for (String name : model.params().names()) {
            Matrix num = GradientCheck.evalNumericalGradient(loss, model.params().get(name));
            double e = GradientCheck.relError(num, lg.grads().get(name));
            double bound = bounds.getOrDefault(name, bounds.get("*"));
            assertTrue(e < bound, model.backend().name() + " " + name + " relative error " + e + " >= " + bound);
        }
    }

    // ------------------------------------------------------------------ against the NumPy port's vectors

    @ParameterizedTest
    @MethodSource("backends")
    void threeLayerNetGradientCheck(Backend b) {
        JsonNode ref = Vectors.load("/vectors/notebook_checks.json").get("three_layer_gradcheck");
        NumpyRandom rng = new NumpyRandom(231);
        Matrix x = randn(b, rng, 2, 15);
        int[] y = rng.randintInt(10, 2);
        for (String regKey : new String[] {"reg_0", "reg_3.14"}) {
            double reg = ref.get(regKey).get("reg").doubleValue();
            FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(20, 30).inputDim(15)
                    .numClasses(10).reg(reg).weightScale(5e-2).dtype(DType.FLOAT64), rng);
            LossGrads lg = model.loss(x, y);
            assertEquals(ref.get(regKey).get("loss").doubleValue(), lg.loss(), 1e-12, b.name() + " " + regKey);
            // with reg = 0 a hidden unit of this draw sits within h of its ReLU kink, so the centred
            // difference itself is off for W2 (NumPy's own check prints 2.2e-5 here; the notebook printed
            // up to 7.3e-6 for its unseeded draw); everything else meets the notebook's 1e-6
            Map<String, Double> bounds = regKey.equals("reg_0") ? Map.of("*", 1e-6, "W2", 1e-4) : Map.of("*", 1e-6);
            assertGradientsCheck(model, x, y, lg, () -> model.loss(x, y).loss(), bounds);
        }
    }

    private static Matrix randn(Backend b, NumpyRandom rng, int rows, int cols) {
        return b.fromArray(rows, cols, rng.randn(rows * cols), DType.FLOAT64);
    }
}
