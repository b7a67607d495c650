package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code train --model cnn}: its options and their errors (one sentence, exit 2, before any data are loaded), the
 * notebook's defaults, the run folder (weights.png of the filters, export --npz of W1 as (F, C, HH, WW)) and
 * {@code --resume}. The runs are small (100 digits, 4 filters of 3x3; too few iterations to learn, which the models' overfitting test and the full run show) to stay fast.
 */
class CnnTrainTest {

    private static final String[] SMALL = {"--model", "cnn", "--num-train", "100", "--num-filters", "4",
            "--filter-size", "3", "--hidden", "10", "--num-train-samples", "100", "--quiet"};

    private static String[] args(String... more) {
        String[] a = new String[1 + SMALL.length + more.length];
        a[0] = "train";
        System.arraycopy(SMALL, 0, a, 1, SMALL.length);
        System.arraycopy(more, 0, a, 1 + SMALL.length, more.length);
        return a;
    }

    private static void assertUsageError(CliRun.Result r, Path out, String... words) {
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), w + " in: " + r.err());
        }
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out), "refused before the run folder is made");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"--filter-size 4|--filter-size,odd,4", "--filter-size 0|--filter-size",
            "--num-filters 0|--num-filters", "--hidden 10,10|--model cnn,--hidden",
            "--batchnorm|--batchnorm,--model fc", "--data toy|--model cnn,toy,image shape (C, H, W)"})
    void badCnnOptionsAreOneSentence(String option, String words, @TempDir Path dir) {
        Path out = dir.resolve("run");
        String[] base = {"train", "--model", "cnn", "--quiet", "--out", out.toString()};
        String[] extra = option.split(" ");
        String[] a = new String[base.length + extra.length];
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(extra, 0, a, base.length, extra.length);
        assertUsageError(run(a), out, words.split(","));
    }

    @Test
    void convolutionOptionsBelongToTheCnn(@TempDir Path dir) {
        Path out = dir.resolve("run");
        assertUsageError(run("train", "--data", "toy", "--num-filters", "8", "--out", out.toString()), out,
                "--num-filters", "--model cnn", "two-layer");
        assertUsageError(run("train", "--data", "toy", "--model", "fc", "--filter-size", "5", "--out",
                out.toString()), out, "--filter-size", "--model cnn", "fc");
    }

    @Test
    void aCnnRunTakesTheNotebooksDefaultsDrawsItsFiltersAndExportsW1AsFourDimensional(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run(args("--epochs", "2", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode runJson = json(out.resolve("run.json"));
        JsonNode model = runJson.get("model");
        assertEquals("cnn", model.get("kind").asText());
        JsonNode p = model.get("properties");
        assertEquals("1,28,28", p.get("input_dim").asText(), "the digits' image shape");
        assertEquals("4", p.get("num_filters").asText());
        assertEquals("3", p.get("filter_size").asText());
        assertEquals("10", p.get("hidden_dim").asText());
        assertEquals(0.01, p.get("weight_scale").asDouble(), 0.0, "the cnn default, not the generic one");
        JsonNode solver = runJson.get("solver");
        assertEquals("adam", solver.get("update_rule").asText());
        assertEquals(3e-3, solver.get("optim.learning_rate").asDouble(), 0.0);
        assertEquals("50", solver.get("batch_size").asText());
        // weights.png: 4 filters of 3x3 in a 2x2 grid with padding 1, 7 pixels wide, enlarged to at least 400
        BufferedImage weights = ImageIO.read(out.resolve("weights.png").toFile());
        int scale = (400 + 6) / 7;
        assertEquals(7 * scale, weights.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, weights.getType());

        Path npz = dir.resolve("cnn.npz");
        CliRun.Result e = run("export", out.resolve("best.ckpt").toString(), "--npz", npz.toString());
        assertEquals(ExitCode.OK, e.code(), e.both());
        double[] stored = CheckpointFile.read(out.resolve("best.ckpt")).params().get("W1").data();
        try (NpzReader f = NpzReader.open(npz)) {
            assertArrayEquals(new long[] {4, 1, 3, 3}, f.read("W1").shape());
            assertArrayEquals(stored, f.read("W1").toDoubleArray(), 0.0);
            assertArrayEquals(new long[] {4 * 14 * 14, 10}, f.read("W2").shape());
        }

        // eval reads the digits as (N, 1, 28, 28) again, and a new run starts from the exported parameters
        CliRun.Result ev = run("eval", out.resolve("best.ckpt").toString(), "--split", "val");
        assertEquals(ExitCode.OK, ev.code(), ev.both());
        Path again = dir.resolve("again");
        CliRun.Result init = run(args("--epochs", "1", "--init-params", npz.toString(), "--out", again.toString()));
        assertEquals(ExitCode.OK, init.code(), init.both());
    }

    @Test
    void onCifarTheCnnTakesChannelMajorRowsOfThreeChannelsAndDrawsRgbFilters(@TempDir Path dir) throws Exception {
        Path cifar = Files.createDirectories(dir.resolve("cifar"));
        DataDefaultsTest.writeCifar(cifar);
        Path out = dir.resolve("run");
        CliRun.Result r = run("train", "--model", "cnn", "--data", "cifar10:" + cifar, "--num-filters", "2",
                "--filter-size", "3", "--hidden", "5", "--num-train", "50", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("CHW rows"), "the data line says the rows are (N, C, H, W): " + r.out());
        assertTrue(r.out().contains("defaults for --model cnn"), "the cnn's defaults, not CIFAR-10's: " + r.out());
        JsonNode runJson = json(out.resolve("run.json"));
        assertEquals("3,32,32", runJson.get("model").get("properties").get("input_dim").asText());
        assertEquals(3, ImageIO.read(out.resolve("weights.png").toFile()).getRaster().getNumBands(), "RGB filters");
        CliRun.Result ev = run("eval", out.resolve("best.ckpt").toString());
        assertEquals(ExitCode.OK, ev.code(), ev.both());
    }

    @Test
    void aResumedCnnRunIsBitForBitTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path first = dir.resolve("first");
        Path resumed = dir.resolve("resumed");
        assertEquals(ExitCode.OK, run(args("--epochs", "2", "--out", straight.toString())).code());
        assertEquals(ExitCode.OK, run(args("--epochs", "1", "--out", first.toString())).code());
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "2", "--out",
                resumed.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        ResumeTest.assertSameRun(straight, resumed);
        // the cnn's options are the checkpoint's: another filter size would change the trajectory
        CliRun.Result refused = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "2",
                "--filter-size", "5", "--out", dir.resolve("x").toString());
        assertEquals(ExitCode.USAGE, refused.code(), refused.both());
        assertTrue(refused.err().contains("--filter-size 5 (the checkpoint's: 3)"), refused.err());
    }
}
