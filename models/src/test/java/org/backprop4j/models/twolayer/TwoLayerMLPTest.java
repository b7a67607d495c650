package org.backprop4j.models.twolayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class TwoLayerMLPTest {

    private final Backend b = Backends.get("pure");
    private final ToyData toy = ToyData.notebook(b);

    private TwoLayerMLP toy(Activation a) {
        return new TwoLayerMLP(b, TwoLayerNetConfig.of(4, 10, 3).withStd(0.1), a, new NumpyRandom(0));
    }

    @Test
    void reluLearnsTheToyProblemAndSigmoidSaturates() {
        // train reseeds the generator (np.random.seed(1)), so any generator gives the notebook's run
        TrainStats relu = toy(Activation.RELU).train(toy.x(), toy.y(), toy.x(), toy.y(),
                TrainOptions.defaults().learningRate(0.1).reg(1e-5).numIters(50), new NumpyRandom(123));
        TrainStats sigmoid = toy(Activation.SIGMOID).train(toy.x(), toy.y(), toy.x(), toy.y(),
                TrainOptions.defaults().learningRate(0.5).reg(1e-5).numIters(100), new NumpyRandom(123));
        assertEquals(NotebookNumbers.MLP_RELU_FINAL_TRAINING_LOSS, relu.finalLoss(), 1e-9);
        assertEquals(NotebookNumbers.MLP_SIGMOID_FINAL_TRAINING_LOSS, sigmoid.finalLoss(), 1e-9);
        assertEquals(50, relu.gradMagnitudeHistory().length);
        double reluPeak = Arrays.stream(relu.gradMagnitudeHistory()).max().orElseThrow();
        double sigmoidPeak = Arrays.stream(sigmoid.gradMagnitudeHistory()).max().orElseThrow();
        assertTrue(sigmoidPeak < reluPeak, "sigmoid's W1 gradients stay smaller: " + sigmoidPeak + " vs " + reluPeak);
    }

    @Test
    void specRecordsWhatTheNetIs() {
        var spec = new TwoLayerMLP(b, TwoLayerNetConfig.of(4, 10, 3), Activation.SIGMOID,
                Regularization.L1, new NumpyRandom(0)).spec();
        assertEquals("mlp", spec.kind());
        assertEquals("sigmoid", spec.get("activation"));
        assertEquals("l1", spec.get("regularization"));
        assertEquals("INPUT_BY_OUTPUT", spec.get("layout"));
    }
}
