package org.backprop4j.cli.bench;

import static org.backprop4j.cli.bench.BenchCommandTest.bench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.backprop4j.cli.bench.BenchCommandTest.Result;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.junit.jupiter.api.Test;

/** {@code bench --conv} on the tiny workload: options, the JSON report, the table's columns, and mistakes. */
class ConvBenchCommandTest {

    private static final String[] TINY = {"--conv", "--conv-workload", "tiny", "--reps", "3", "--naive-reps", "2",
            "--warmup", "0", "--budget", "0.25", "--settle", "0", "--no-numpy"};
    private static final List<String> LAYERS = List.of("conv_forward", "conv_backward", "max_pool_forward",
            "max_pool_backward");

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(TINY));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    @Test
    void jsonHasEveryLayerOfEveryCellWithTheRunsAskedForAndTheNotebooksDifferences() throws Exception {
        Result r = bench(with("--backend", "pure,naive", "--json"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals("conv", root.path("mode").asText());
        JsonNode w = root.path("workload");
        assertEquals("[2,3,7,7]", w.path("x").toString());
        assertEquals("[4,3,3,3]", w.path("w").toString());
        assertEquals("[2,4,4,4]", w.path("dout").toString(), "1 + (7 + 2*1 - 3) / 2 = 4");
        assertEquals("[2,3,2,3]", w.path("pool_dout").toString());
        assertEquals(231, w.path("seed").asLong(), "the notebook's seed by default");
        assertEquals(2, root.path("naive").path("reps").asInt());
        assertEquals(3, root.path("settings").path("reps").asInt());
        assertFalse(root.path("numpy").path("available").asBoolean(true));

        JsonNode results = root.path("results");
        assertEquals(List.of("pure", "naive"), names(results), "in the order asked for");
        for (String backend : List.of("pure", "naive")) {
            assertEquals(List.of("float64", "float32"), names(results.path(backend)));
            for (String dtype : List.of("float64", "float32")) {
                JsonNode cell = results.path(backend).path(dtype);
                assertEquals(LAYERS, names(cell));
                for (String layer : LAYERS) {
                    JsonNode f = cell.path(layer);
                    String where = backend + " " + dtype + " " + layer + ": " + f;
                    assertEquals(layer + "_naive", f.path("naive_op").asText(), where);
                    assertEquals(layer + "_fast", f.path("fast_op").asText(), where);
                    assertEquals(2, f.path("naive").path("reps").asInt(), where);
                    assertEquals(3, f.path("fast").path("reps").asInt(), where);
                    double naive = f.path("naive").path("ms_median").asDouble();
                    double fast = f.path("fast").path("ms_median").asDouble();
                    assertTrue(naive > 0 && fast > 0, where);
                    assertEquals(naive / fast, f.path("speedup").asDouble(), 1e-9 * naive / fast, where);
                    assertTrue(f.path("numpy").isMissingNode() && f.path("fast_vs_numpy").isMissingNode(), where);
                    List<String> expected = layer.equals("conv_backward")
                            ? List.of("dx", "dw", "db")
                            : layer.endsWith("backward") ? List.of("dx") : List.of("out");
                    assertEquals(expected, names(f.path("differences")), where);
                    // Naive loops and fast path add the same products in other orders: they differ by rounding
                    // (the notebook prints 4.9e-11 in float64); a wrong result is off by about 1.
                    double bound = dtype.equals("float64") ? 1e-9 : 1e-2;
                    f.path("differences").forEach(d -> assertTrue(d.asDouble() >= 0 && d.asDouble() < bound, where));
                }
            }
        }
    }

    @Test
    void tableHasTheNotebooksColumnsAndOneRowPerBackendDtypeAndLayer() {
        Result r = bench(with("--backend", "pure", "--dtype", "float64"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("backend")).findFirst().orElseThrow();
        List<String> columns = List.of("dtype", "layer", "naive ms", "fast ms", "speed-up", "difference");
        int at = 0;
        for (String column : columns) {
            int i = header.indexOf(column, at);
            assertTrue(i > at, "column " + column + " after the previous one: " + header);
            at = i;
        }
        assertFalse(header.contains("NumPy"), "no NumPy columns with --no-numpy: " + header);
        assertTrue(lines.contains(BenchTables.numpyAbsent("--no-numpy was given")), r.out());
        assertTrue(r.out().contains("x (2, 3, 7, 7), w (4, 3, 3, 3), b (4,), conv_param stride 2, pad 1"), r.out());
        assertTrue(r.out().contains("up to 2 runs") && r.out().contains("up to 3 runs"), "the run counts: " + r.out());
        for (String layer : LAYERS) {
            List<String> rows = lines.stream().filter(l -> l.startsWith("pure     float64  " + layer + " ")).toList();
            assertEquals(1, rows.size(), layer + ": " + r.out());
            String row = rows.get(0);
            assertTrue(row.matches(".* \\(2\\) +\\S+ \\(3\\) +\\S+× .*"), "naive (2 runs), fast (3 runs), speed-up: "
                    + row);
            assertTrue(row.contains(layer.equals("conv_backward")
                    ? "  dx "
                    : layer.endsWith("backward")
                            ? "  dx "
                            : "  out "),
                    row);
        }
        assertTrue(r.out().contains("  dx ") && r.out().contains("  dw ") && r.out().contains("  db "), r.out());
    }

    @Test
    void withoutPythonTheNumpyColumnsSayWhyAndJavaIsStillMeasured() throws Exception {
        String missing = "/nonexistent/bin/python3";
        List<String> args = new ArrayList<>(Arrays.asList(TINY));
        args.remove("--no-numpy");
        args.addAll(List.of("--backend", "naive", "--dtype", "float32", "--python", missing));
        Result r = bench(args.toArray(new String[0]));
        assertEquals(ExitCode.OK, r.code(), r.err());
        List<String> numpyLines = r.out().lines().filter(l -> l.contains("NumPy")).toList();
        assertEquals(1, numpyLines.size(), r.out());
        assertTrue(numpyLines.get(0).startsWith("× NumPy: not measured: cannot run " + missing + " ("), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("naive    float32  conv_forward ")), r.out());
    }

    @Test
    void seedOptionReplacesTheNotebooksSeed() throws Exception {
        Result r = bench(with("--backend", "naive", "--dtype", "float64", "--seed", "5", "--json"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(5, Json.mapper().readTree(r.out()).path("workload").path("seed").asLong());
    }

    @Test
    void stepOptionsWithConvAndConvOptionsWithoutItExitTwoWithOneSentence() {
        for (String[] extra : List.of(new String[] {"--fc", "10"}, new String[] {"--n", "3"},
                new String[] {"--train"}, new String[] {"--peak"})) {
            Result r = bench(with(extra));
            assertEquals(ExitCode.USAGE, r.code(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.errLines().get(0).contains(extra[0]) && r.errLines().get(0).contains("--conv"), r.err());
            assertTrue(r.out().isEmpty(), "nothing measured: " + r.out());
        }
        Result alone = bench("--naive-reps", "2", "--backend", "naive");
        assertEquals(ExitCode.USAGE, alone.code(), alone.err());
        assertEquals(List.of("error: --naive-reps only applies to --conv."), alone.errLines());

        Result zero = bench("--conv", "--conv-workload", "tiny", "--no-numpy", "--naive-reps", "0");
        assertEquals(ExitCode.USAGE, zero.code());
        assertTrue(zero.errLines().get(0).contains("--naive-reps must be at least 1, got 0"), zero.err());

        Result unknown = bench("--conv", "--conv-workload", "huge", "--no-numpy");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertTrue(unknown.errLines().get(0).contains("'huge'") && unknown.errLines().get(0).contains("notebook"),
                unknown.err());

        Result backend = bench(with("--backend", "nosuch"));
        assertEquals(ExitCode.USAGE, backend.code());
        assertTrue(backend.errLines().get(0).contains("nosuch"), backend.err());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
