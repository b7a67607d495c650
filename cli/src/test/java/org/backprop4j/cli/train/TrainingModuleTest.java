package org.backprop4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.backend.UnknownBackendException;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring of a run: what a provider throws reaches the caller as itself (Guice's ProvisionException never
 * leaves {@link TrainingModule}), and a new run seeds the generator, then draws the model's weights, then
 * the Solver's minibatches.
 */
class TrainingModuleTest {

    private static TrainSettings toy(String... options) {
        TrainSettings.Builder b = TrainSettings.builder().set("--data", "toy").set("--hidden", "10")
                .set("--epochs", "1").set("--batch-size", "5").quiet(true);
        for (int i = 0; i < options.length; i += 2) {
            b.set(options[i], options[i + 1]);
        }
        return b.build();
    }

    @Test
    void anUnknownBackendReachesTheCallerAsItself() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class,
                () -> TrainingRun.of(toy("--backend", "nope"), null, null));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(e.getMessage().contains("pure"), "names the available backends: " + e.getMessage());
    }

    @Test
    void aMissingDataFileReachesTheCallerAsItself(@TempDir Path dir) {
        Path none = dir.resolve("none.npz");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> TrainingRun.of(toy("--data", "npz:" + none), null, null));
        assertTrue(e.getMessage().contains("none.npz"), e.getMessage());
    }

    /** W1 holds the generator's first draws: nothing else consumed it between the seed and the model. */
    @Test
    void aNewRunSeedsThenDrawsTheWeightsThenTheMinibatches() throws Exception {
        TrainSettings s = toy("--seed", "7", "--weight-scale", "0.1", "--backend", "pure");
        Backend backend = Backends.select("pure");
        DataSplits data = s.loadData(backend);
        TrainingData td = new TrainingData(data.xTrain(), data.yTrain(), data.xVal(), data.yVal());
        Solver solver = TrainingModule.newSolver(s, backend, data, td);

        NumpyRandom rng = new NumpyRandom(7);
        double[] w1 = rng.randn(4 * 10);                   // cs231n: W1 = std * np.random.randn(D, H)
        for (int i = 0; i < w1.length; i++) {
            w1[i] *= 0.1;
        }
        assertArrayEquals(w1, solver.model().params().get("W1").toArray(), 0.0);
        assertEquals(5, solver.options().batchSize());
    }
}
