package org.backprop4j.solver.stopping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void countsTheChecksSinceTheLastRiseOfMoreThanMinDelta() {
        // checks: epoch 0 .. 5; the best rises at epochs 1 and 2, then stays
        double[] acc = {0.1, 0.5, 0.6, 0.6, 0.55, 0.6};
        assertNull(EarlyStopping.reason(acc, 5, 4, 0));
        assertEquals("the validation accuracy has not risen by more than 0 for 3 epochs (best 0.6000 at epoch 2)",
                EarlyStopping.reason(acc, 5, 3, 0));
        // with min_delta 0.15, 0.6 is no rise over 0.5: the last improvement is at epoch 1
        assertEquals("the validation accuracy has not risen by more than 0.15 for 4 epochs (best 0.5000 at epoch 1)",
                EarlyStopping.reason(acc, 5, 4, 0.15));
        // a small rise above the best resets the count only when it exceeds min_delta
        double[] creeping = {0.5, 0.501, 0.502, 0.503};
        assertNull(EarlyStopping.reason(creeping, 3, 2, 0));
        assertEquals("the validation accuracy has not risen by more than 0.01 for 3 epochs (best 0.5000 at epoch 0)",
                EarlyStopping.reason(creeping, 3, 3, 0.01));
        assertNull(EarlyStopping.reason(acc, 5, 0, 0), "patience 0 never stops");
    }

    @Test
    void refusesPatienceBelowOneAndNegativeMinDelta() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(null, 1, -1e-3));
    }

    @Test
    void stopsASolverWhoseValidationAccuracyStallsAndKeepsTheBestParameters() {
        Backend b = Backends.get("pure");
        NumpyRandom data = new NumpyRandom(3);
        // random labels: nothing to learn, so the validation accuracy stalls from the start
        int n = 60;
        double[] x = data.normal(0, 1, n * 5);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (int) data.randint(0, 3);
        }
        TrainingData td = new TrainingData(b.fromArray(n, 5, x, DType.FLOAT64), y,
                b.fromArray(n, 5, x, DType.FLOAT64).gatherRows(new int[] {0, 1, 2, 3, 4, 5}),
                new int[] {y[0], (y[1] + 1) % 3, y[2], (y[3] + 1) % 3, y[4], (y[5] + 1) % 3});
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(4).inputDim(5).numClasses(3)
                .weightScale(1e-3).dtype(DType.FLOAT64), rng);
        Solver s = new Solver(model, td, SolverOptions.builder().updateRule("sgd").learningRate(1e-3).batchSize(30)
                .numEpochs(50).build(), rng);
        s.addListener(new EarlyStopping(s, 3, 0));
        s.train();
        double[] val = s.valAccHistory();
        assertTrue(s.epoch() < 50, "stopped early, after " + s.epoch() + " epochs");
        assertEquals(s.epoch() * 2, s.iteration(), "stopped at an epoch end (2 iterations each)");
        // the checks after the best: exactly the patience, none of them a rise
        int best = 0;
        for (int i = 1; i < val.length; i++) {
            if (val[i] > val[best]) {
                best = i;
            }
        }
        assertEquals(3, val.length - 1 - best, java.util.Arrays.toString(val));
        assertTrue(s.stopReason().startsWith("the validation accuracy has not risen by more than 0 for 3 epochs"),
                s.stopReason());
        assertArrayEquals(s.bestParams().get("W1").toArray(), model.params().get("W1").toArray(), 0.0);
    }
}
