package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.bench.ConvReport.LayerFigures;
import org.backprop4j.cli.bench.ConvReport.Timed;
import org.junit.jupiter.api.Test;

/** The {@code bench --conv} table printed from fixed figures: its cells, the NumPy columns, the notes. */
class ConvTablesTest {

    private static final ConvWorkload.Spec SPEC = new ConvWorkload.Spec(List.of(100, 3, 31, 31), List.of(25, 3, 3, 3),
            List.of(100, 25, 16, 16), 2, 1, List.of(100, 3, 32, 32), List.of(100, 3, 16, 16), 2, 2, 2, 231);
    private static final BenchReport.Settings FAST = new BenchReport.Settings(10, 1, 20, 2, 4, 120, 30, 231, 2);
    private static final BenchReport.Settings NAIVE = new BenchReport.Settings(2, 0.5, 3, 2, 4, 0, 0, 231, 2);

    /** naive 2959 ms over 3 runs, fast {@code fastMs} over 20, NumPy {@code numpyMs} over 20 (budget-cut if 7). */
    private static LayerFigures layer(ConvOp op, double fastMs, double numpyMs, Map<String, Double> diffs) {
        Timed numpy = new Timed(numpyMs, numpyMs, numpyMs == 7 ? 7 : 20, numpyMs == 7, 1);
        return new LayerFigures(op.naive(), op.fast(), op.numpy(), new Timed(2959, 2900, 3, false, 1),
                new Timed(fastMs, fastMs, 20, false, 1), numpy, 2959 / fastMs, fastMs / numpyMs, diffs);
    }

    private static ConvReport report(boolean numpy) {
        Map<String, LayerFigures> layers = new LinkedHashMap<>();
        layers.put("conv_forward", layer(ConvOp.CONV_FORWARD, 10.27, 20.54, Map.of("out", 4.926e-11)));
        Map<String, Double> grads = new LinkedHashMap<>();
        grads.put("dx", 1.9e-11);
        grads.put("dw", 4.1e-13);
        grads.put("db", 0.0);
        layers.put("conv_backward", layer(ConvOp.CONV_BACKWARD, 14, 7, grads));
        Map<String, Map<String, Map<String, LayerFigures>>> results = new LinkedHashMap<>();
        results.put("pure", Map.of("float64", layers));
        BenchReport.Numpy np = numpy
                ? new BenchReport.Numpy(true, null, "3.11.7", "2.4.6", "openblas 0.3", 2, null)
                : BenchReport.Numpy.absent("--no-numpy was given");
        return new ConvReport("conv", SPEC, BenchReport.Jdk.current(), CpuInfo.current(), 2, FAST, NAIVE, np, results,
                Map.of());
    }

    private static List<String> print(ConvReport r) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        ConvTables.print(r, out);
        out.flush();
        return s.toString().lines().toList();
    }

    @Test
    void rowsShowMediansWithRunsSpeedUpsRatiosAndDifferences() {
        List<String> lines = print(report(true));
        assertTrue(lines.contains("  conv: x (100, 3, 31, 31), w (25, 3, 3, 3), b (25,), conv_param stride 2, pad 1; "
                + "dout (100, 25, 16, 16)"), String.join("\n", lines));
        String forward = lines.stream().filter(l -> l.startsWith("pure     float64  conv_forward ")).findFirst()
                .orElseThrow();
        assertEquals(List.of("pure", "float64", "conv_forward", "2959", "(3)", "10.3", "(20)", "288×", "20.5", "(20)",
                "0.50×", "out", "4.9e-11"), List.of(forward.trim().split("\\s+")), forward);
        String backward = lines.stream().filter(l -> l.startsWith("pure     float64  conv_backward ")).findFirst()
                .orElseThrow();
        assertTrue(backward.contains(" 7.00 (7)* ") && backward.endsWith("  dx 1.9e-11  dw 4.1e-13  db 0"), backward);
        assertTrue(lines.contains("speed target (pure's fast conv no slower than NumPy's strided one): float64 "
                + "conv_forward 0.50× met, float64 conv_backward 2.0×* not met"), String.join("\n", lines));
        assertTrue(lines.contains("* fewer runs than asked: the 2 s budget ran out (--budget): pure float64 "
                + "conv_backward."), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("naive after at least 2 untimed calls and 0.5 s, up to 3 "
                + "runs; fast and NumPy after at least 10 untimed calls and 1 s, up to 20 runs")),
                String.join("\n", lines));
    }

    @Test
    void withoutNumpyThereAreNoNumpyColumnsAndNoTarget() {
        ConvReport r = report(false);
        List<String> lines = print(r);
        assertNull(ConvTables.target(r));
        assertTrue(lines.contains("× NumPy: not measured: --no-numpy was given."), String.join("\n", lines));
        String forward = lines.stream().filter(l -> l.startsWith("pure     float64  conv_forward ")).findFirst()
                .orElseThrow();
        assertEquals(List.of("pure", "float64", "conv_forward", "2959", "(3)", "10.3", "(20)", "288×", "out",
                "4.9e-11"), List.of(forward.trim().split("\\s+")), forward);
        assertTrue(lines.stream().noneMatch(l -> l.contains("NumPy ms") || l.contains("speed target")),
                String.join("\n", lines));
    }

    @Test
    void cellsFormatMediansRunsSpeedUpsAndDifferencesAsTheTableShowsThem() {
        assertEquals("12.3 (20)", ConvTables.time(new Timed(12.3, 11.0, 20, false, 1)));
        assertEquals("2959 (3)*", ConvTables.time(new Timed(2959.4, 2900, 3, true, 1)));
        assertEquals("288×", ConvTables.speedup(288.2));
        assertEquals("0.98×", ConvTables.speedup(0.98));
        assertEquals("4.9e-11", ConvTables.difference(4.926407851494105e-11));
        assertEquals("0", ConvTables.difference(0));
        Map<String, Double> grads = new LinkedHashMap<>();
        grads.put("dx", 1.94e-11);
        grads.put("dw", 4.1e-13);
        grads.put("db", 0.0);
        assertEquals("dx 1.9e-11  dw 4.1e-13  db 0", ConvTables.differences(grads));
    }

    @Test
    void theJsonHoldsTheVerdictsThatTheTargetLinePrints() throws Exception {
        JsonNode checks = Json.mapper().readTree(BenchJson.write(report(true))).path("speed_target");
        assertEquals(2, checks.size(), checks.toString());
        assertEquals("float64", checks.get(0).path("dtype").asText());
        assertEquals("conv_forward", checks.get(0).path("layer").asText());
        assertEquals(0.5, checks.get(0).path("fast_vs_numpy").asDouble(), 1e-12);
        assertTrue(checks.get(0).path("met").asBoolean(false));
        assertFalse(checks.get(0).path("budget_limited").asBoolean(true));
        assertEquals("conv_backward", checks.get(1).path("layer").asText());
        assertFalse(checks.get(1).path("met").asBoolean(true), "2.0x NumPy's time");
        assertTrue(checks.get(1).path("budget_limited").asBoolean(false));
        assertTrue(Json.mapper().readTree(BenchJson.write(report(false))).path("speed_target").isMissingNode(),
                "no verdict without NumPy");
    }
}
