package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting of cs231n's Solver, optim.py and FullyConnectedNet can be given on the command line. */
class Cs231nOptionsTest {

    private static final String[] TOY = {"train", "--quiet", "--data", "toy", "--batch-size", "2", "--epochs", "4"};

    private static String[] toy(String... more) {
        return Stream.concat(Stream.of(TOY), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void adamAndRmspropHyperParametersReachTheUpdateRule(@TempDir Path dir) throws Exception {
        Path adam = dir.resolve("adam");
        ok(run(toy("--hidden", "10", "--update", "adam", "--lr", "1e-2", "--beta1", "0.5", "--beta2", "0.75",
                "--epsilon", "1e-4",
                "--out", adam.toString())));
        Map<String, Double> h = CheckpointFile.read(adam.resolve("last.ckpt")).optim().get("W1").hyperParameters();
        assertEquals(0.5, h.get("beta1"), 0.0);
        assertEquals(0.75, h.get("beta2"), 0.0);
        assertEquals(1e-4, h.get("epsilon"), 0.0);
        Path rms = dir.resolve("rmsprop");
        ok(run(toy("--hidden", "10", "--update", "rmsprop", "--lr", "1e-2", "--decay-rate", "0.5", "--epsilon", "1e-3",
                "--out",
                rms.toString())));
        Map<String, Double> r = CheckpointFile.read(rms.resolve("last.ckpt")).optim().get("W1").hyperParameters();
        assertEquals(0.5, r.get("decay_rate"), 0.0);
        assertEquals(1e-3, r.get("epsilon"), 0.0);
    }

    @Test
    void accuracySamplesAndPrintEveryAreTheSolvers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ok(run(toy("--hidden", "10", "--num-train-samples", "2", "--num-val-samples", "3", "--out", out.toString())));
        Checkpoint c = CheckpointFile.read(out.resolve("last.ckpt"));
        assertEquals("2", c.solverOptions().get("num_train_samples"));
        assertEquals("3", c.solverOptions().get("num_val_samples"));
        for (JsonNode v : json(out.resolve("history.json")).get("val_acc_history")) {
            double thirds = v.asDouble() * 3;
            assertEquals(Math.rint(thirds), thirds, 1e-12, "accuracy on 3 sampled validation rows: " + v);
        }
        for (JsonNode v : json(out.resolve("history.json")).get("train_acc_history")) {
            double halves = v.asDouble() * 2;
            assertEquals(Math.rint(halves), halves, 1e-12, "accuracy on 2 sampled training rows: " + v);
        }
        // 5 rows // 2 = 2 iterations per epoch, 8 in all: lines at iterations 1, 4, 7 and the last, 8
        CliRun.Result printed = run("train", "--data", "toy", "--hidden", "10", "--batch-size", "2", "--epochs", "4",
                "--print-every", "3", "--out", dir.resolve("printed").toString());
        ok(printed);
        assertEquals(List.of(1, 4, 7, 8), printed.out().lines().filter(l -> l.startsWith("(Iteration "))
                .map(l -> Integer.parseInt(l.substring("(Iteration ".length(), l.indexOf(' ', 11)))).toList(),
                printed.out());
    }

    @Test
    void dropoutOneMeansNoDropoutBitForBit(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("none");
        Path one = dir.resolve("one");
        ok(run(toy("--model", "fc", "--hidden", "8,6", "--out", none.toString())));
        ok(run(toy("--model", "fc", "--hidden", "8,6", "--dropout", "1", "--out", one.toString())));
        ResumeTest.assertSameRun(none, one);
        Path half = dir.resolve("half");
        ok(run(toy("--model", "fc", "--hidden", "8,6", "--dropout", "0.5", "--out", half.toString())));
        assertNotEquals(json(none.resolve("history.json")).get("loss_history"),
                json(half.resolve("history.json")).get("loss_history"), "p = 0.5 does drop units");
    }

    @Test
    void batchnormMomentumAndEpsReachTheModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ok(run(toy("--model", "fc", "--hidden", "8,6", "--batchnorm", "--bn-momentum", "0.5", "--bn-eps", "1e-3",
                "--out", out.toString())));
        Map<String, String> spec = CheckpointFile.read(out.resolve("last.ckpt")).model().properties();
        assertEquals(0.5, Double.parseDouble(spec.get("bn_momentum")), 0.0, spec.toString());
        assertEquals(1e-3, Double.parseDouble(spec.get("bn_eps")), 0.0, spec.toString());
        CliRun.Result eval = run("eval", out.resolve("best.ckpt").toString());
        ok(eval);
        assertTrue(eval.out().contains("test accuracy"), eval.out());
    }

    private static void ok(CliRun.Result r) {
        assertEquals(ExitCode.OK, r.code(), r.both());
    }
}
