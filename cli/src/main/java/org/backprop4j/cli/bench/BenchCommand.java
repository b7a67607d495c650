package org.backprop4j.cli.bench;

import org.backprop4j.models.twolayer.StepProduct;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.Backends;
import org.backprop4j.backend.UnknownBackendException;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.matrix.DType;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j bench}: the teaching comparison of the backends. For every backend and dtype it
 * measures the GFLOP/s of each matrix product of a {@code TwoLayerNet} training step (with the transpose
 * flags the kernels use) and the milliseconds of one whole training iteration. The measuring lives in
 * {@link BenchmarkRunner}; this class only parses options and prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare the backends on the products of a TwoLayerNet training step (GFLOP/s, median of "
                + "repetitions after warm-up) and on whole training iterations (ms per loss + gradients + SGD step).",
                "Each cell stops after --budget seconds of timing (at least one repetition), so the textbook "
                        + "'naive' loops do fewer repetitions; the table marks such cells with *.",
                "For rigorous numbers use the JMH benchmarks: java -jar benchmarks/target/benchmarks.jar"})
public final class BenchCommand implements Callable<Integer> {

    /** The order in which the shipped backends are shown: slowest (the teaching baseline) first. */
    static final List<String> TEACHING_ORDER = List.of("naive", "pure", "ejml", "nd4j");

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", split = ",",
            description = "Backends to measure, comma-separated, or 'all' (default: all discovered, "
                    + "naive, pure, ejml, nd4j).")
    List<String> backends;

    @Option(names = "--dtype", paramLabel = "DTYPE", split = ",", defaultValue = "float64,float32",
            converter = DTypeConverter.class,
            description = "Dtypes to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    List<DType> dtypes;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200", description = "Batch size N (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--d", paramLabel = "D", defaultValue = "3072",
            description = "Input dimension D (default: ${DEFAULT-VALUE}, a CIFAR-10 image).")
    int d;

    @Option(names = "--h", paramLabel = "H", defaultValue = "100", description = "Hidden size H (default: ${DEFAULT-VALUE}).")
    int h;

    @Option(names = "--c", paramLabel = "C", defaultValue = "10", description = "Number of classes C (default: ${DEFAULT-VALUE}).")
    int c;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "10",
            description = "Untimed samples before timing each cell (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "20",
            description = "Timed samples per cell; the median and the best are reported (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "2",
            description = "Time budget per cell: warm-up and timing each stop after this many seconds, "
                    + "after at least one sample (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random operands, weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fc", paramLabel = "H1,H2,...", split = ",",
            description = "Also time a FullyConnectedNet iteration with these hidden layers, e.g. 100,100.")
    List<Integer> fc;

    @Option(names = "--json", description = "Print one JSON object instead of the tables.")
    boolean json;

    /** The registry to measure; the process-wide one unless a test gives another. */
    private final BackendRegistry registry;

    /** The command over the backends on the class path. */
    public BenchCommand() {
        this(null);
    }

    /** The command over the given registry ({@code null}: {@link Backends#registry()}). */
    BenchCommand(BackendRegistry registry) {
        this.registry = registry;
    }

    /** The measurements of one backend and dtype. */
    record Cell(String backend, DType dtype, Map<StepProduct, BenchmarkRunner.Timing> products,
                BenchmarkRunner.Timing iteration, BenchmarkRunner.Timing fcIteration) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkSizes();
        BenchmarkRunner runner;
        try {
            runner = new BenchmarkRunner(BenchmarkRunner.Settings.of(warmup, reps, budget));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        BackendRegistry registry = this.registry != null ? this.registry : Backends.registry();
        List<String> names = resolveBackends(registry);
        List<DType> types = new ArrayList<>(new LinkedHashSet<>(dtypes));
        List<StepProduct> products = StepProduct.twoLayerNet(n, d, h, c);

        List<Cell> cells = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (String name : names) {
            Backend backend;
            try {
                backend = registry.get(name);
            } catch (BackendUnavailableException e) {
                unavailable.put(name, reason(registry, name, e));
                continue;
            }
            for (DType dtype : types) {
                if (!backend.dtypes().contains(dtype)) {
                    unavailable.put(name + " " + dtype, "does not support " + dtype);
                    continue;
                }
                err.println("measuring " + name + " " + dtype + " ...");
                err.flush();
                Map<StepProduct, BenchmarkRunner.Timing> timings = new LinkedHashMap<>();
                for (StepProduct p : products) {
                    timings.put(p, runner.timeProduct(backend, dtype, p, seed));
                }
                BenchmarkRunner.Timing iteration = runner.timeIteration(backend, dtype, n, d, h, c, seed);
                BenchmarkRunner.Timing fcIteration = fc == null || fc.isEmpty() ? null
                        : runner.timeFcIteration(backend, dtype, n, d, fc.stream().mapToInt(i -> i).toArray(), c, seed);
                cells.add(new Cell(name, dtype, timings, iteration, fcIteration));
            }
        }

        if (json) {
            out.println(Json.write(toJson(products, cells, unavailable)));
        } else {
            printTables(out, products, cells, unavailable);
        }
        out.flush();
        if (cells.isEmpty()) {
            err.println("error: nothing was measured: " + (unavailable.isEmpty() ? "no backend was selected."
                    : "every selected backend is unavailable."));
            err.flush();
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private void checkSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("--n", n);
        sizes.put("--d", d);
        sizes.put("--h", h);
        sizes.put("--c", c);
        sizes.forEach((option, value) -> {
            if (value < 1) {
                throw new UserError(option + " must be a positive size, got " + value + ".");
            }
        });
    }

    /** The requested backend names, validated; unknown names fail naming the available backends. */
    List<String> resolveBackends(BackendRegistry registry) {
        List<String> known = new ArrayList<>(registry.names());
        known.sort(Comparator.comparingInt(BenchCommand::teachingRank));
        if (backends == null || backends.isEmpty()) {
            return known;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : backends) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                chosen.addAll(known);
            } else if (known.contains(name)) {
                chosen.add(name);
            } else {
                String message;
                try {
                    registry.get(name);
                    message = "Unknown backend '" + raw.trim() + "'.";
                } catch (UnknownBackendException e) {
                    message = e.getMessage();
                }
                throw new UserError(message + " (in --backend; 'all' measures every one)");
            }
        }
        return new ArrayList<>(chosen);
    }

    private static int teachingRank(String name) {
        int i = TEACHING_ORDER.indexOf(name);
        return i < 0 ? TEACHING_ORDER.size() : i;
    }

    private static String reason(BackendRegistry registry, String name, RuntimeException e) {
        for (BackendInfo info : registry.list()) {
            if (info.name().equalsIgnoreCase(name) && info.reason() != null) {
                return info.reason();
            }
        }
        return e.getMessage();
    }

    // ------------------------------------------------------------------ output

    /** What the JVM reports about itself: version, vendor, VM. */
    static String jdk() {
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")";
    }

    private Map<String, Object> toJson(List<StepProduct> products, List<Cell> cells, Map<String, String> unavailable) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> shapes = new LinkedHashMap<>();
        shapes.put("N", n);
        shapes.put("D", d);
        shapes.put("H", h);
        shapes.put("C", c);
        m.put("shapes", shapes);
        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", Runtime.version().toString());
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        m.put("jdk", jdk);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("warmup", warmup);
        settings.put("reps", reps);
        settings.put("budget_seconds", budget);
        settings.put("seed", seed);
        m.put("settings", settings);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (StepProduct p : products) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("label", p.label());
            pm.put("role", p.role());
            pm.put("a", List.of(p.aRows(), p.aCols()));
            pm.put("trans_a", p.transA());
            pm.put("b", List.of(p.bRows(), p.bCols()));
            pm.put("trans_b", p.transB());
            pm.put("m", p.m());
            pm.put("n", p.n());
            pm.put("k", p.k());
            pm.put("flops", p.flops());
            ps.add(pm);
        }
        m.put("products", ps);
        Map<String, Object> results = new LinkedHashMap<>();
        for (Cell cell : cells) {
            @SuppressWarnings("unchecked")
            Map<String, Object> byDtype = (Map<String, Object>) results.computeIfAbsent(cell.backend(),
                    k -> new LinkedHashMap<String, Object>());
            Map<String, Object> cm = new LinkedHashMap<>();
            Map<String, Object> pm = new LinkedHashMap<>();
            cell.products().forEach((p, t) -> {
                Map<String, Object> tm = timingJson(t);
                tm.put("gflops_median", t.medianGflops(p.flops()));
                tm.put("gflops_best", t.bestGflops(p.flops()));
                pm.put(p.id(), tm);
            });
            cm.put("products", pm);
            cm.put("iteration", timingJson(cell.iteration()));
            if (cell.fcIteration() != null) {
                Map<String, Object> fm = timingJson(cell.fcIteration());
                fm.put("hidden_dims", fc);
                fm.put("iterations_per_second", 1000 / cell.fcIteration().medianMillis());
                cm.put("fc_iteration", fm);
            }
            byDtype.put(cell.dtype().numpyName(), cm);
        }
        m.put("results", results);
        m.put("unavailable", unavailable);
        return m;
    }

    private static Map<String, Object> timingJson(BenchmarkRunner.Timing t) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("ms_median", t.medianMillis());
        tm.put("ms_min", t.minMillis());
        tm.put("reps", t.reps());
        tm.put("budget_limited", t.budgetLimited());
        tm.put("ops_per_sample", t.opsPerSample());
        return tm;
    }

    private void printTables(PrintWriter out, List<StepProduct> products, List<Cell> cells, Map<String, String> unavailable) {
        out.println("TwoLayerNet training step, N=" + n + " D=" + d + " H=" + h + " C=" + c);
        out.println(jdk() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println("warm-up " + warmup + ", up to " + reps + " reps per cell, time budget " + budget + " s per cell, seed "
                + seed);
        out.println();
        out.println("products (out = op(A)·op(B) with Matrix.gemm into a preallocated output; FLOPs = 2·m·n·k)");
        for (StepProduct p : products) {
            out.println(String.format("  %-7s %-24s %-34s %12s", p.label(), p.shapes(), p.role(), flopText(p.flops())));
        }
        for (boolean best : new boolean[] {false, true}) {
            out.println();
            out.println(best ? "GFLOP/s of the fastest rep (higher is better); ms of the fastest iteration"
                    : "GFLOP/s, median of reps (higher is better); ms per training iteration, median (lower is better)");
            StringBuilder header = new StringBuilder(String.format("%-8s %-8s", "backend", "dtype"));
            for (StepProduct p : products) {
                header.append(String.format(" %8s", p.label()));
            }
            header.append(String.format(" %9s", "ms/iter"));
            if (fc != null && !fc.isEmpty()) {
                header.append(String.format("  %s", "fc" + fc + " ms/iter (it/s)"));
            }
            out.println(header);
            for (Cell cell : cells) {
                StringBuilder row = new StringBuilder(String.format("%-8s %-8s", cell.backend(), cell.dtype()));
                for (StepProduct p : products) {
                    BenchmarkRunner.Timing t = cell.products().get(p);
                    double v = best ? t.bestGflops(p.flops()) : t.medianGflops(p.flops());
                    row.append(String.format(" %8s", number(v) + mark(t)));
                }
                BenchmarkRunner.Timing it = cell.iteration();
                row.append(String.format(" %9s", number(best ? it.minMillis() : it.medianMillis()) + mark(it)));
                BenchmarkRunner.Timing f = cell.fcIteration();
                if (f != null) {
                    double ms = best ? f.minMillis() : f.medianMillis();
                    row.append(String.format("  %s (%s)", number(ms) + mark(f), number(1000 / ms)));
                }
                out.println(row);
            }
        }
        List<String> limited = new ArrayList<>();
        for (Cell cell : cells) {
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            List<BenchmarkRunner.Timing> all = new ArrayList<>(cell.products().values());
            all.add(cell.iteration());
            if (cell.fcIteration() != null) {
                all.add(cell.fcIteration());
            }
            for (BenchmarkRunner.Timing t : all) {
                if (t.budgetLimited()) {
                    lo = Math.min(lo, t.reps());
                    hi = Math.max(hi, t.reps());
                }
            }
            if (hi > 0) {
                limited.add(cell.backend() + " " + cell.dtype() + " (" + (lo == hi ? lo : lo + "-" + hi) + " reps)");
            }
        }
        if (!limited.isEmpty()) {
            out.println();
            out.println("* fewer than " + reps + " reps: the cell used up its " + budget + " s time budget: "
                    + String.join(", ", limited) + ".");
        }
        if (!unavailable.isEmpty()) {
            out.println();
            unavailable.forEach((k, v) -> out.println("(backend " + k + " is unavailable: " + v + ")"));
        }
    }

    private static String mark(BenchmarkRunner.Timing t) {
        return t.budgetLimited() ? "*" : "";
    }

    /** Three significant digits, without exponent for values of at least 0.001. */
    static String number(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String flopText(long flops) {
        if (flops >= 100_000) {
            return String.format(Locale.ROOT, "%.1f MFLOP", flops / 1e6);
        }
        return String.format(Locale.ROOT, "%d FLOP", flops);
    }

    /** Parses a dtype with {@link DType#parse}, so {@code float64}, {@code f32}, {@code double} ... are accepted. */
    static final class DTypeConverter implements CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            try {
                return DType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
