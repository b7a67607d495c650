package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code train --resume CKPT}: the checkpoint alone says how to go on, a resumed run is bit for bit the
 * uninterrupted one, options that would change it are refused, and a refused resume leaves nothing behind.
 */
class ResumeTest {

    private static final String[] TOY = {"--data", "toy", "--hidden", "10", "--batch-size", "2", "--lr", "0.05"};
    private static final String[] NUM_TRAIN = {"--num-train", "300", "--hidden", "16", "--batch-size", "100",
            "--update", "adam", "--lr", "1e-3"};

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of("toy", "float64"), Arguments.of("toy", "float32"),
                Arguments.of("num-train", "float64"), Arguments.of("num-train", "float32"));
    }

    private static String[] args(String[] base, String... more) {
        return Stream.concat(Stream.of("train", "--quiet"), Stream.concat(Stream.of(base), Stream.of(more)))
                .toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("runs")
    void aResumedRunIsBitForBitTheUninterruptedRun(String data, String dtype, @TempDir Path dir) throws Exception {
        String[] base = data.equals("toy") ? TOY : NUM_TRAIN;
        Path straight = dir.resolve("straight");
        Path first = dir.resolve("first");
        Path resumed = dir.resolve("resumed");
        ok(run(args(base, "--dtype", dtype, "--epochs", "4", "--out", straight.toString())));
        ok(run(args(base, "--dtype", dtype, "--epochs", "2", "--out", first.toString())));
        // no option but the new number of epochs: data, --num-train, dtype, model and solver come from the checkpoint
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "4",
                "--out", resumed.toString());
        ok(r);
        assertTrue(r.out().contains("(Epoch 4 / 4)") && !r.out().contains("(Epoch 5"), r.out());
        assertSameRun(straight, resumed);
    }

    @Test
    void anInterruptedRunResumesWithoutOptionsAndItsEpochLinesFollowTheirCheckpoints(@TempDir Path dir)
            throws Exception {
        Path straight = dir.resolve("straight");
        ok(run(args(TOY, "--epochs", "4", "--out", straight.toString())));
        Path crashed = dir.resolve("crashed");
        List<String> early = new ArrayList<>();
        // standard output that checks, at each epoch line, that last.ckpt already holds that epoch, and that
        // dies (as a killed process would) once epoch 2 has been reported
        Writer watcher = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        onLine(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(buf[i]);
                    }
                }
            }

            private void onLine(String text) {
                Matcher m = Pattern.compile("\\(Epoch (\\d+) / 4\\)").matcher(text);
                if (m.find()) {
                    int epoch = Integer.parseInt(m.group(1));
                    try {
                        int onDisk = CheckpointFile.read(crashed.resolve("last.ckpt")).epoch();
                        if (onDisk != epoch) {
                            early.add("epoch " + epoch + " printed while last.ckpt held epoch " + onDisk);
                        }
                    } catch (IOException e) {
                        early.add("epoch " + epoch + " printed before last.ckpt existed: " + e);
                    }
                    if (epoch == 2) {
                        throw new IllegalStateException("killed after epoch 2");
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CliRun.Result killed = CliRun.run(watcher, "train", "--data", "toy", "--hidden", "10", "--batch-size", "2",
                "--lr", "0.05", "--epochs", "4", "--out", crashed.toString());
        assertEquals(ExitCode.FAILURE, killed.code(), killed.both());
        assertEquals(List.of(), early, "every epoch line is printed after its checkpoint is on disk");

        Path resumed = dir.resolve("resumed");
        CliRun.Result r = run("train", "--resume", crashed.resolve("last.ckpt").toString(), "--out",
                resumed.toString());
        ok(r);
        assertTrue(r.out().contains("(Epoch 4 / 4)"), "the run's own 4 epochs, not the default 20: " + r.out());
        assertSameRun(straight, resumed);
    }

    @Test
    void aFinishedRunIsNotSilentlyExtendedAndARefusedResumeLeavesNoFolder(@TempDir Path dir) {
        Path first = dir.resolve("first");
        ok(run(args(TOY, "--epochs", "2", "--out", first.toString())));
        Path again = dir.resolve("again");
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--out", again.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("--epochs") && r.err().contains("2 epochs"), r.err());
        assertFalse(Files.exists(again), "no half-empty run folder");
    }

    @Test
    void optionsThatWouldChangeTheTrajectoryAreRefusedUnlessTheyEqualTheCheckpoints(@TempDir Path dir) {
        Path first = dir.resolve("first");
        ok(run(args(TOY, "--epochs", "2", "--out", first.toString())));
        String ckpt = first.resolve("last.ckpt").toString();
        Path other = dir.resolve("other");
        CliRun.Result r = run("train", "--resume", ckpt, "--epochs", "4", "--lr", "0.5", "--hidden", "20",
                "--dtype", "float32", "--out", other.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        for (String named : new String[] {"--lr 0.5", "--hidden 20", "--dtype float32", "0.05", "float64"}) {
            assertTrue(r.err().contains(named), named + " in: " + r.err());
        }
        assertFalse(r.err().contains("--epochs"), "--epochs may extend a run: " + r.err());
        assertFalse(Files.exists(other), "no half-empty run folder");

        Path same = dir.resolve("same");
        ok(run("train", "--resume", ckpt, "--epochs", "4", "--lr", "5e-2", "--hidden", "10", "--data", "toy",
                "--batch-size", "2", "--out", same.toString(), "--quiet"));
    }

    @Test
    void bestCkptAfterAResumeIntoANewFolderHoldsTheBestOfTheWholeRun(@TempDir Path dir) throws Exception {
        // with these settings the validation accuracy peaks at epoch 1 and is not reached again
        String[] base = {"--data", "toy", "--hidden", "10", "--batch-size", "2", "--lr", "0.1", "--seed", "6",
                "--weight-scale", "0.1"};
        Path straight = dir.resolve("straight");
        ok(run(args(base, "--epochs", "6", "--out", straight.toString())));
        JsonNode val = json(straight.resolve("history.json")).get("val_acc_history");
        for (int later = 2; later <= 6; later++) {
            assertTrue(val.get(1).asDouble() > val.get(later).asDouble(),
                    "premise: the best epoch comes before the resume " + val);
        }

        Path first = dir.resolve("first");
        ok(run(args(base, "--epochs", "3", "--out", first.toString())));
        Path resumed = dir.resolve("resumed");
        CliRun.Result r = run("train", "--resume", first.resolve("last.ckpt").toString(), "--epochs", "6",
                "--out", resumed.toString());
        ok(r);
        Checkpoint best = CheckpointFile.read(resumed.resolve("best.ckpt"));
        assertParamsEqual(CheckpointFile.read(straight.resolve("best.ckpt")).params(), best.params());
        assertEquals(val.get(1).asDouble(), best.bestValAcc(), 0.0);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "best validation accuracy %.4f",
                val.get(1).asDouble())), r.out());
        CliRun.Result eval = run("eval", resumed.resolve("best.ckpt").toString(), "--json");
        ok(eval);
        double evalAcc = Json.mapper().readTree(eval.out()).get("accuracy").asDouble();
        assertTrue(r.out().contains(String.format(Locale.ROOT, "Test accuracy: %.4f", evalAcc)),
                "the printed test accuracy is that of best.ckpt (" + evalAcc + "): " + r.out());
    }

    @Test
    void checkpointsOfFormatVersionOneStillEvaluatePredictAndResume(@TempDir Path dir) throws Exception {
        // written by the program before checkpoints recorded the data (format version 1); run.json beside them
        Path v1 = dir.resolve("v1-run");
        Files.createDirectories(v1);
        for (String f : new String[] {"best.ckpt", "last.ckpt", "run.json", "history.json"}) {
            try (var in = ResumeTest.class.getResourceAsStream("/org/backprop4j/cli/v1-run/" + f)) {
                Files.copy(in, v1.resolve(f));
            }
        }
        CliRun.Result eval = run("eval", v1.resolve("best.ckpt").toString(), "--json");
        ok(eval);
        assertEquals(0.6, Json.mapper().readTree(eval.out()).get("accuracy").asDouble(), 0.0,
                "the test accuracy that run printed");
        ok(run("predict", v1.resolve("best.ckpt").toString()));

        // the v1 run: train --data toy --hidden 10 --epochs 3 --batch-size 5 --lr 0.1
        Path straight = dir.resolve("straight");
        ok(run("train", "--data", "toy", "--hidden", "10", "--epochs", "6", "--batch-size", "5", "--lr", "0.1",
                "--out", straight.toString(), "--quiet"));
        Path resumed = dir.resolve("resumed");
        ok(run("train", "--resume", v1.resolve("last.ckpt").toString(), "--epochs", "6", "--out", resumed.toString()));
        assertSameRun(straight, resumed);
    }

    private static void ok(CliRun.Result r) {
        assertEquals(ExitCode.OK, r.code(), r.both());
    }

    static void assertSameRun(Path expected, Path actual) throws IOException {
        JsonNode e = json(expected.resolve("history.json"));
        JsonNode a = json(actual.resolve("history.json"));
        for (String h : new String[] {"loss_history", "train_acc_history", "val_acc_history", "best_val_acc"}) {
            assertEquals(e.get(h), a.get(h), h + " bit for bit");
        }
        for (String ck : new String[] {"last.ckpt", "best.ckpt"}) {
            Checkpoint ce = CheckpointFile.read(expected.resolve(ck));
            Checkpoint ca = CheckpointFile.read(actual.resolve(ck));
            assertParamsEqual(ce.params(), ca.params());
            assertParamsEqual(ce.buffers(), ca.buffers());
            assertEquals(ce.bestValAcc(), ca.bestValAcc(), 0.0, ck);
        }
        assertEquals(CheckpointFile.read(expected.resolve("last.ckpt")).iteration(),
                CheckpointFile.read(actual.resolve("last.ckpt")).iteration());
    }

    static void assertParamsEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, t) -> assertArrayEquals(t.data(), actual.get(k).data(), 0.0, k + " bit for bit"));
    }
}
