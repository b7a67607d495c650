package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --patience N [--min-delta D]}: the run stops where its validation accuracy stalls, says why (on
 * standard output and in run.json), keeps the best model, and a resumed run stops where the uninterrupted one
 * does; a run that stopped resumes as stopped.
 */
class EarlyStoppingRunTest {

    /**
     * The toy problem with a learning rate too small to change a prediction: the validation accuracy of every
     * check is the first one's, so with patience 3 the run stops at epoch 3 (2 iterations per epoch).
     */
    private static final String[] STALLED = {"train", "--data", "toy", "--hidden", "10", "--batch-size", "2", "--lr",
            "1e-12", "--epochs", "20"};

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aStalledRunStopsAfterPatienceEpochsAndSaysWhy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run(with(STALLED, "--patience", "3", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode history = json(out.resolve("history.json"));
        double[] val = doubles(history.get("val_acc_history"));
        assertEquals(4, val.length, "checks at epochs 0 .. 3: " + history);
        assertTrue(val[1] == val[0] && val[2] == val[0] && val[3] == val[0], "stalled: " + history);
        assertEquals(6, history.get("loss_history").size(), "3 epochs of 2 iterations");
        assertTrue(r.out().contains("Stopped early at epoch 3 of 20: the validation accuracy has not risen by more "
                + "than 0 for 3 epochs (best " + String.format(java.util.Locale.ROOT, "%.4f", val[0])
                + " at epoch 0); kept the best parameters."), r.out());
        JsonNode runJson = json(out.resolve("run.json"));
        assertEquals("stopped", runJson.get("status").asText());
        assertEquals(3, runJson.get("stopped").get("epoch").asInt());
        assertEquals(6, runJson.get("stopped").get("iteration").asInt());
        assertTrue(runJson.get("stopped").get("reason").asText().startsWith("the validation accuracy has not risen"));
        // the best model is that of the first check, the only rise; last.ckpt holds the epoch that stopped the run
        Checkpoint best = CheckpointFile.read(out.resolve("best.ckpt"));
        Checkpoint last = CheckpointFile.read(out.resolve("last.ckpt"));
        assertEquals(val[0] > 0 ? 1 : 0, best.bestIteration(), "the Solver keeps a check's model when it beats 0");
        assertEquals(best.bestIteration(), last.bestIteration());
        assertEquals(3, last.epoch());
        assertEquals("3", last.metadata().get("patience"));
    }

    @Test
    void aRunThatStoppedResumesAsStoppedUnlessGivenMorePatience(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(ExitCode.OK, run(with(STALLED, "--patience", "3", "--out", out.toString())).code());
        String last = out.resolve("last.ckpt").toString();
        Path again = dir.resolve("again");
        CliRun.Result refused = run("train", "--resume", last, "--out", again.toString());
        assertEquals(ExitCode.USAGE, refused.code(), refused.both());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().contains("is of a run that stopped early at epoch 3: the validation accuracy has not "
                + "risen by more than 0 for 3 epochs"), refused.err());
        assertTrue(refused.err().contains("give a larger --patience than 3, or --patience 0, to train on."),
                refused.err());
        assertFalse(Files.exists(again), "a refused resume writes nothing");

        // more patience goes on, from epoch 3, and stops again when the new patience runs out
        CliRun.Result more = run("train", "--resume", last, "--patience", "5", "--out", again.toString());
        assertEquals(ExitCode.OK, more.code(), more.both());
        assertTrue(more.out().contains("Stopped early at epoch 5 of 20"), more.out());
        assertEquals("5", CheckpointFile.read(again.resolve("last.ckpt")).metadata().get("patience"));

        // --patience 0 trains to the end
        Path rest = dir.resolve("rest");
        CliRun.Result all = run("train", "--quiet", "--resume", last, "--patience", "0", "--out", rest.toString());
        assertEquals(ExitCode.OK, all.code(), all.both());
        assertEquals("finished", json(rest.resolve("run.json")).get("status").asText());
        assertEquals(21, json(rest.resolve("history.json")).get("val_acc_history").size());
    }

    @Test
    void anInterruptedRunResumedStopsWhereTheUninterruptedOneStops(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(ExitCode.OK,
                run(with(STALLED, "--quiet", "--patience", "3", "--out", straight.toString())).code());
        // two epochs, as a run killed after its second epoch; its checkpoint records the patience
        Path first = dir.resolve("first");
        String[] twoEpochs = with(STALLED, "--quiet", "--patience", "3", "--out", first.toString());
        twoEpochs[java.util.Arrays.asList(twoEpochs).indexOf("--epochs") + 1] = "2";
        assertEquals(ExitCode.OK, run(twoEpochs).code());
        Path resumed = dir.resolve("resumed");
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "20", "--out",
                resumed.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("Stopped early at epoch 3 of 20"), r.out());
        assertArrayEquals(doubles(json(straight.resolve("history.json")).get("loss_history")),
                doubles(json(resumed.resolve("history.json")).get("loss_history")), 0.0);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheOption() {
        String[][] cases = {{"--patience", "-1", "--patience must be at least 0, got -1."},
                {"--patience", "two", "--patience takes a whole number, got 'two'."},
                {"--min-delta", "-0.01", "--min-delta must be non-negative, got -0.01."},
                {"--diag-every", "-5", "--diag-every must be at least 0, got -5."}};
        for (String[] c : cases) {
            CliRun.Result r = run(with(STALLED, c[0], c[1]));
            assertEquals(ExitCode.USAGE, r.code(), r.both());
            assertEquals("error: " + c[2], r.err().strip());
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
