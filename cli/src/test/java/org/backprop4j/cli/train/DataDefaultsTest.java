package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --data cifar10:DIR} with no other option takes cs231n's CIFAR-10 settings, and says so. */
class DataDefaultsTest {

    @TempDir
    static Path cifar;

    /**
     * A CIFAR-10 binary directory in the distributed layout (data_batch_1.bin .. 5, test_batch.bin; records of a
     * label byte and 3 × 1024 pixel bytes), small but large enough for cs231n's 1,000 validation and 1,000 test
     * images: 5 × 210 training images.
     */
    @BeforeAll
    static void writeCifar() throws IOException {
        writeCifar(cifar);
    }

    /** Writes the directory described above into {@code cifar}. */
    static void writeCifar(Path cifar) throws IOException {
        Random random = new Random(7);
        for (String batch : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                "data_batch_5", "test_batch"}) {
            int n = batch.equals("test_batch") ? 1000 : 210;
            byte[] bytes = new byte[n * 3073];
            for (int i = 0; i < n; i++) {
                bytes[i * 3073] = (byte) (i % 10);
                for (int p = 1; p < 3073; p++) {
                    bytes[i * 3073 + p] = (byte) random.nextInt(256);
                }
            }
            Files.write(cifar.resolve(batch + ".bin"), bytes);
        }
    }

    @Test
    void cifarTakesCs231nsSettingsAndTheHeaderSaysSo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run("train", "--data", "cifar10:" + cifar, "--epochs", "1", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("defaults for cifar10"), r.out());
        JsonNode run = json(out.resolve("run.json"));
        JsonNode model = run.get("model").get("properties");
        assertEquals("50", model.get("hidden_size").asText());
        assertEquals(1e-4, model.get("std").asDouble(), 0.0);
        assertEquals(0.25, model.get("reg").asDouble(), 0.0);
        JsonNode solver = run.get("solver");
        assertEquals("sgd", solver.get("update_rule").asText());
        assertEquals(1e-4, solver.get("optim.learning_rate").asDouble(), 0.0);
        assertEquals(0.95, solver.get("lr_decay").asDouble(), 0.0);
        assertEquals("200", solver.get("batch_size").asText());
        assertEquals("1", solver.get("num_epochs").asText(), "an option given wins");
        assertFalse(r.out().contains("weight scale"), "the first loss is near ln(10): no hint; " + r.out());
    }

    @Test
    void optionsGivenWinOverTheDataDefaults(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run("train", "--data", "cifar10:" + cifar, "--epochs", "1", "--hidden", "20", "--lr", "1e-3",
                "--update", "sgd_momentum", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode run = json(out.resolve("run.json"));
        assertEquals("20", run.get("model").get("properties").get("hidden_size").asText());
        assertEquals(0.25, run.get("model").get("properties").get("reg").asDouble(), 0.0, "not given: cs231n's");
        assertEquals("sgd_momentum", run.get("solver").get("update_rule").asText());
        assertEquals(1e-3, run.get("solver").get("optim.learning_rate").asDouble(), 0.0);
    }

    @Test
    void aFirstLossFarAboveLnCGetsAHint(@TempDir Path dir) {
        CliRun.Result r = run("train", "--num-train", "100", "--epochs", "1", "--weight-scale", "0.5", "--out",
                dir.resolve("run").toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        long hints = r.out().lines().filter(l -> l.contains("--weight-scale") && l.contains("ln(10)")).count();
        assertEquals(1, hints, r.out());
        CliRun.Result plain = run("train", "--num-train", "100", "--epochs", "1", "--out",
                dir.resolve("plain").toString());
        assertFalse(plain.out().contains("ln(10)"), plain.out());
    }
}
