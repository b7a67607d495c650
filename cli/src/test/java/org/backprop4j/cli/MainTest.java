package org.backprop4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line program end to end: outputs, files, exit codes and one-line errors. */
class MainTest {

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isBlank() ? List.of() : List.of(err.strip().split("\\R"));
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void checkJsonReproducesTheNotebook() throws Exception {
        Run r = run("check", "--backend", "pure", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals("pure", j.get("backend").asText());
        assertEquals(NotebookNumbers.TOY_CORRECT_LOSS, j.get("loss").asDouble(), 1e-10);
        assertEquals(NotebookNumbers.toyCorrectScores()[0][0], j.get("scores").get(0).get(0).asDouble(), 1e-8);
        assertEquals(4, j.get("grads").get("W1").size(), "W1 is (4, 10)");
        assertEquals(10, j.get("grads").get("b1").size(), "b1 is flat, as NumPy's 1-D array");
        for (String p : new String[] {"W1", "b1", "W2", "b2"}) {
            assertTrue(j.get("numeric_rel_error").get(p).asDouble() < 1e-8, p);
        }
        assertTrue(j.get("passed").asBoolean());
        // every check of every notebook section, each passed
        int checks = 0;
        for (JsonNode section : j.get("checks")) {
            for (JsonNode c : section) {
                assertTrue(c.get("passed").asBoolean() && c.get("value").asDouble() <= c.get("bound").asDouble(),
                        c.toString());
                checks++;
            }
        }
        assertEquals(NotebookChecks.run(Backends.get("pure")).checks().size(), checks);
    }

    @Test
    void checkAllComparesEveryBackend() throws Exception {
        Run r = run("check", "--backend", "all", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertTrue(j.get("backends").has("pure") && j.get("backends").has("naive"), r.out());
        assertTrue(j.get("max_cross_backend_rel_error").get("W1").asDouble() < 1e-12, r.out());
    }

    @Test
    void otherSeedsAreAccepted() throws Exception {
        Run r = run("check", "--backend", "naive", "--model-seed", "3", "--data-seed", "4", "--reg", "0.1", "--json");
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(3, j.get("model_seed").asInt());
        JsonNode toy = j.get("checks").get("cs231n toy TwoLayerNet (model seed 3, data seed 4, reg 0.1)");
        assertEquals(4, toy.size(), "the four gradient checks only: " + toy);
        assertFalse(toy.has("scores: sum |yours - notebook's|"), "notebook scores only apply to seeds 0, 1");
    }

    @Test
    void backendsListsAvailabilityAndTheChoice() throws Exception {
        Run r = run("backends", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertTrue(j.get("backends").size() >= 2);
        assertEquals("pure", j.get("chosen").asText(), "highest priority without property or environment");
        Run named = run("backends", "--backend", "naive");
        assertTrue(named.out().contains("would be used now: naive (named explicitly)"), named.out());
    }

    @Test
    void unknownBackendsAndOptionsFailWithOneLineAndExitTwo() {
        Run r = run("check", "--backend", "nosuch");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("Unknown backend 'nosuch'") && r.err().contains("pure"), r.err());
        Run bad = run("train", "--data", "toy", "--model", "rnn");
        assertEquals(ExitCode.USAGE, bad.code());
        assertEquals("error: Unknown model 'rnn': expected one of two-layer, mlp, fc, cnn.", bad.errLines().get(0));
        Run opt = run("train", "--epochs", "many");
        assertEquals(ExitCode.USAGE, opt.code());
        assertTrue(opt.errLines().get(0).startsWith("error: "), opt.err());
    }

    @Test
    void missingAndCorruptDataFilesExitTwoWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Run r = run("train", "--data", "npz:" + dir.resolve("none.npz"), "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.USAGE, r.code());
        Path junk = Files.writeString(dir.resolve("junk.npz"), "not a zip");
        Run j = run("train", "--data", "npz:" + junk, "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.USAGE, j.code());
        assertEquals(1, j.errLines().size(), j.err());
        assertTrue(j.err().contains(junk.toString()), j.err());
        assertFalse(j.err().contains("\tat "), "no stack trace without --debug");
        Run debug = run("train", "--data", "npz:" + junk, "--out", dir.resolve("run").toString(), "--debug");
        assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace");
    }

    @Test
    void trainWritesTheRunFolderAndEvalPredictVisualizeReadIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path history = dir.resolve("h.json");
        Run r = run("train", "--num-train", "500", "--epochs", "2", "--hidden", "20", "--out", out.toString(),
                "--history-out", history.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("(Epoch 1 / 2) train acc: "), r.out());
        assertTrue(r.out().matches("(?s).*Test accuracy: 0\\.\\d{4}.*"), r.out());
        for (String f : new String[] {"best.ckpt", "last.ckpt", "history.json", "run.json", "curves.png",
                "weights.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode h = Json.mapper().readTree(history.toFile());
        assertEquals(10, h.get("loss_history").size(), "500 / 100 = 5 iterations per epoch, 2 epochs");
        assertEquals(3, h.get("val_acc_history").size());
        CheckpointFile.read(out.resolve("best.ckpt"));

        Run e = run("eval", out.resolve("best.ckpt").toString(), "--json");
        assertEquals(ExitCode.OK, e.code(), e.err());
        JsonNode ej = Json.mapper().readTree(e.out());
        assertEquals(1000, ej.get("examples").asInt());
        assertEquals(h.get("test_acc").asDouble(), ej.get("accuracy").asDouble(), 1e-12, "eval agrees with train");

        Path csv = dir.resolve("p.csv");
        Run p = run("predict", out.resolve("best.ckpt").toString(), "--limit", "3", "--output", csv.toString());
        assertEquals(ExitCode.OK, p.code(), p.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertEquals("index,predicted,probability,label,class", lines.get(0));

        Files.delete(out.resolve("curves.png"));
        Run v = run("visualize", out.toString());
        assertEquals(ExitCode.OK, v.code(), v.err());
        assertTrue(Files.exists(out.resolve("curves.png")));
    }

    @Test
    void resumeContinuesARunToMoreEpochs(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        assertEquals(ExitCode.OK, run("train", "--data", "toy", "--hidden", "10", "--epochs", "3", "--batch-size", "5",
                "--lr", "0.1", "--out", a.toString()).code());
        Path b = dir.resolve("b");
        Run r = run("train", "--data", "toy", "--hidden", "10", "--epochs", "6", "--batch-size", "5", "--lr", "0.1",
                "--resume", a.resolve("last.ckpt").toString(), "--out", b.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode h = Json.mapper().readTree(b.resolve("history.json").toFile());
        assertEquals(6, h.get("loss_history").size(), "3 iterations restored, 3 more run");
        Path c = dir.resolve("c");
        run("train", "--data", "toy", "--hidden", "10", "--epochs", "6", "--batch-size", "5", "--lr", "0.1", "--out",
                c.toString());
        JsonNode straight = Json.mapper().readTree(c.resolve("history.json").toFile());
        assertEquals(straight.get("loss_history"), h.get("loss_history"), "resumed run retraces the straight run");
    }

    @Test
    void divergingTrainingExitsTwoNamingTheIteration(@TempDir Path dir) {
        Run r = run("train", "--data", "toy", "--hidden", "10", "--epochs", "50", "--batch-size", "5", "--lr", "1e200",
                "--update", "sgd", "--out", dir.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.out() + r.err());
        // issue 9: the message names the checkpoint worth keeping, never one at chance level (this run's best
        // validation accuracy is that of its first iteration), and the --lr as typed
        assertTrue(
                r.err().contains("Training diverged at iteration")
                        && r.err().contains("smaller learning rate than --lr 1e200")
                        && r.err().contains("no checkpoint is worth keeping") && !r.err().contains("last.ckpt"),
                r.err());
    }

    @Test
    void tuneRunsTheGridInParallelAndKeepsTheBest(@TempDir Path dir) throws Exception {
        Run r = run("tune", "--data", "toy", "--hidden", "8", "--lr", "0.01,0.1", "--reg", "0,0.001", "--epochs", "20",
                "--batch-size", "5", "--jobs", "2", "--out", dir.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode res = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(4, res.get("trials").size());
        double first = res.get("trials").get(0).get("best_val_acc").asDouble();
        for (JsonNode t : res.get("trials")) {
            assertTrue(t.get("best_val_acc").asDouble() <= first, "sorted by validation accuracy");
        }
        assertTrue(Files.exists(dir.resolve("best.ckpt")));
        Run random = run("tune", "--data", "toy", "--hidden", "8", "--lr", "1e-3:1e-1", "--reg", "1e-5:1e-2",
                "--random", "3", "--epochs", "2", "--batch-size", "5", "--out", dir.resolve("r").toString());
        assertEquals(ExitCode.OK, random.code(), random.err());
        Run range = run("tune", "--data", "toy", "--lr", "1e-3:1e-1", "--out", dir.resolve("x").toString());
        assertEquals(ExitCode.USAGE, range.code());
        assertTrue(range.err().contains("--random"), range.err());
    }
}
