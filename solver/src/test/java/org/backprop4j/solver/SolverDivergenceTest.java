package org.backprop4j.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.Tensor;
import org.backprop4j.solver.optim.OptimConfig;
import org.backprop4j.solver.optim.UpdateRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Solver stops a diverging run when it diverges, and never checkpoints non-finite parameters. */
class SolverDivergenceTest {

    private final Backend b = Backends.get("pure");
    private final TrainingData data = Blobs.make(b, 300, 100, 8, 4, 7);

    private Solver solver(SolverOptions.Builder options) {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet net = new FullyConnectedNet(b, FullyConnectedNetConfig.of(16, 12).inputDim(8).numClasses(4)
                .weightScale(0.1).dtype(DType.FLOAT64), rng);
        return new Solver(net, data, options.build(), rng);
    }

    private static SolverOptions.Builder explosive() {
        return SolverOptions.builder().updateRule("sgd_momentum").learningRate(30).batchSize(25).numEpochs(5);
    }

    @Test
    void aLossAboveTheFactorTimesTheFirstStopsTheRunAtThatIteration() {
        // the same run with the rule off, as the reference trajectory
        Solver off = solver(explosive().divergenceFactor(0));
        try {
            off.train();
        } catch (TrainingDivergedException e) {
            assertTrue(e.reason().contains("NaN") || e.reason().contains("infinite") || e.reason().contains("Infinity"),
                    "with the rule off only non-finite values stop a run: " + e.getMessage());
        }
        double[] ref = off.lossHistory();
        int expected = -1;
        for (int i = 1; i < ref.length && expected < 0; i++) {
            if (ref[i] > 1000 * ref[0]) {
                expected = i + 1;
            }
        }
        assertTrue(expected > 1, "premise: the reference run's loss exceeds 1000 times its first: " + ref.length);

        Solver on = solver(explosive());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, on::train);
        assertEquals(expected, e.iteration(), e.getMessage());
        assertEquals(ref[expected - 1], e.loss(), 0.0);
        assertTrue(e.getMessage().contains("more than 1000 times the first iteration's")
                && e.getMessage().endsWith("try a smaller learning rate than 30.0."), e.getMessage());
        assertEquals(expected, on.lossHistory().length, "the history ends with the exploding loss");
        assertArrayEquals(Arrays.copyOf(ref, expected), on.lossHistory(), 0.0);
    }

    /** sgd, except that its third step leaves a NaN in the parameter. */
    private static final class PoisonedSgd implements UpdateRule {
        private final UpdateRule sgd = UpdateRule.byName("sgd");

        @Override
        public String name() {
            return sgd.name();
        }

        @Override
        public Set<String> hyperParameters() {
            return sgd.hyperParameters();
        }

        @Override
        public void update(Matrix w, Matrix dw, OptimConfig config) {
            sgd.update(w, dw, config);
            config.setT(config.t() + 1);
            if (config.t() == 3) {
                w.set(0, 0, Double.NaN);
            }
        }
    }

    @Test
    void anUpdateThatLeavesNonFiniteParametersStopsTheRunBeforeItsCheckpoint(@TempDir Path dir) throws Exception {
        // one iteration per epoch, so every iteration ends with a check and a checkpoint
        Solver s = solver(SolverOptions.builder().updateRule(new PoisonedSgd()).learningRate(1e-2).batchSize(300)
                .numEpochs(6).checkpointName(dir.resolve("run").toString()));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::train);
        assertEquals(3, e.iteration(), e.getMessage());
        assertTrue(e.reason().contains("W1") && e.reason().contains("NaN or infinite"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("run_epoch_2.ckpt")));
        assertFalse(Files.exists(dir.resolve("run_epoch_3.ckpt")), "no checkpoint of the poisoned parameters");
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (Tensor t : CheckpointFile.read(dir.resolve("run_epoch_" + epoch + ".ckpt")).params().values()) {
                for (double v : t.data()) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
    }

    @Test
    void theBestCheckpointHoldsTheBestModelAndOnlyThenTheTrainingState(@TempDir Path dir) throws Exception {
        Solver s = solver(SolverOptions.builder().updateRule("adam").learningRate(1e-2).batchSize(25).numEpochs(3));
        Path best = dir.resolve("best.ckpt");
        s.addListener(new SolverListener() {
            @Override
            public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long t) {
                if (improved) {
                    s.saveBestCheckpoint(best);
                }
            }
        });
        s.train();
        Checkpoint atBest = CheckpointFile.read(best);
        assertTrue(atBest.trainingState(), "written when found, it is the training state of that iteration");
        assertEquals(atBest.iteration(), atBest.bestIteration());
        // after the run the state moved on: the best model is saved for evaluation only
        Path later = dir.resolve("later.ckpt");
        s.saveBestCheckpoint(later);
        Checkpoint c = CheckpointFile.read(later);
        assertEquals(s.bestIteration(), c.bestIteration());
        assertEquals(s.bestValAcc(), c.bestValAcc(), 0.0);
        assertArrayEquals(s.bestParams().get("W1").toArray(), c.params().get("W1").data(), 0.0);
        if (s.bestIteration() != s.iteration()) {
            assertFalse(c.trainingState());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Solver.resume(later, b, data, 0));
            assertTrue(e.getMessage().contains("best model") && e.getMessage().contains(later.toString()),
                    e.getMessage());
        }
        assertArrayEquals(atBest.params().get("W1").data(), c.params().get("W1").data(), 0.0,
                "the same best parameters as when they were found");
    }

    @Test
    void metadataTravelsWithEveryCheckpoint(@TempDir Path dir) throws Exception {
        Solver s = solver(SolverOptions.builder().batchSize(100).numEpochs(1))
                .metadata(Map.of("data", "blobs"));
        s.train();
        Path f = dir.resolve("m.ckpt");
        s.saveCheckpoint(f);
        assertEquals(Map.of("data", "blobs"), CheckpointFile.read(f).metadata());
        assertEquals(Map.of("data", "blobs"), Solver.resume(f, b, data, 2).metadata());
    }
}
