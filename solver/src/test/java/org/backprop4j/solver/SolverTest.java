package org.backprop4j.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolverTest {

    private final Backend b = Backends.get("pure");
    private final TrainingData data = Blobs.make(b, 300, 100, 8, 4, 7);

    private FullyConnectedNet net(NumpyRandom rng, boolean batchnorm, double dropout) {
        return new FullyConnectedNet(b, FullyConnectedNetConfig.of(16, 12).inputDim(8).numClasses(4)
                .useBatchnorm(batchnorm).dropout(dropout).weightScale(0.1).dtype(DType.FLOAT64), rng);
    }

    @Test
    void learnsBlobsAndRecordsHistoriesAsThePythonSolver() {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = net(rng, false, 0);
        Solver s = new Solver(model, data, SolverOptions.builder().updateRule("adam").learningRate(1e-2)
                .batchSize(25).numEpochs(5).numTrainSamples(100).build(), rng);
        List<String> lines = new ArrayList<>();
        s.addListener(SolverListener.printing(lines::add, 10));
        s.train();
        // 300 // 25 = 12 iterations per epoch; checks at the first iteration and at every epoch end
        assertEquals(60, s.lossHistory().length);
        assertEquals(6, s.valAccHistory().length);
        assertEquals(5, s.epoch());
        assertTrue(s.bestValAcc() > 0.9, "blobs are easy: best val acc " + s.bestValAcc());
        assertTrue(s.lossHistory()[59] < s.lossHistory()[0] / 3, "loss falls");
        assertEquals("(Iteration 1 / 60) loss: " + String.format(Locale.ROOT, "%f", s.lossHistory()[0]),
                lines.get(0));
        assertTrue(lines.contains(String.format(Locale.ROOT, "(Epoch 0 / 5) train acc: %f; val acc: %f",
                s.trainAccHistory()[0], s.valAccHistory()[0])), lines.toString());
        // the best parameters are restored at the end
        assertEquals(s.bestValAcc(), s.checkAccuracy(data.xVal(), data.yVal(), 0, 100), 0.0);
        assertArrayEquals(s.bestParams().get("W1").toArray(), model.params().get("W1").toArray(), 0.0);
    }

    /** Each iteration's gradients reach the listeners before the update: with sgd, W1 then moves by -lr * dW1. */
    @Test
    void listenersHearTheGradientsTheUpdateApplies() {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = net(rng, false, 0);
        Solver s = new Solver(model, data, SolverOptions.builder().updateRule("sgd").learningRate(0.1)
                .batchSize(50).numEpochs(1).build(), rng);
        List<Integer> iterations = new ArrayList<>();
        List<double[]> before = new ArrayList<>();
        List<double[]> grads = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        s.addListener(new SolverListener() {
            @Override
            public void onGradients(int iteration, Parameters g) {
                iterations.add(iteration);
                before.add(model.params().get("W1").toArray());
                grads.add(g.get("W1").toArray());
            }

            @Override
            public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
                after.add(model.params().get("W1").toArray());
            }
        });
        s.train();
        assertEquals(List.of(1, 2, 3, 4, 5, 6), iterations);
        for (int t = 0; t < 6; t++) {
            double[] want = before.get(t).clone();
            for (int i = 0; i < want.length; i++) {
                want[i] -= 0.1 * grads.get(t)[i];
            }
            assertArrayEquals(want, after.get(t), 1e-15, "iteration " + (t + 1));
        }
    }

    @Test
    void learningRateDecaysOncePerEpoch() {
        NumpyRandom rng = new NumpyRandom(0);
        Solver s = new Solver(net(rng, false, 0), data, SolverOptions.builder().updateRule("sgd").learningRate(0.1)
                .lrDecay(0.5).batchSize(100).numEpochs(3).build(), rng);
        s.train();
        assertEquals(0.1 * 0.5 * 0.5 * 0.5, s.optimConfig("W1").get("learning_rate"), 1e-18);
    }

    @Test
    void unknownRulesAndOptionsListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SolverOptions.builder().updateRule("adagrad"));
        assertTrue(e.getMessage().contains("sgd, sgd_momentum, rmsprop, adam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SolverOptions.builder().updateRule("sgd_momentum").optim("momentun", 0.9).build());
        assertTrue(e.getMessage().contains("momentun") && e.getMessage().contains("learning_rate, momentum"),
                e.getMessage());
    }

    @Test
    void resumingFromACheckpointRetracesTheUninterruptedRun(@TempDir Path dir) throws Exception {
        for (String rule : new String[] {"sgd_momentum", "rmsprop", "adam"}) {
            NumpyRandom rng = new NumpyRandom(3);
            Solver full = new Solver(net(rng, true, 0.8), data, SolverOptions.builder().updateRule(rule)
                    .learningRate(1e-2).lrDecay(0.9).batchSize(30).numEpochs(4).numTrainSamples(50)
                    .checkpointName(dir.resolve(rule).toString()).build(), rng);
            full.train();
            Path afterTwo = dir.resolve(rule + "_epoch_2.ckpt");
            assertTrue(Files.exists(afterTwo));
            Solver resumed = Solver.resume(afterTwo, b, data, 0);
            assertEquals(2, resumed.epoch());
            assertEquals(20, resumed.iteration());
            resumed.train();
            assertArrayEquals(full.lossHistory(), resumed.lossHistory(), 0.0, rule + ": same trajectory, bit for bit");
            assertArrayEquals(full.valAccHistory(), resumed.valAccHistory(), 0.0);
            assertArrayEquals(full.model().params().get("W2").toArray(),
                    resumed.model().params().get("W2").toArray(), 0.0);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left behind");
        }
    }

    @Test
    void divergingTrainingStopsWithTheIterationAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        NumpyRandom rng = new NumpyRandom(0);
        Solver s = new Solver(net(rng, false, 0), data, SolverOptions.builder().updateRule("sgd").learningRate(1e200)
                .batchSize(25).numEpochs(5).checkpointName(dir.resolve("run").toString()).build(), rng);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::train);
        assertTrue(
                e.getMessage()
                        .matches("Training diverged at iteration \\d+ of 60 .*smaller learning rate than 1.0E200\\."),
                e.getMessage());
        // the checkpoint of the first check (iteration 1) was written before the loss blew up, and still loads
        Solver restored = Solver.resume(dir.resolve("run_epoch_0.ckpt"), b, data, 0);
        assertEquals(1, restored.iteration());
        assertTrue(Double.isFinite(restored.lossHistory()[0]));
    }

    @Test
    void checkAccuracyPredictsInBatchesAndSubsamplesAsThePythonSolver() {
        NumpyRandom rng = new NumpyRandom(5);
        FullyConnectedNet model = net(rng, false, 0);
        Solver s = new Solver(model, data, SolverOptions.builder().build(), rng);
        // the untrained net's accuracy, counted here from one prediction of all rows
        int[] pred = model.predict(data.xVal());
        int[] yVal = data.yVal();
        long hits = IntStream.range(0, yVal.length).filter(i -> pred[i] == yVal[i]).count();
        assertTrue(hits > 0 && hits < yVal.length, "neither all nor none right: " + hits);
        // 100 rows in batches of 7: 14 full batches and one of 2
        assertEquals((double) hits / yVal.length, s.checkAccuracy(data.xVal(), yVal, 0, 7), 0.0);
        // num_samples < N: np.random.choice(N, num_samples) from the Solver's generator, then those rows
        NumpyRandom twin = new NumpyRandom(0);
        twin.setState(rng.getState());
        int[] mask = twin.choice(yVal.length, 30);
        long sampleHits = IntStream.of(mask).filter(i -> pred[i] == yVal[i]).count();
        assertEquals(sampleHits / 30.0, s.checkAccuracy(data.xVal(), yVal, 30, 7), 0.0);
    }

    @Test
    void verbosePrintsTheNotebooksLinesEveryPrintEveryIterationsToTheGivenSink() {
        NumpyRandom rng = new NumpyRandom(0);
        // 300 / 25 = 12 iterations per epoch, 2 epochs
        Solver s = new Solver(net(rng, false, 0), data, SolverOptions.builder().updateRule("sgd").learningRate(1e-2)
                .batchSize(25).numEpochs(2).printEvery(4).verbose(true).build(), rng);
        List<String> lines = new ArrayList<>();
        s.printTo(lines::add).train();
        // cs231n: "if self.verbose and t % self.print_every == 0" prints iteration t + 1; the epoch line at the
        // first iteration, at every epoch end and at the last iteration
        List<String> expected = List.of("(Iteration 1 / 24)", "(Epoch 0 / 2)", "(Iteration 5 / 24)",
                "(Iteration 9 / 24)",
                "(Epoch 1 / 2)", "(Iteration 13 / 24)", "(Iteration 17 / 24)", "(Iteration 21 / 24)", "(Epoch 2 / 2)");
        assertEquals(expected, lines.stream().map(l -> l.replaceAll("\\).*", ")")).toList(), lines.toString());
        assertEquals(String.format(Locale.ROOT, "(Iteration 5 / 24) loss: %f", s.lossHistory()[4]), lines.get(2));
        assertEquals(String.format(Locale.ROOT, "(Epoch 1 / 2) train acc: %f; val acc: %f", s.trainAccHistory()[1],
                s.valAccHistory()[1]), lines.get(4));
    }

    @Test
    void theSolverPrintsNothingUnaskedAndNothingWhenNotVerbose() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            NumpyRandom rng = new NumpyRandom(0);
            // verbose is cs231n's default, but without a sink there is nowhere to print
            new Solver(net(rng, false, 0), data, SolverOptions.builder().batchSize(100).numEpochs(1).build(), rng)
                    .train();
            new Solver(net(rng, false, 0), data, SolverOptions.builder().batchSize(100).numEpochs(1).verbose(false)
                    .build(), rng).printTo(lines::add).train();
        } finally {
            System.setOut(stdout);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), lines);
    }
}
