package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.vectors.Vectors;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.TrainOptions;
import org.backprop4j.models.twolayer.TrainStats;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float64 training runs retrace the Python runs of {@code vectors/training_trajectories.json}: the
 * generator is seeded once, the model is built (drawing W1, W2, ... in order), then the Solver
 * trains, consuming the generator exactly as {@code solver.py} does — so the initial parameters, the
 * minibatches, the loss history (to a relative 1e-9), the accuracy histories and the final parameters
 * all come out the same, on every backend.
 */
class TrainingTrajectoryTest {

    private static final double REL = 1e-9;

    static Stream<Arguments> runs() {
        JsonNode runs = Vectors.load("/vectors/training_trajectories.json").get("runs");
        List<Arguments> out = new ArrayList<>();
        BackendsUnderTest.all().forEach(b -> runs.forEach(r -> out.add(Arguments.of(b, r.get("name").asText()))));
        return out.stream();
    }

    private static JsonNode run(String name) {
        for (JsonNode r : Vectors.load("/vectors/training_trajectories.json").get("runs")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static void assertHistory(String what, double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= rel * Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "] is " + actual[i] + ", Python gave " + expected[i]
                        + " (relative error " + err / Math.abs(expected[i]) + " > " + rel + ")");
            }
        }
    }

    static void assertParams(String what, JsonNode expected, Model model, double rel) {
        expected.fields().forEachRemaining(e -> {
            double[] want = Vectors.doubles(e.getValue());
            double[] got = model.params().get(e.getKey()).toArray();
            if (feedsBatchnorm(model, e.getKey())) {
                // batchnorm subtracts the batch mean, so this bias gets a zero gradient: it only ever moves
                // by rounding noise (~1e-11 here, in Python as in Java), which has no reference value
                for (double v : got) {
                    assertTrue(Math.abs(v) < 1e-9, what + " " + e.getKey() + " should stay ~0: " + v);
                }
                return;
            }
            double scale = 0;
            for (double v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(got[i] - want[i]) <= rel * Math.max(scale, 1e-300),
                        what + " " + e.getKey() + "[" + i + "]: " + got[i] + " vs Python " + want[i]);
            }
        });
    }

    private static boolean feedsBatchnorm(Model model, String name) {
        return name.matches("b\\d+") && model.params().has("gamma" + name.substring(1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void solverRunRetracesPython(Backend b, String name) {
        JsonNode r = run(name);
        JsonNode data = Vectors.load("/vectors/training_trajectories.json").get("data");
        TrainingData td = new TrainingData(Vectors.matrix(b, data.get("X_train")), Vectors.ints(data.get("y_train")),
                Vectors.matrix(b, data.get("X_val")), Vectors.ints(data.get("y_val")));
        NumpyRandom rng = new NumpyRandom(r.get("seed").longValue());
        JsonNode mk = r.get("model_kwargs");
        int[] hidden = mk.get("hidden_dims").isArray()
                ? Vectors.ints(mk.get("hidden_dims"))
                : new int[] {mk.get("hidden_dims").intValue()};
        // fc_net.TwoLayerNet is FullyConnectedNet with one hidden layer and weight_scale 1e-3 by default
        double ws = mk.has("weight_scale") ? mk.get("weight_scale").doubleValue() : 1e-3;
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(hidden)
                .inputDim(mk.get("input_dim").intValue()).numClasses(mk.get("num_classes").intValue())
                .useBatchnorm(mk.has("use_batchnorm") && mk.get("use_batchnorm").asBoolean()).weightScale(ws)
                .dtype(DType.FLOAT64), rng);
        assertParams(name + " initial", r.get("initial_params"), model, 1e-15);

        JsonNode sk = r.get("solver_kwargs");
        SolverOptions.Builder opts = SolverOptions.builder()
                .updateRule(sk.has("update_rule") ? sk.get("update_rule").asText() : "sgd")
                .lrDecay(sk.get("lr_decay").doubleValue()).batchSize(sk.get("batch_size").intValue())
                .numEpochs(sk.get("num_epochs").intValue()).numTrainSamples(sk.get("num_train_samples").intValue())
                .numValSamples(sk.has("num_val_samples") && !sk.get("num_val_samples").isNull()
                        ? sk.get("num_val_samples").intValue()
                        : 0);
        sk.get("optim_config").fields().forEachRemaining(e -> opts.optim(e.getKey(), e.getValue().doubleValue()));
        Solver solver = new Solver(model, td, opts.build(), rng);
        solver.train();

        assertHistory(b.name() + " " + name + " loss_history", Vectors.doubles(r.get("loss_history")),
                solver.lossHistory(), REL);
        assertArrayEquals(Vectors.doubles(r.get("train_acc_history")), solver.trainAccHistory(), 0.0, name);
        assertArrayEquals(Vectors.doubles(r.get("val_acc_history")), solver.valAccHistory(), 0.0, name);
        assertEquals(r.get("best_val_acc").doubleValue(), solver.bestValAcc(), 0.0, name);
        assertParams(b.name() + " " + name + " final", r.get("final_params"), model, REL);
        if (r.has("bn_running_stats_end")) {
            // Python leaves the running statistics of the last step in bn_params (they are not "params").
            // The bias before each batchnorm is rounding noise of ~1e-10 (see assertParams), and it
            // shifts the batch means that the running mean averages, so means get that much slack
            int layer = 1;
            for (JsonNode stats : r.get("bn_running_stats_end")) {
                double[] want = Vectors.doubles(stats.get("running_mean"));
                double[] got = model.buffers().get("running_mean" + layer).toArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-9 + REL * Math.abs(want[i]), name + " running_mean" + layer);
                }
                assertHistory(name + " running_var" + layer, Vectors.doubles(stats.get("running_var")),
                        model.buffers().get("running_var" + layer).toArray(), REL);
                layer++;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.it.BackendsUnderTest#all")
    void minibatchesAreNumpysChoiceDrawsAfterTheWeights(Backend b) {
        JsonNode r = run("fcnet_30_20_sgd");
        NumpyRandom rng = new NumpyRandom(r.get("seed").longValue());
        new FullyConnectedNet(b, FullyConnectedNetConfig.of(30, 20).inputDim(20).numClasses(5).weightScale(0.05)
                .dtype(DType.FLOAT64), rng);
        assertArrayEquals(Vectors.ints(r.get("batch_masks_first3").get(0)), rng.choice(500, 25));
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.it.BackendsUnderTest#all")
    void cs231nTwoLayerNetTrainOnTheToyProblem(Backend b) {
        JsonNode r = Vectors.load("/vectors/training_trajectories.json").get("cs231n_train_toy");
        NumpyRandom rng = new NumpyRandom(0);
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.of(4, 10, 3).withStd(1e-1), rng);
        assertParams("initial", r.get("initial_params"), net, 1e-15);
        rng.seed(1);
        Matrix x = b.fromArray(5, 4, scaled(rng.randn(20), 10), DType.FLOAT64);
        int[] y = Vectors.ints(r.get("y"));
        // the notebook rebuilds the model (np.random.seed(0) and 70 draws) just before training, so the
        // minibatch draws follow the initialisation draws
        rng.seed(0);
        net = new TwoLayerNet(b, TwoLayerNetConfig.of(4, 10, 3).withStd(1e-1), rng);
        TrainStats stats = net.train(x, y, x, y, TrainOptions.defaults().learningRate(1e-1).reg(5e-6).numIters(100),
                rng);
        assertHistory(b.name() + " loss_history", Vectors.doubles(r.get("loss_history")), stats.lossHistory(), REL);
        assertArrayEquals(Vectors.doubles(r.get("val_acc_history")), stats.valAccHistory(), 0.0);
        // the final training loss the notebook printed
        assertEquals(NotebookNumbers.TOY_FINAL_TRAINING_LOSS, stats.finalLoss(), 1e-12, b.name());
        assertParams("final", r.get("final_params"), net, REL);
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.it.BackendsUnderTest#all")
    void twoLayerMlpToyRunsRetraceThePythonOnes(Backend b) {
        for (JsonNode r : Vectors.load("/vectors/training_trajectories.json").get("mlp_train_toys")) {
            Activation act = Activation.parse(r.get("activation").asText());
            TwoLayerMLP net = new TwoLayerMLP(b, TwoLayerNetConfig.of(4, 10, 3).withStd(1e-1), act, new NumpyRandom(0));
            Matrix x = Vectors.matrix(b, r.get("X"));
            int[] y = Vectors.ints(r.get("y"));
            TrainStats s = net.train(x, y, x, y,
                    TrainOptions.defaults().learningRate(r.get("learning_rate").doubleValue())
                            .learningRateDecay(r.get("learning_rate_decay").doubleValue())
                            .reg(r.get("reg").doubleValue())
                            .batchSize(r.get("batch_size").intValue()).numIters(r.get("num_epochs").intValue()),
                    new NumpyRandom(7));
            String n = b.name() + " " + r.get("name").asText();
            assertHistory(n + " loss_history", Vectors.doubles(r.get("loss_history")), s.lossHistory(), REL);
            assertHistory(n + " grad_magnitude_history", Vectors.doubles(r.get("grad_magnitude_history")),
                    s.gradMagnitudeHistory(), REL);
            assertEquals(r.get("printed_final_loss").doubleValue(), s.finalLoss(), 1e-12, n);
            assertParams(n + " final", r.get("final_params"), net, REL);
        }
    }

    private static double[] scaled(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
        return a;
    }
}
