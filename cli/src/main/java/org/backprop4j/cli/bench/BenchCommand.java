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
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Compare the backends, and NumPy in the same run, on the products of a TwoLayerNet training step "
                + "(GFLOP/s, median of repetitions after warm-up) and on whole training iterations (ms per loss + "
                + "gradients + SGD step).",
        "NumPy runs the same step on the same data in a python3 worker (numpy_bench.py); its samples alternate with "
                + "Java's, and the '(r×)' figures are Java's median time over NumPy's. Both sides use every core.",
        "Each cell stops after --budget seconds of timing (at least one repetition), so the textbook "
                + "'naive' loops do fewer repetitions; the table marks such cells with *.",
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
        BenchWorkload workload = workload();
        BenchmarkRunner runner;
        try {
            BenchmarkRunner.Settings base = BenchmarkRunner.Settings.of(warmup, reps, budget);
            if (!(settleMs >= 0) || Double.isInfinite(settleMs)) {
                throw new IllegalArgumentException("--settle must be 0 or more milliseconds, got " + settleMs + ".");
            }
            runner = new BenchmarkRunner(base.withSettle(Duration.ofNanos((long) (settleMs * 1e6))));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
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

    private void measure(StepBench bench, BackendRegistry registry, List<String> names, List<DType> types,
            List<StepBench.Cell> cells, Map<String, String> unavailable, PrintWriter err) {
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
                cells.add(bench.measure(name, backend, dtype));
            }
        }
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
