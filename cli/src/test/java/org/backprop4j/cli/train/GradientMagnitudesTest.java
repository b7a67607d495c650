package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Model;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model mlp} records seed 002's {@code grad_magnitude_history} and plots it above the loss. */
class GradientMagnitudesTest {

    private static final String[] MLP = {"--data", "toy", "--model", "mlp", "--activation", "sigmoid", "--hidden", "10",
            "--weight-scale", "0.1", "--lr", "0.5", "--reg", "1e-5", "--epochs", "4", "--batch-size", "5", "--seed",
            "3",
            "--backend", "pure"};

    private static String[] with(String[] options, String... more) {
        String[] all = new String[1 + options.length + more.length];
        all[0] = "train";
        System.arraycopy(options, 0, all, 1, options.length);
        System.arraycopy(more, 0, all, 1 + options.length, more.length);
        return all;
    }

    @Test
    void anMlpRunRecordsTheNormOfDW1AtEveryIteration(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mlp");
        CliRun.Result r = run(with(MLP, "--out", out.toString(), "--quiet"));
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode history = json(out.resolve("history.json"));
        JsonNode grads = history.get("grad_magnitude_history");
        assertEquals(history.get("loss_history").size(), grads.size(), "one norm per iteration");
        for (JsonNode g : grads) {
            assertTrue(g.isNumber() && g.asDouble() > 0 && Double.isFinite(g.asDouble()), grads.toString());
        }

        // iteration 1 again, by hand: the model's weights drawn from the seed, then the Solver's first minibatch
        TrainSettings s = TrainSettings.builder().set("--data", "toy").set("--model", "mlp")
                .set("--activation", "sigmoid").set("--hidden", "10").set("--weight-scale", "0.1")
                .set("--reg", "1e-5").set("--seed", "3").build();
        Backend backend = Backends.select("pure");
        DataSplits data = s.loadData(backend);
        NumpyRandom rng = new NumpyRandom(3);
        Model model = ModelFactory.create(s, backend, data.inputSize(), data.numClasses(), rng);
        int[] batch = rng.choice(data.xTrain().rows(), 5);
        int[] y = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            y[i] = data.yTrain()[batch[i]];
        }
        double want = model.loss(data.xTrain().gatherRows(batch), y).grads().get("W1").norm();
        assertEquals(want, grads.get(0).asDouble(), 1e-12 * want, "np.linalg.norm(grads['W1']) of iteration 1");

        assertEquals(40 + 3 * 380, ImageIO.read(out.resolve("curves.png").toFile()).getHeight(),
                "three panels: gradient magnitude, loss, accuracy");
        Files.delete(out.resolve("curves.png"));
        CliRun.Result v = run("visualize", out.toString());
        assertEquals(ExitCode.OK, v.code(), v.both());
        assertEquals(40 + 3 * 380, ImageIO.read(out.resolve("curves.png").toFile()).getHeight(),
                "visualize redraws the gradient panel from history.json");
    }

    /** A resumed run has no gradients of the iterations before the resume: null there, the same norms after. */
    @Test
    void aResumedRunRecordsTheIterationsItRan(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path first = dir.resolve("first");
        Path resumed = dir.resolve("resumed");
        assertEquals(ExitCode.OK, run(with(MLP, "--out", straight.toString(), "--quiet")).code());
        String[] twoEpochs = MLP.clone();
        twoEpochs[Arrays.asList(MLP).indexOf("--epochs") + 1] = "2";
        assertEquals(ExitCode.OK, run(with(twoEpochs, "--out", first.toString(), "--quiet")).code());
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "4", "--out",
                resumed.toString(), "--quiet");
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode want = json(straight.resolve("history.json")).get("grad_magnitude_history");
        JsonNode got = json(resumed.resolve("history.json")).get("grad_magnitude_history");
        assertEquals(4, got.size());
        assertTrue(got.get(0).isNull() && got.get(1).isNull(), got.toString());
        assertEquals(want.get(2).asDouble(), got.get(2).asDouble(), 0.0, "the resumed run retraces the straight one");
        assertEquals(want.get(3).asDouble(), got.get(3).asDouble(), 0.0);
        Files.delete(resumed.resolve("curves.png"));
        assertEquals(ExitCode.OK, run("visualize", resumed.toString()).code(), "visualize reads the nulls");
    }

    @Test
    void otherModelsKeepTheNotebooksTwoPanels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("two-layer");
        CliRun.Result r = run("train", "--data", "toy", "--hidden", "10", "--epochs", "2", "--batch-size", "5",
                "--out", out.toString(), "--quiet");
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertFalse(json(out.resolve("history.json")).has("grad_magnitude_history"));
        assertEquals(40 + 2 * 380, ImageIO.read(out.resolve("curves.png").toFile()).getHeight());
    }
}
