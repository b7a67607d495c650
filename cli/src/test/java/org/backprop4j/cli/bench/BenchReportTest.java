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

import org.backprop4j.cli.bench.BenchmarkRunner.Timing;
import org.backprop4j.cli.common.Json;
import org.backprop4j.matrix.DType;
import org.junit.jupiter.api.Test;

/**
 * The ratio, fraction-of-peak and pooling logic of the report and how the tables and the JSON show
 * them, on timings made up by hand (no speed is measured).
 */
class BenchReportTest {

    private static final List<StepProduct> PRODUCTS = StepProduct.twoLayerNet(200, 3072, 100, 10);

    /** A timing whose samples are the given milliseconds. */
    private static Timing ms(double... millis) {
        double[] ns = new double[millis.length];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = millis[i] * 1e6;
        }
        return new Timing(ns, millis.length, 0, 1);
    }

    /** Every product and both iterations at {@code productMs} and {@code iterationMs}. */
    private static StepBench.Side side(Timing product, Timing iteration, Timing fc) {
        Map<StepProduct, Timing> products = new LinkedHashMap<>();
        PRODUCTS.forEach(p -> products.put(p, product));
        return new StepBench.Side(products, iteration, fc);
    }

    private static final BenchReport.Peak PEAK64 = new BenchReport.Peak("float64", "Species[double, 8, S_512_BIT]", 120,
            240, 2);

    private static BenchReport report(List<StepBench.Cell> cells, boolean numpy, List<BenchReport.Peak> peaks) {
        List<Integer> fc = List.of(100, 100);
        BenchReport.Numpy np = numpy
                ? new BenchReport.Numpy(true, null, "3.11.7", "2.4.6", "scipy-openblas 0.3.31", 2,
                        BenchReport.pooledNumpy(cells, fc, peaks))
                : BenchReport.Numpy.absent("cannot run /nonexistent/python3 (error=2, No such file or directory)");
        return new BenchReport(new BenchReport.Shapes(200, 3072, 100, 10, fc), BenchReport.Jdk.current(),
                new CpuInfo("AMD EPYC", "26", "2", 2), 2, new BenchReport.Settings(10, 1.0, 20, 2, 4, 120, 30, 0, 2),
                PRODUCTS.stream().map(BenchReport.Product::of).toList(), np, BenchReport.results(cells, fc, peaks),
                Map.of(), peaks, null);
    }

    private static String table(BenchReport r) {
        StringWriter s = new StringWriter();
        BenchTables.print(r, new PrintWriter(s, true));
        return s.toString();
    }

    @Test
    void theRatioIsJavasMedianTimeOverNumpysInTheSameCell() {
        // Java: products 4 ms (median of 3, 4, 100), iteration 10 ms; NumPy: 2 ms and 8 ms
        StepBench.Cell cell = new StepBench.Cell("pure", DType.FLOAT64, side(ms(3, 4, 100), ms(10), ms(6)),
                side(ms(2), ms(8), ms(12)));
        BenchReport r = report(List.of(cell), true, List.of(PEAK64));
        BenchReport.CellFigures f = r.results().get("pure").get("float64");
        assertEquals(2.0, f.products().get("x_w1").vsNumpy(), 1e-15);
        assertEquals(1.25, f.iteration().vsNumpy(), 1e-15);
        assertEquals(0.5, f.fcIteration().vsNumpy(), 1e-15);
        assertEquals(2.0, f.numpy().products().get("x_w1").msMedian(), 1e-15);
        assertNull(f.numpy().products().get("x_w1").vsNumpy(), "NumPy is not compared with itself");

        // X·W1 is 122.88 MFLOP: in 4 ms that is 30.72 GFLOP/s, 12.8 % of a 240 GFLOP/s peak
        assertEquals(30.72, f.products().get("x_w1").gflopsMedian(), 1e-9);
        assertEquals(0.128, f.products().get("x_w1").peakFraction(), 1e-12);

        String t = table(r);
        assertTrue(t.contains("30.7 (2.0×)"), t);
        assertTrue(t.contains("10.0 (1.3×)"), t);
        assertTrue(t.contains("6.00 (167) (0.50×)"), "fc: ms, it/s, ratio: " + t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("pure     float64") && l.contains(" 13% ")),
                "13 % of peak: " + t);
        assertTrue(t.contains("CPU: AMD EPYC (family 26, model 2), 2 cores"), t);
        assertTrue(t.contains("NumPy 2.4.6 (scipy-openblas 0.3.31), Python 3.11.7"), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("numpy    float64") && l.contains("61.4")),
                "NumPy's own row: " + t);
    }

    @Test
    void aPeakBelowWhatAProductReachedIsFlagged() {
        StepBench.Cell cell = new StepBench.Cell("pure", DType.FLOAT64, side(ms(4), ms(10), null),
                side(ms(2), ms(8), null));
        BenchReport.Peak tooLow = new BenchReport.Peak("float64", "Species[double, 8, S_512_BIT]", 20, 40, 2);
        String t = table(report(List.of(cell), true, List.of(tooLow)));
        assertTrue(t.contains("the float64 peak is below what a product reached"), "NumPy's 61 GFLOP/s beat 40: " + t);
        assertFalse(table(report(List.of(cell), true, List.of(PEAK64))).contains("peak is below"));
    }

    @Test
    void numpysRowPoolsItsSamplesOverTheCellsOfADtype() {
        StepBench.Cell a = new StepBench.Cell("pure", DType.FLOAT64, side(ms(4), ms(10), null),
                side(ms(1, 2), ms(8), null));
        StepBench.Cell b = new StepBench.Cell("ejml", DType.FLOAT64, side(ms(4), ms(10), null),
                side(ms(3, 9, 9), ms(8), null));
        BenchReport.SideFigures pooled = report(List.of(a, b), true, null).numpy().results().get("float64");
        assertEquals(3.0, pooled.products().get("h_w2").msMedian(), 1e-12, "median of 1, 2, 3, 9, 9");
        assertEquals(5, pooled.products().get("h_w2").reps());
    }

    @Test
    void withoutNumpyTheColumnSaysSoInOneLine() throws Exception {
        StepBench.Cell cell = new StepBench.Cell("pure", DType.FLOAT64, side(ms(4), ms(10), ms(6)), null);
        BenchReport r = report(List.of(cell), false, null);
        String t = table(r);
        List<String> lines = t.lines().filter(l -> l.contains("NumPy")).toList();
        assertEquals(
                List.of("× NumPy: not measured: cannot run /nonexistent/python3 (error=2, No such file or directory)."),
                lines, t);
        assertFalse(t.contains("×)"), "no ratios: " + t);

        JsonNode json = Json.mapper().readTree(BenchJson.write(r));
        assertFalse(json.path("numpy").path("available").asBoolean(true));
        assertTrue(json.path("numpy").path("reason").asText().contains("/nonexistent/python3"));
        assertTrue(json.path("results").path("pure").path("float64").path("products").path("x_w1").path("vs_numpy")
                .isMissingNode());
    }

    @Test
    void jsonUsesSnakeCaseAndKeepsTheShapesKeys() throws Exception {
        StepBench.Cell cell = new StepBench.Cell("pure", DType.FLOAT64, side(ms(4), ms(10), ms(6)),
                side(ms(2), ms(8), ms(12)));
        JsonNode json = Json.mapper().readTree(BenchJson.write(report(List.of(cell), true, List.of(PEAK64))));
        assertEquals(200, json.path("shapes").path("N").asInt());
        assertEquals("[100,100]", json.path("shapes").path("fc_hidden").toString());
        JsonNode xw1 = json.path("results").path("pure").path("float64").path("products").path("x_w1");
        assertEquals(2.0, xw1.path("vs_numpy").asDouble(), 1e-15);
        assertEquals(0.128, xw1.path("peak_fraction").asDouble(), 1e-12);
        assertEquals(4.0, xw1.path("ms_median").asDouble(), 1e-12);
        assertEquals(240, json.path("peak").get(0).path("all_cores_gflops").asDouble());
        assertEquals("26", json.path("cpu").path("family").asText());
        assertEquals(2, json.path("numpy").path("threads").asInt());
        JsonNode fc = json.path("results").path("pure").path("float64").path("fc_iteration");
        assertEquals("[100,100]", fc.path("hidden_dims").toString());
        assertEquals(1000 / 6.0, fc.path("iterations_per_second").asDouble(), 1e-9);
    }

    @Test
    void numbersRatiosAndPercentages() {
        assertEquals("0.73×", BenchTables.ratio(0.7312));
        assertEquals("4.0×", BenchTables.ratio(4.0));
        assertEquals("12×", BenchTables.ratio(12.4));
        assertEquals("?×", BenchTables.ratio(Double.NaN));
        assertEquals("78%", BenchTables.percent(0.7812));
        assertEquals("5.3%", BenchTables.percent(0.0531));
        assertEquals("?", BenchTables.percent(null));
        assertEquals("1234", BenchTables.number(1234.4));
        assertEquals("12.3", BenchTables.number(12.34));
        assertEquals("1.00e-04", BenchTables.number(1e-4));
    }

    @Test
    void theJvmLineNamesTheCollectorAndTheOptionsThatSizeTheHeap() {
        assertEquals(List.of("-Xmn600m", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch", "-XX:NewSize=64m"),
                BenchReport.Jdk.heapOptions(List.of("--add-modules=jdk.incubator.vector", "-Xmn600m", "-Xmx4g",
                        "-XX:+UseParallelGC", "-XX:SharedArchiveFile=a.jsa", "-XX:+AlwaysPreTouch", "-Xlog:disable",
                        "-XX:NewSize=64m", "-Dbackprop4j.backend=pure")));
        BenchReport.Jdk jdk = new BenchReport.Jdk("17.0.15+6", "Debian", "OpenJDK 64-Bit Server VM",
                "G1 Young Generation, G1 Old Generation", List.of("-Xmn600m"));
        assertEquals("Java 17.0.15+6 (OpenJDK 64-Bit Server VM, Debian), GC: G1 Young Generation, G1 Old Generation, "
                + "-Xmn600m", jdk.describe());
        assertEquals("Java 17 (vm, v)", new BenchReport.Jdk("17", "v", "vm", "", List.of()).describe());
    }
}
