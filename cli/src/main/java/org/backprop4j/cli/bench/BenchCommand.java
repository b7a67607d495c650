package org.backprop4j.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.Backends;
import org.backprop4j.backend.UnknownBackendException;
import org.backprop4j.cli.bench.peak.FmaPeak;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.matrix.DType;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j bench}: the backends against each other and against NumPy on this machine. For
 * every backend and dtype it measures the GFLOP/s of each matrix product of a {@code TwoLayerNet}
 * training step and the milliseconds of whole training iterations, each side by side with the same
 * work in a NumPy worker process ({@code numpy_bench.py}), their samples alternating. {@code --peak}
 * adds each product's fraction of the machine's FMA peak, {@code --train} the wall time of the whole
 * {@code train} program against the same loop in NumPy. This class parses options and wires the
 * parts: {@link StepBench} measures, {@link BenchReport} holds the figures, {@link BenchTables} prints.
 * {@code --conv} replaces all that with the ConvolutionalNetworks notebook's timing cells, naive against
 * fast conv and max pooling beside NumPy's {@code fast_layers.py} ({@code numpy_conv_bench.py}):
 * {@link ConvBench} measures, {@link ConvReport} holds the figures, {@link ConvTables} prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Compare the backends, and NumPy in the same run, on the products of a TwoLayerNet training step "
                + "(GFLOP/s, median of repetitions after warm-up) and on whole training iterations (ms per loss + "
                + "gradients + SGD step).",
        "NumPy runs the same step on the same data in a python3 worker (numpy_bench.py); its samples alternate with "
                + "Java's, and the '(r×)' figures are Java's median time over NumPy's. Both sides use every core.",
        "Each cell stops after --budget seconds of timing (at least one repetition), so the textbook "
                + "'naive' loops do fewer repetitions; the table marks such cells with *.",
        "--conv times cs231n's conv and max-pool layers instead, naive against fast, beside NumPy's strided "
                + "fast_layers.py (numpy_conv_bench.py).",
        "For rigorous numbers use the JMH benchmarks (benchmarks/README.md)."})
public final class BenchCommand implements Callable<Integer> {

    /** The order in which the shipped backends are shown: slowest (the teaching baseline) first. */
    static final List<String> TEACHING_ORDER = List.of("naive", "pure", "ejml", "nd4j");

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", split = ",", description = "Backends to measure, comma-separated, or 'all' (default: all discovered, "
            + "naive, pure, ejml, nd4j).")
    List<String> backends;

    @Option(names = "--dtype", paramLabel = "DTYPE", split = ",", defaultValue = "float64,float32", converter = DTypeConverter.class, description = "Dtypes to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    List<DType> dtypes;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200", description = "Batch size N (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--d", paramLabel = "D", defaultValue = "3072", description = "Input dimension D (default: ${DEFAULT-VALUE}, a CIFAR-10 image).")
    int d;

    @Option(names = "--h", paramLabel = "H", defaultValue = "100", description = "Hidden size H (default: ${DEFAULT-VALUE}).")
    int h;

    @Option(names = "--c", paramLabel = "C", defaultValue = "10", description = "Number of classes C (default: ${DEFAULT-VALUE}).")
    int c;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "10", description = "Untimed samples before timing each cell, for at least 1 s (the JIT compiles the Vector API "
            + "kernels in about a second of calls) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "20", description = "Timed samples per cell; the median and the best are reported (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "2", description = "Time budget per cell and side: warm-up and timing each stop after this many seconds, "
            + "after at least one sample (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--settle", paramLabel = "MS", defaultValue = "120", description = "Pause in milliseconds before Java's or NumPy's turn, so that the other side's idle threads "
            + "(OpenBLAS spins about 0.1 s after a call) are asleep (default: ${DEFAULT-VALUE}).")
    double settleMs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the random operands, weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fc", paramLabel = "H1,H2,...", split = ",", description = "Also time a FullyConnectedNet iteration with these hidden layers, e.g. 100,100.")
    List<Integer> fc;

    @Option(names = "--python", paramLabel = "PROGRAM", defaultValue = "python3", description = "The Python with NumPy that runs the NumPy side (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--no-numpy", description = "Measure the Java side only.")
    boolean noNumpy;

    @Option(names = "--peak", description = "Also measure this machine's FMA peak (Vector API loop, float64 and float32, "
            + "1 thread and all cores) and print each product's fraction of it.")
    boolean peak;

    @Option(names = "--train", description = "Also compare the wall time of the whole './backprop4j train --quiet' "
            + "(defaults) with the same loop in NumPy, in child processes, alternating.")
    boolean train;

    @Option(names = "--train-runs", paramLabel = "R", defaultValue = "3", description = "Runs of each side for --train; the medians are compared (default: ${DEFAULT-VALUE}).")
    int trainRuns;

    @Option(names = "--no-step", description = "Skip the training-step tables (e.g. with --train or --peak alone).")
    boolean noStep;

    @Option(names = "--json", description = "Print one JSON object instead of the tables.")
    boolean json;

    @Option(names = "--conv", description = "Instead of the training step, time the ConvolutionalNetworks notebook's "
            + "cells: conv_forward/backward_naive against _fast on x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2, pad 1, "
            + "and max pooling 2x2 on x (100, 3, 32, 32), beside NumPy's fast_layers.py strided layers; inputs "
            + "randn after seed 231 unless --seed is given.")
    boolean conv;

    @Option(names = "--naive-reps", paramLabel = "R", defaultValue = "3", description = "With --conv: timed runs of "
            + "each naive loop (they are slow; the fast path gets --reps) (default: ${DEFAULT-VALUE}).")
    int naiveReps;

    /** The shapes of --conv: the notebook's, or a few pixels for tests. */
    @Option(names = "--conv-workload", paramLabel = "NAME", hidden = true, defaultValue = "notebook")
    String convWorkload;

    /** Untimed calls of each naive loop before its runs are timed (--conv). */
    static final int NAIVE_WARMUP = 2;
    /** The shortest warm-up of a naive loop (--conv; still cut by --budget). */
    static final Duration NAIVE_WARMUP_TIME = Duration.ofMillis(500);

    /** The step's options, which --conv does not use. */
    static final List<String> STEP_ONLY = List.of("--n", "--d", "--h", "--c", "--fc", "--peak", "--train",
            "--train-runs", "--no-step");
    /** The options only --conv uses. */
    static final List<String> CONV_ONLY = List.of("--naive-reps", "--conv-workload");

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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        requireCompatibleOptions();
        if (conv) {
            return callConv(out, err);
        }
        BenchWorkload workload = workload();
        BenchmarkRunner runner = runner();
        if (peak && FmaPeak.unavailableReason() != null) {
            throw new UserError(FmaPeak.unavailableReason());
        }
        if (trainRuns < 1) {
            throw new UserError("--train-runs must be at least 1, got " + trainRuns + ".");
        }
        BackendRegistry registry = this.registry != null ? this.registry : Backends.registry();
        List<String> names = noStep ? List.of() : resolveBackends(registry);
        List<DType> types = new ArrayList<>(new LinkedHashSet<>(dtypes));
        int threads = Runtime.getRuntime().availableProcessors();

        List<BenchReport.Peak> peaks = null;
        if (peak) {
            progress(err, "measuring the FMA peak (float64, float32; 1 and " + threads + " threads) ...");
            peaks = FmaPeak.measure(threads).stream().map(BenchReport.Peak::of).toList();
        }

        List<StepBench.Cell> cells = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        BenchReport.Numpy numpy = BenchReport.Numpy.absent(noNumpy ? "--no-numpy was given" : "no step was measured");
        if (!names.isEmpty()) {
            NumpyWorker worker = null;
            if (!noNumpy) {
                try {
                    progress(err, "starting the NumPy worker (" + python + ") ...");
                    worker = NumpyWorker.start(python, threads);
                } catch (NumpyWorker.Unavailable e) {
                    numpy = BenchReport.Numpy.absent(e.getMessage());
                }
            }
            try {
                StepBench bench = new StepBench(runner, workload, worker);
                measure(bench, registry, names, types, cells, unavailable, err);
            } finally {
                if (worker != null) {
                    worker.close();
                }
            }
            if (worker != null) {
                WorkerReply.Greeting g = worker.greeting();
                numpy = new BenchReport.Numpy(true, null, g.python(), g.numpy(), g.blas(), worker.threads(),
                        BenchReport.pooledNumpy(cells, fc, peaks));
            }
        }
        TrainComparison.Report trainReport = train
                ? TrainComparison.run(noNumpy ? null : python, threads, trainRuns, err)
                : null;

        BenchReport report = new BenchReport(new BenchReport.Shapes(n, d, h, c, fc == null || fc.isEmpty() ? null : fc),
                BenchReport.Jdk.current(), CpuInfo.current(), threads,
                BenchReport.Settings.of(runner.settings(), budget, seed, threads),
                workload.products().stream().map(BenchReport.Product::of).toList(), numpy,
                BenchReport.results(cells, fc, peaks), unavailable, peaks, trainReport);
        if (json) {
            out.println(BenchJson.write(report));
        } else {
            BenchTables.print(report, out);
        }
        out.flush();
        if (!noStep && cells.isEmpty()) {
            err.println("error: nothing was measured: " + (unavailable.isEmpty()
                    ? "no backend was selected."
                    : "every selected backend is unavailable."));
            err.flush();
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    /** The stopwatch of the --warmup, --reps, --budget and --settle options. */
    private BenchmarkRunner runner() {
        try {
            BenchmarkRunner.Settings base = BenchmarkRunner.Settings.of(warmup, reps, budget);
            if (!(settleMs >= 0) || Double.isInfinite(settleMs)) {
                throw new IllegalArgumentException("--settle must be 0 or more milliseconds, got " + settleMs + ".");
            }
            return new BenchmarkRunner(base.withSettle(Duration.ofNanos((long) (settleMs * 1e6))));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** --conv with a step option, or a conv option without --conv, is a mistake: say which. */
    private void requireCompatibleOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed == null) {
            return;
        }
        for (String name : conv ? STEP_ONLY : CONV_ONLY) {
            if (parsed.hasMatchedOption(name)) {
                throw new UserError(conv
                        ? name + " sets up the training-step benchmark and cannot be combined with --conv, which times "
                                + "the conv and pooling layers at the notebook's shapes."
                        : name + " only applies to --conv.");
            }
        }
    }

    /** {@code bench --conv}: the notebook's conv and pooling timing cells on every selected backend and dtype. */
    private int callConv(PrintWriter out, PrintWriter err) {
        BenchmarkRunner fast = runner();
        if (naiveReps < 1) {
            throw new UserError("--naive-reps must be at least 1, got " + naiveReps + ".");
        }
        // The naive loops, one call a sample: a short warm-up (without one, the first timed calls still run before C2
        // has compiled the loops, and naive's fast path, the same loops, measured 2.8x "faster"), then a few runs.
        BenchmarkRunner naive = new BenchmarkRunner(new BenchmarkRunner.Settings(NAIVE_WARMUP, naiveReps,
                fast.settings().budget(), Duration.ZERO, BenchmarkRunner.DEFAULT_BLOCK, Duration.ZERO,
                NAIVE_WARMUP_TIME, Duration.ZERO));
        long convSeed = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--seed") ? seed : ConvWorkload.NOTEBOOK_SEED;
        ConvWorkload workload;
        try {
            workload = ConvWorkload.named(convWorkload, convSeed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (in --conv-workload)", e);
        }
        BackendRegistry registry = this.registry != null ? this.registry : Backends.registry();
        List<String> names = resolveBackends(registry);
        List<DType> types = new ArrayList<>(new LinkedHashSet<>(dtypes));
        int threads = Runtime.getRuntime().availableProcessors();

        List<ConvBench.Cell> cells = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        BenchReport.Numpy numpy = BenchReport.Numpy.absent("--no-numpy was given");
        NumpyWorker worker = null;
        if (!noNumpy) {
            try {
                progress(err, "starting the NumPy conv worker (" + python + ") ...");
                worker = NumpyWorker.start(python, threads, NumpyScript.CONV_FILES);
            } catch (NumpyWorker.Unavailable e) {
                numpy = BenchReport.Numpy.absent(e.getMessage());
            }
        }
        ConvBench bench = new ConvBench(fast, naive, workload, worker);
        try {
            forEachCell(registry, names, types, unavailable, err,
                    (name, backend, dtype) -> cells.add(bench.measure(name, backend, dtype)));
        } finally {
            if (worker != null) {
                worker.close();
            }
        }
        if (worker != null) {
            WorkerReply.Greeting g = worker.greeting();
            numpy = new BenchReport.Numpy(true, null, g.python(), g.numpy(), g.blas(), worker.threads(), null);
        }
        ConvReport report = new ConvReport("conv", bench.spec(), BenchReport.Jdk.current(), CpuInfo.current(),
                threads, BenchReport.Settings.of(fast.settings(), budget, convSeed, threads),
                BenchReport.Settings.of(naive.settings(), budget, convSeed, threads), numpy,
                ConvReport.results(cells), unavailable);
        if (json) {
            out.println(BenchJson.write(report));
        } else {
            ConvTables.print(report, out);
        }
        out.flush();
        if (cells.isEmpty()) {
            err.println("error: nothing was measured: " + (unavailable.isEmpty()
                    ? "no backend was selected."
                    : "every selected backend is unavailable."));
            err.flush();
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    /** What to do with one available backend and dtype. */
    private interface CellAction {
        void run(String name, Backend backend, DType dtype);
    }

    /** Runs {@code action} on every available backend and dtype, noting the unavailable ones and their reasons. */
    private static void forEachCell(BackendRegistry registry, List<String> names, List<DType> types,
            Map<String, String> unavailable, PrintWriter err, CellAction action) {
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
                progress(err, "measuring " + name + " " + dtype + " ...");
                action.run(name, backend, dtype);
            }
        }
    }

    private void measure(StepBench bench, BackendRegistry registry, List<String> names, List<DType> types,
            List<StepBench.Cell> cells, Map<String, String> unavailable, PrintWriter err) {
        forEachCell(registry, names, types, unavailable, err,
                (name, backend, dtype) -> cells.add(bench.measure(name, backend, dtype)));
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    private BenchWorkload workload() {
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
        int[] hidden = fc == null ? new int[0] : fc.stream().mapToInt(Integer::intValue).toArray();
        for (int v : hidden) {
            if (v < 1) {
                throw new UserError("--fc takes positive layer sizes, got " + fc + ".");
            }
        }
        return new BenchWorkload(n, d, h, c, seed, hidden);
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
