package org.backprop4j.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.backprop4j.cli.bench.BenchmarkRunner.Timing;
import org.backprop4j.cli.bench.StepBench.Cell;
import org.backprop4j.cli.bench.StepBench.Side;
import org.backprop4j.cli.bench.peak.FmaPeak;
import org.backprop4j.matrix.DType;

/**
 * Everything one {@code bench} run measured, as records: {@code --json} writes them with Jackson
 * (snake-case names), and {@link BenchTables} prints the same figures as tables. Ratios to NumPy are
 * Java's median time divided by NumPy's median time in the same cell (below 1: Java is faster);
 * fractions of peak are a product's median GFLOP/s over the all-cores FMA peak of its dtype.
 *
 * @param shapes      the step's shapes
 * @param jdk         the JVM
 * @param cpu         the processor
 * @param cores       cores the JVM may use
 * @param settings    the stopwatch's settings and the seed
 * @param products    the products, in the order of the step
 * @param numpy       the NumPy side: versions and pooled figures per dtype, or why it was not measured
 * @param results     backend → dtype → figures
 * @param unavailable backends (or backend dtypes) not measured, with the reason
 * @param peak        the FMA peak per dtype ({@code --peak}), or null
 * @param train       the {@code train} comparison ({@code --train}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(Shapes shapes, Jdk jdk, CpuInfo cpu, int cores, Settings settings, List<Product> products,
        Numpy numpy, Map<String, Map<String, CellFigures>> results, Map<String, String> unavailable,
        List<Peak> peak, TrainComparison.Report train) {

    /** N, D, H, C (and the fc layers when measured). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shapes(@JsonProperty("N") int n, @JsonProperty("D") int d, @JsonProperty("H") int h,
            @JsonProperty("C") int c, List<Integer> fcHidden) {
    }

    /**
     * The JVM's version, vendor and name, its collector and the options that size its heap (the launcher fixes the
     * young generation for {@code bench}; a cell's time can depend on it).
     */
    record Jdk(String version, String vendor, String vm, String gc, List<String> heapOptions) {

        static Jdk current() {
            String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
            return new Jdk(Runtime.version().toString(), System.getProperty("java.vendor"),
                    System.getProperty("java.vm.name"), gc,
                    heapOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        }

        /** The options among {@code jvmArguments} that size the heap or choose the collector. */
        static List<String> heapOptions(List<String> jvmArguments) {
            return jvmArguments.stream().filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:NewSize")
                    || a.startsWith("-XX:MaxNewSize") || a.matches("-XX:[+-]Use\\w*GC")
                    || a.equals("-XX:+AlwaysPreTouch"))
                    .toList();
        }

        /** E.g. {@code Java 17.0.15+6 (OpenJDK 64-Bit Server VM, Debian), GC: G1 Young Generation, ..., -Xmn600m}. */
        String describe() {
            String memory = (gc == null || gc.isEmpty() ? "" : ", GC: " + gc)
                    + (heapOptions == null || heapOptions.isEmpty() ? "" : ", " + String.join(" ", heapOptions));
            return "Java " + version + " (" + vm + ", " + vendor + ")" + memory;
        }
    }

    /** The stopwatch's settings (turns of {@code block} samples, {@code settleMs} apart), the seed and the threads per side. */
    record Settings(int warmup, double warmupSeconds, int reps, double budgetSeconds, int block, double settleMs,
            double turnWarmupMs, long seed, int threads) {

        static Settings of(BenchmarkRunner.Settings s, double budgetSeconds, long seed, int threads) {
            return new Settings(s.warmup(), s.warmupTime().toNanos() / 1e9, s.reps(), budgetSeconds, s.block(),
                    s.settle().toNanos() / 1e6, s.turnWarmup().toNanos() / 1e6, seed, threads);
        }
    }

    /** One product of the step. */
    record Product(String id, String label, String role, String shapes, List<Integer> a, boolean transA,
            List<Integer> b, boolean transB, int m, int n, int k, long flops) {

        static Product of(StepProduct p) {
            return new Product(p.id(), p.label(), p.role(), p.shapes(), List.of(p.aRows(), p.aCols()), p.transA(),
                    List.of(p.bRows(), p.bCols()), p.transB(), p.m(), p.n(), p.k(), p.flops());
        }
    }

    /**
     * The NumPy side.
     *
     * @param available whether it was measured
     * @param reason    why not, or null
     * @param python    Python's version
     * @param version   NumPy's version
     * @param blas      the BLAS NumPy was built with
     * @param threads   the BLAS threads it was given
     * @param results   dtype → NumPy's figures, pooled over every cell of that dtype
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Numpy(boolean available, String reason, String python, String version, String blas, Integer threads,
            Map<String, SideFigures> results) {

        static Numpy absent(String reason) {
            return new Numpy(false, reason, null, null, null, null, null);
        }
    }

    /**
     * The figures of one timing.
     *
     * @param msMedian            median duration of one operation, ms
     * @param msMin               fastest, ms
     * @param reps                timed samples
     * @param budgetLimited       whether the time budget cut the samples short
     * @param opsPerSample        operations per sample
     * @param gflopsMedian        GFLOP/s at the median (products only)
     * @param gflopsBest          GFLOP/s at the fastest sample (products only)
     * @param hiddenDims          the fc layers (fc iteration only)
     * @param iterationsPerSecond 1000 / msMedian (fc iteration only)
     * @param vsNumpy             Java's median time over NumPy's in the same cell, or null
     * @param peakFraction        gflopsMedian over the all-cores FMA peak of the dtype, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Figures(double msMedian, double msMin, int reps, boolean budgetLimited, int opsPerSample,
            Double gflopsMedian,
            Double gflopsBest, List<Integer> hiddenDims, Double iterationsPerSecond, Double vsNumpy,
            Double peakFraction) {
    }

    /** One side's figures: products by id, the two-layer iteration, the fc iteration (or null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SideFigures(Map<String, Figures> products, Figures iteration, Figures fcIteration) {
    }

    /** A backend's figures in one dtype, with NumPy's from the same cell (or null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CellFigures(Map<String, Figures> products, Figures iteration, Figures fcIteration, SideFigures numpy) {
    }

    /** The FMA peak of one dtype, GFLOP/s. */
    record Peak(String dtype, String species, double oneThreadGflops, double allCoresGflops, int threads) {

        static Peak of(FmaPeak.Figure f) {
            return new Peak(f.dtype().numpyName(), f.species(), f.oneThread(), f.allCores(), f.threads());
        }
    }

    /** The ratio of two median times: {@code java / numpy}. */
    static double ratio(Timing java, Timing numpy) {
        return java.medianNanos() / numpy.medianNanos();
    }

    /** Builds the figures of every cell; {@code numpyInfo} and {@code peaks} as measured (null: not). */
    static Map<String, Map<String, CellFigures>> results(List<Cell> cells, List<Integer> fcHidden, List<Peak> peaks) {
        Map<String, Map<String, CellFigures>> results = new LinkedHashMap<>();
        for (Cell cell : cells) {
            Double peak = peakOf(peaks, cell.dtype());
            SideFigures java = side(cell.java(), cell.numpy(), fcHidden, peak);
            SideFigures numpy = cell.numpy() == null ? null : side(cell.numpy(), null, fcHidden, peak);
            results.computeIfAbsent(cell.backend(), k -> new LinkedHashMap<>()).put(cell.dtype().numpyName(),
                    new CellFigures(java.products(), java.iteration(), java.fcIteration(), numpy));
        }
        return results;
    }

    /** NumPy's figures per dtype, from all its samples in the cells of that dtype. */
    static Map<String, SideFigures> pooledNumpy(List<Cell> cells, List<Integer> fcHidden, List<Peak> peaks) {
        Map<DType, List<Side>> byDtype = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.numpy() != null) {
                byDtype.computeIfAbsent(cell.dtype(), k -> new ArrayList<>()).add(cell.numpy());
            }
        }
        Map<String, SideFigures> out = new LinkedHashMap<>();
        byDtype.forEach((dtype, sides) -> {
            Map<StepProduct, Timing> products = new LinkedHashMap<>();
            sides.get(0).products().keySet()
                    .forEach(p -> products.put(p, pool(sides.stream().map(s -> s.products().get(p)).toList())));
            Timing fc = sides.get(0).fcIteration() == null
                    ? null
                    : pool(sides.stream().map(Side::fcIteration).toList());
            Side pooled = new Side(products, pool(sides.stream().map(Side::iteration).toList()), fc);
            out.put(dtype.numpyName(), side(pooled, null, fcHidden, peakOf(peaks, dtype)));
        });
        return out;
    }

    private static Timing pool(List<Timing> timings) {
        List<Double> all = new ArrayList<>();
        int requested = 0;
        int warm = 0;
        for (Timing t : timings) {
            for (double v : t.nanosPerOp()) {
                all.add(v);
            }
            requested += t.requestedReps();
            warm += t.warmupSamples();
        }
        return new Timing(all.stream().mapToDouble(Double::doubleValue).toArray(), requested, warm,
                timings.get(0).opsPerSample());
    }

    private static Double peakOf(List<Peak> peaks, DType dtype) {
        if (peaks == null) {
            return null;
        }
        return peaks.stream().filter(p -> p.dtype().equals(dtype.numpyName())).map(Peak::allCoresGflops).findFirst()
                .orElse(null);
    }

    private static SideFigures side(Side s, Side numpy, List<Integer> fcHidden, Double peak) {
        Map<String, Figures> products = new LinkedHashMap<>();
        s.products().forEach((p, t) -> {
            double gflops = t.medianGflops(p.flops());
            products.put(p.id(), new Figures(t.medianMillis(), t.minMillis(), t.reps(), t.budgetLimited(),
                    t.opsPerSample(), gflops, t.bestGflops(p.flops()), null, null,
                    numpy == null ? null : ratio(t, numpy.products().get(p)), peak == null ? null : gflops / peak));
        });
        Figures it = plain(s.iteration(), numpy == null ? null : numpy.iteration(), null);
        Figures fc = s.fcIteration() == null
                ? null
                : plain(s.fcIteration(), numpy == null ? null : numpy.fcIteration(), fcHidden);
        return new SideFigures(products, it, fc);
    }

    private static Figures plain(Timing t, Timing numpy, List<Integer> hidden) {
        return new Figures(t.medianMillis(), t.minMillis(), t.reps(), t.budgetLimited(), t.opsPerSample(), null, null,
                hidden, hidden == null ? null : 1000 / t.medianMillis(), numpy == null ? null : ratio(t, numpy), null);
    }
}
