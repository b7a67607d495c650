package org.backprop4j.cli.tune;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tune} writes, held to an independent reference: every trial's folder is the folder
 * {@code train} writes for the trial's settings (seed {@code --seed + index}), file for file, byte for byte but
 * the training time; the results rank the trials that finished by validation accuracy, then by index, with the
 * diverged ones last; best.ckpt is the top trial's.
 */
class TuneTrialsAreTrainRunsTest {

    private static final String[] COMMON = {"--num-train", "100", "--epochs", "2", "--batch-size", "50", "--update",
            "sgd_momentum"};
    /** The grid's order: hidden, then lr, then reg. */
    private static final String[][] GRID = {{"1e-2", "1e-4"}, {"1e-2", "1e-3"}, {"1000", "1e-4"}, {"1000", "1e-3"},
            {"0.2", "1e-4"}, {"0.2", "1e-3"}};

    @Test
    void everyTrialIsTheTrainRunOfItsSettings(@TempDir Path dir) throws Exception {
        Path search = dir.resolve("search");
        List<String> args = new ArrayList<>(List.of("tune", "--hidden", "12", "--lr", "1e-2,1000,0.2", "--reg",
                "1e-4,1e-3", "--jobs", "2", "--seed", "7", "--out", search.toString()));
        args.addAll(List.of(COMMON));
        CliRun.Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code(), r.both());

        List<double[]> expected = new ArrayList<>(); // index, ok, best val acc
        for (int i = 0; i < GRID.length; i++) {
            Path folder = dir.resolve("train-" + i);
            List<String> train = new ArrayList<>(List.of("train", "--quiet", "--hidden", "12", "--lr", GRID[i][0],
                    "--reg", GRID[i][1], "--seed", Integer.toString(7 + i), "--out", folder.toString()));
            train.addAll(List.of(COMMON));
            CliRun.Result t = run(train.toArray(String[]::new));
            boolean ok = t.code() == ExitCode.OK;
            assertTrue(ok || t.err().contains("diverged"), t.both());
            assertSameFolder(folder, search.resolve(String.format(Locale.ROOT, "trial-%03d", i)));
            expected.add(new double[] {i, ok ? 1 : 0, json(folder.resolve("run.json")).get("best_val_acc").asDouble()});
        }
        expected.sort(Comparator.comparingDouble((double[] e) -> -e[1]).thenComparingDouble(e -> -e[2])
                .thenComparingDouble(e -> e[0]));

        JsonNode rows = json(search.resolve("results.json")).get("trials");
        assertEquals(GRID.length, rows.size());
        for (int k = 0; k < rows.size(); k++) {
            double[] e = expected.get(k);
            JsonNode row = rows.get(k);
            assertEquals((int) e[0], row.get("trial").asInt(), "rank " + k + ": " + rows);
            assertEquals(e[1] == 1 ? "ok" : "diverged", row.get("status").asText(), rows.toString());
            assertEquals(Double.parseDouble(GRID[(int) e[0]][0]), row.get("lr").asDouble(), 0.0);
            assertEquals(Double.parseDouble(GRID[(int) e[0]][1]), row.get("reg").asDouble(), 0.0);
            assertEquals(search.resolve(String.format(Locale.ROOT, "trial-%03d", (int) e[0])).toString(),
                    row.get("folder").asText());
        }
        int best = (int) expected.get(0)[0];
        Path bestFolder = search.resolve(String.format(Locale.ROOT, "trial-%03d", best));
        assertArrayEquals(Files.readAllBytes(bestFolder.resolve("best.ckpt")),
                Files.readAllBytes(search.resolve("best.ckpt")));
        assertArrayEquals(Files.readAllBytes(bestFolder.resolve("run.json")),
                Files.readAllBytes(search.resolve("run.json")));
        assertTrue(r.out().contains(String.format(Locale.ROOT, "best: trial %d (", best)), r.out());
        // the table lists the trials in rank order
        List<String> table = r.out().lines().dropWhile(l -> !l.startsWith(" rank")).skip(1)
                .takeWhile(l -> !l.isBlank()).toList();
        for (int k = 0; k < table.size(); k++) {
            assertEquals((int) expected.get(k)[0], Integer.parseInt(table.get(k).strip().split("\\s+")[1]),
                    table.toString());
        }
    }

    /** The same files with the same bytes, but for the training time in run.json. */
    static void assertSameFolder(Path expected, Path actual) throws IOException {
        assertEquals(names(expected), names(actual), actual.toString());
        for (String name : names(expected)) {
            byte[] a = Files.readAllBytes(expected.resolve(name));
            byte[] b = Files.readAllBytes(actual.resolve(name));
            if (name.equals("run.json")) {
                a = withoutTime(a);
                b = withoutTime(b);
            }
            assertArrayEquals(a, b, actual.resolve(name).toString());
        }
    }

    private static byte[] withoutTime(byte[] json) throws IOException {
        ObjectNode n = (ObjectNode) Json.mapper().readTree(json);
        n.remove("train_seconds");
        return Json.write(n).getBytes();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
