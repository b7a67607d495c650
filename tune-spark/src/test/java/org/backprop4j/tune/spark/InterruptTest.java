package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the driver of {@code tune --spark local[1]} (SIGINT to its process) cancels the Spark job and
 * leaves the finished trials' folders and a results file of them.
 */
class InterruptTest {

    /**
     * Sixteen trials of 40 epochs (about a second each): the Ctrl-C lands after the first has finished, and the
     * fifteen left take far longer than the signal takes to arrive. With six trials of 3 epochs (0.1 s each once
     * warm) the whole search could finish first.
     */
    private static final String LEARNING_RATES = String.join(",", IntStream.rangeClosed(1, 16)
            .mapToObj(i -> i + "e-3").toList());

    /** True if this JVM was started with SIGINT ignored (Linux's {@code SigIgn} mask), which its children inherit. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << 1)) != 0; // bit n-1 is signal n; SIGINT is 2
            }
        }
        return false;
    }

    @Test
    void ctrlCLeavesTheFinishedTrialsAndTheirResults(@TempDir Path dir) throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (the build runs as a background job of a "
                + "non-interactive shell), and the driver inherits that, so it cannot be Ctrl-C'd; skipped");
        Path out = dir.resolve("search");
        List<String> cmd = new ArrayList<>(List.of(TestCluster.java(), "-Xmx512m", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")),
                "org.backprop4j.cli.Main", "tune", "--num-train",
                "500", "--epochs", "40", "--batch-size", "50", "--hidden", "32", "--lr", LEARNING_RATES,
                "--reg", "1e-4", "--spark", "local[1]", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err").toFile()).start();
        try {
            int printed = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("trial ") && printed++ == 0) {
                        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                    }
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the driver ended after Ctrl-C");
            assertTrue(p.exitValue() != 0, "interrupted, not finished");
            JsonNode trials = Json.mapper().readTree(out.resolve("results.json").toFile()).get("trials");
            assertTrue(trials.size() >= 1 && trials.size() < 16, "the trials that ended: " + trials);
            for (JsonNode t : trials) {
                Path folder = out.resolve(String.format(Locale.ROOT, "trial-%03d", t.get("trial").asInt()));
                assertEquals(folder.toString(), t.get("folder").asText());
                assertTrue(Files.exists(folder.resolve("best.ckpt")) && Files.exists(folder.resolve("curves.png")),
                        "a finished trial's folder is complete: " + folder);
                assertEquals("finished",
                        Json.mapper().readTree(folder.resolve("run.json").toFile()).get("status").asText());
            }
            assertTrue(Files.notExists(out.resolve("best.ckpt")), "no best model is claimed for a cut search");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
