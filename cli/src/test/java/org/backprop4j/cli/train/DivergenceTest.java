package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose loss explodes stops when it does, says so in one sentence, and keeps what shows the blow-up. */
class DivergenceTest {

    private static final Pattern ITERATION = Pattern.compile("diverged at iteration (\\d+)");

    @Test
    void anExplodingLossStopsTheRunAtOnceAndTheRunFolderShowsIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run("train", "--lr", "1e3", "--out", out.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        String err = r.err();
        Matcher m = ITERATION.matcher(err);
        assertTrue(m.find(), err);
        int iteration = Integer.parseInt(m.group(1));
        assertTrue(iteration <= 81, "stopped when the loss exploded (7.7e87 at iteration 81), not at 275: " + err);
        assertTrue(err.contains("--lr 1e3"), "the --lr as typed: " + err);
        assertFalse(err.contains("857") || err.contains("last.ckpt"), err);
        assertTrue(err.matches("(?s).*loss \\d\\.\\d+e[+-]?\\d+.*"), "the loss in scientific notation: " + err);
        assertTrue(err.contains("no checkpoint is worth keeping"), "best.ckpt holds the untrained weights: " + err);

        JsonNode history = json(out.resolve("history.json"));
        assertEquals(iteration, history.get("loss_history").size(), "the loss history up to the blow-up");
        assertTrue(Files.exists(out.resolve("curves.png")) && Files.exists(out.resolve("weights.png")));
        JsonNode runJson = json(out.resolve("run.json"));
        assertEquals("diverged", runJson.get("status").asText(), runJson.toString());
        assertEquals(iteration, runJson.get("diverged").get("iteration").asInt());
        for (String ck : new String[] {"last.ckpt", "best.ckpt"}) {
            assertFinite(CheckpointFile.read(out.resolve(ck)));
        }
        Files.delete(out.resolve("curves.png"));
        CliRun.Result v = run("visualize", out.toString());
        assertEquals(ExitCode.OK, v.code(), v.both());
        assertTrue(Files.exists(out.resolve("curves.png")));
    }

    @Test
    void theRuleCanBeTurnedOff(@TempDir Path dir) throws Exception {
        CliRun.Result on = run("train", "--data", "toy", "--hidden", "10", "--batch-size", "5", "--epochs", "50",
                "--update", "sgd", "--lr", "1e3", "--weight-scale", "1", "--out", dir.resolve("on").toString());
        CliRun.Result off = run("train", "--data", "toy", "--hidden", "10", "--batch-size", "5", "--epochs", "50",
                "--update", "sgd", "--lr", "1e3", "--weight-scale", "1", "--divergence-factor", "0", "--out",
                dir.resolve("off").toString());
        int stoppedOn = json(dir.resolve("on/history.json")).get("loss_history").size();
        int ranOff = json(dir.resolve("off/history.json")).get("loss_history").size();
        assertEquals(ExitCode.USAGE, on.code(), on.both());
        assertTrue(ranOff > stoppedOn, "with --divergence-factor 0 only a non-finite loss stops the run: " + stoppedOn
                + " vs " + ranOff + "; " + off.both());
    }

    @Test
    void aRunThatLearnedBeforeItDivergedNamesBestCkpt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        // sgd_momentum with momentum 0.99 learns for two epochs, then its loss wanders above twice the first one
        CliRun.Result r = run("train", "--num-train", "500", "--hidden", "50", "--lr", "0.5", "--momentum", "0.99",
                "--epochs", "8", "--batch-size", "50", "--lr-decay", "1", "--divergence-factor", "2", "--out",
                out.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(out.resolve("best.ckpt").toString()), r.err());
        Checkpoint best = CheckpointFile.read(out.resolve("best.ckpt"));
        assertTrue(best.bestValAcc() > 0.5, "a checkpoint worth keeping: " + best.bestValAcc());
        assertTrue(r.err().contains(String.format(Locale.ROOT, "%.4f", best.bestValAcc())), r.err());
        assertFinite(best);
    }

    private static void assertFinite(Checkpoint c) {
        for (Tensor t : c.params().values()) {
            for (double v : t.data()) {
                assertTrue(Double.isFinite(v), "no checkpoint holds non-finite parameters");
            }
        }
    }
}
