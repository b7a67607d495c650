package org.backprop4j.cli.tune;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tune} survives trials that diverge or fail, and refuses searches that make no sense. */
class TuneTest {

    @Test
    void aDivergingTrialIsMarkedAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        CliRun.Result r = run("tune", "--data", "toy", "--hidden", "8", "--lr", "1e3,1e-1", "--reg", "0",
                "--update", "sgd", "--weight-scale", "1", "--epochs", "20", "--batch-size", "5", "--jobs", "1",
                "--out", dir.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode trials = json(dir.resolve("results.json")).get("trials");
        assertEquals(2, trials.size(), trials.toString());
        JsonNode good = trials.get(0);
        JsonNode bad = trials.get(1);
        assertEquals("ok", good.get("status").asText(), trials.toString());
        assertEquals(0.1, good.get("lr").asDouble(), 0.0);
        assertEquals("diverged", bad.get("status").asText(), trials.toString());
        assertTrue(bad.get("error").asText().contains("diverged at iteration"), bad.toString());
        assertTrue(r.out().contains("diverged"), "the table marks it: " + r.out());
        assertEquals(good.get("best_val_acc").asDouble(), CheckpointFile.read(dir.resolve("best.ckpt")).bestValAcc(),
                0.0, "best.ckpt is the good trial's");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--random,0", "--random,-2", "--jobs,0", "--layers,0"})
    void meaninglessSearchesAreRefused(String option, String value, @TempDir Path dir) {
        CliRun.Result r = run("tune", "--data", "toy", "--model", "fc", option, value, "--out",
                dir.resolve("t").toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(option), r.err());
        assertTrue(!Files.exists(dir.resolve("t")), "refused before anything is written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"--spark local[2];needs the tune-spark module on the class path",
            "--spark-conf spark.executor.memory=1g;sets Spark up for --spark MASTER, which was not given",
            "--spark local[2] --tensorboard;--tensorboard is not available with --spark yet"})
    void sparkOptionsNeedTheModuleAndEachOther(String options, String message, @TempDir Path dir) {
        List<String> args = new ArrayList<>(List.of("tune", "--data", "toy"));
        args.addAll(List.of(options.split(" ")));
        args.addAll(List.of("--out", dir.resolve("t").toString()));
        CliRun.Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(!Files.exists(dir.resolve("t")), "refused before anything is written");
    }

    @Test
    void modelKindsAreCaseInsensitive(@TempDir Path dir) throws Exception {
        CliRun.Result r = run("tune", "--data", "toy", "--model", "FC", "--hidden", "6", "--layers", "3", "--lr",
                "0.1", "--reg", "0", "--epochs", "2", "--batch-size", "5", "--out", dir.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        var spec = CheckpointFile.read(dir.resolve("best.ckpt")).model();
        assertEquals("fc", spec.kind());
        assertEquals("6,6,6", spec.properties().get("hidden_dims"), "--layers 3 of --model FC");
    }

    @Test
    void aRandomSearchSaysHowItDrawsFromLists(@TempDir Path dir) {
        CliRun.Result r = run("tune", "--data", "toy", "--hidden", "6,8", "--lr", "1e-3:1e-1", "--reg", "0",
                "--random", "2", "--epochs", "1", "--batch-size", "5", "--out", dir.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("--hidden") && r.out().contains("sampled from the list"), r.out());
        assertTrue(r.out().contains("--lr") && r.out().contains("log-uniform"), r.out());
    }
}
