package org.backprop4j.cli.diagnostics;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --diag-every K}: diagnostics.json holds a record for the first iteration, every K-th and every epoch
 * end, with the numbers of every parameter and hidden layer; diagnostics.png draws them; 0 turns them off; the
 * sanity hints are printed in one line each.
 */
class DiagnosticsRunTest {

    /** 300 digits, 3 batches of 100 per epoch, 2 epochs: iterations 1 .. 6. */
    private static final String[] SMALL = {"train", "--num-train", "300", "--hidden", "16", "--epochs", "2"};

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theRecordsFollowTheIntervalAndTheEpochs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run(with(SMALL, "--diag-every", "4", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("diagnostics.json, diagnostics.png)."), r.out());
        JsonNode d = json(out.resolve(DiagnosticsJson.FILE));
        assertEquals(4, d.get("every").asInt());
        assertEquals(3, d.get("iterations_per_epoch").asInt());
        List<Integer> iterations = new ArrayList<>();
        d.get("records").forEach(rec -> iterations.add(rec.get("iteration").asInt()));
        assertEquals(List.of(1, 3, 4, 6), iterations, "the first, the multiples of 4 and the epoch ends");
        JsonNode end = d.get("records").get(1);
        assertTrue(end.get("epoch_end").asBoolean());
        assertEquals(1, end.get("epoch").asInt());
        List<String> names = new ArrayList<>();
        end.get("params").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("W1", "b1", "W2", "b2"), names);
        JsonNode w1 = end.get("params").get("W1");
        assertTrue(w1.get("norm").asDouble() > 0 && w1.get("update_ratio").asDouble() > 0
                && w1.get("grad_norm").asDouble() > 0, w1.toString());
        JsonNode layer = end.get("layers").get(0);
        assertEquals("relu", layer.get("activation").asText());
        double dead = layer.get("dead_fraction").asDouble();
        assertTrue(dead >= 0 && dead <= 1 && dead * 16 == Math.rint(dead * 16), "a fraction of 16 units: " + dead);
        assertEquals(w1.get("grad_norm").asDouble(), layer.get("grad_norm").asDouble(), 0.0);
        long count = 0;
        for (JsonNode c : layer.get("histogram").get("counts")) {
            count += c.asLong();
        }
        assertEquals(100 * 16, count, "every activation of the 100-row minibatch");
        assertFalse(d.get("records").get(0).get("layers").get(0).has("histogram"), "histograms at epoch ends only");
        // b1 starts at zero: its first ratio does not exist
        assertTrue(d.get("records").get(0).get("params").get("b1").get("update_ratio").isNull());

        BufferedImage png = ImageIO.read(out.resolve("diagnostics.png").toFile());
        // ratios, inactive units, activation statistics, one histogram panel for the one hidden layer; a title
        assertEquals(1000, png.getWidth());
        assertEquals(4 * 380 + 40, png.getHeight());
    }

    @Test
    void zeroTurnsThemOff(@TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRun.Result r = run(with(SMALL, "--diag-every", "0", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertFalse(Files.exists(out.resolve(DiagnosticsJson.FILE)));
        assertFalse(Files.exists(out.resolve("diagnostics.png")));
        assertFalse(r.out().contains("diagnostics"), r.out());
    }

    @Test
    void aLearningRateFarTooSmallIsFlaggedInOneLine(@TempDir Path dir) {
        CliRun.Result r = run(with(SMALL, "--lr", "1e-7", "--out", dir.resolve("run").toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        List<String> hints = r.out().lines().filter(l -> l.startsWith("hint: ")).toList();
        assertEquals(1, hints.size(), r.out());
        assertTrue(hints.get(0).startsWith("hint: the update:weight ratio ‖ΔW‖/‖W‖ of the first iterations is below "
                + "1e-4 (W1 "), hints.get(0));
        assertTrue(hints.get(0).endsWith("try a larger --lr than 1e-7."), hints.get(0));
        CliRun.Result quiet = run(with(SMALL, "--lr", "1e-7", "--quiet", "--out", dir.resolve("quiet").toString()));
        assertFalse(quiet.out().contains("hint:"), quiet.out());
    }

    /** A resumed run's diagnostics.json goes on from the one it continues: it equals the uninterrupted run's. */
    @Test
    void aResumedRunsDiagnosticsAreThoseOfTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(ExitCode.OK, run(with(SMALL, "--quiet", "--diag-every", "2", "--out", straight.toString()))
                .code());
        Path first = dir.resolve("first");
        String[] oneEpoch = with(SMALL, "--quiet", "--diag-every", "2", "--out", first.toString());
        oneEpoch[List.of(oneEpoch).indexOf("--epochs") + 1] = "1";
        assertEquals(ExitCode.OK, run(oneEpoch).code());
        Path resumed = dir.resolve("resumed");
        CliRun.Result r = run("train", "--quiet", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "2",
                "--diag-every", "2", "--out", resumed.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode a = json(straight.resolve(DiagnosticsJson.FILE)).get("records");
        JsonNode b = json(resumed.resolve(DiagnosticsJson.FILE)).get("records");
        assertEquals(List.of(1, 2, 3, 4, 6), iterations(a));
        assertEquals(a, b, "the same records, number for number");
    }

    /** Watching changes nothing: with diagnostics at every iteration and TensorBoard logs, the same run. */
    @Test
    void diagnosticsAndLogsChangeNoNumberOfTheRun(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain");
        Path watched = dir.resolve("watched");
        assertEquals(ExitCode.OK, run(with(SMALL, "--quiet", "--diag-every", "0", "--out", plain.toString())).code());
        assertEquals(ExitCode.OK, run(with(SMALL, "--quiet", "--diag-every", "1", "--tensorboard", "--out",
                watched.toString())).code());
        JsonNode a = json(plain.resolve("history.json"));
        JsonNode b = json(watched.resolve("history.json"));
        for (String key : new String[] {"loss_history", "train_acc_history", "val_acc_history"}) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    private static List<Integer> iterations(JsonNode records) {
        List<Integer> out = new ArrayList<>();
        records.forEach(r -> out.add(r.get("iteration").asInt()));
        return out;
    }
}
