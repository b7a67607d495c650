package org.backprop4j.cli.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.train.TrainDefaults;
import org.backprop4j.datasets.bundled.BundledDigits;
import org.backprop4j.solver.SolverOptions;

/**
 * {@code bench --train}: the wall time of the whole {@code backprop4j train --quiet} (defaults: the
 * two-layer net on the bundled digits) in a child JVM started as this one was started (same
 * {@code java}, same JVM options, same jar), against {@code numpy_bench.py train}, the same loop in
 * NumPy (cs231n's Solver, same data, split, preprocessing, model, update rule, decay, batch size and
 * epochs, read from {@code train}'s own option defaults) in a child {@code python3}. Runs alternate,
 * Java first; the medians are compared. Each side also reports its training loop's own time, so the
 * rest (start-up, data, test accuracy, plots and files) shows separately.
 */
final class TrainComparison {

    private static final String MAIN_CLASS = "org.backprop4j.cli.Main";
    private static final Pattern TRAINED = Pattern.compile(
            "^Trained in ([0-9]+(?:\\.[0-9]+)?) s; best validation accuracy ([0-9]+(?:\\.[0-9]+)?)\\.?$",
            Pattern.MULTILINE);
    private static final Pattern TEST = Pattern.compile("^Test accuracy: ([0-9]+(?:\\.[0-9]+)?)$", Pattern.MULTILINE);

    private TrainComparison() {
    }

    /** One run of one side: the wall time, the training loop's time and the accuracies it reached. */
    record Run(double wallSeconds, double loopSeconds, double bestValAcc, Double testAcc) {
    }

    /** The medians of one side's runs; {@code rest} is the median of wall minus loop. */
    record Side(List<Run> runs, double wallMedian, double loopMedian, double restMedian) {

        static Side of(List<Run> runs) {
            return new Side(runs, BenchmarkRunner.median(runs.stream().mapToDouble(Run::wallSeconds).toArray()),
                    BenchmarkRunner.median(runs.stream().mapToDouble(Run::loopSeconds).toArray()),
                    BenchmarkRunner
                            .median(runs.stream().mapToDouble(r -> r.wallSeconds() - r.loopSeconds()).toArray()));
        }
    }

    /**
     * The comparison.
     *
     * @param backend      the backend the Java runs used (from their run.json)
     * @param javaCommand  the child JVM's command line
     * @param java         the Java runs
     * @param numpy        the NumPy runs, or null
     * @param ratio        Java's median wall time over NumPy's, or null
     * @param sameAccuracy whether every run of both sides reached the same validation and test accuracy
     * @param numpyReason  why NumPy was not measured, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(String backend, List<String> javaCommand, Side java, Side numpy, Double ratio, Boolean sameAccuracy,
            String numpyReason) {
    }

    /** Runs {@code runs} of each side, alternating ({@code python} null: Java only); progress goes to {@code progress}. */
    static Report run(String python, int threads, int runs, PrintWriter progress) throws IOException {
        List<String> javaCmd = javaCommand();
        Path tmp = Files.createTempDirectory("backprop4j-bench-train-");
        NumpyScript script = null;
        String numpyReason = python == null ? "--no-numpy was given" : null;
        try {
            List<String> numpyArgs = null;
            if (numpyReason == null) {
                try {
                    script = NumpyScript.extract();
                    numpyArgs = numpyArguments(script.dir());
                } catch (IOException e) {
                    numpyReason = "the NumPy script could not be unpacked: " + e.getMessage();
                }
            }
            List<Run> java = new ArrayList<>();
            List<Run> numpy = new ArrayList<>();
            String backend = null;
            for (int i = 1; i <= runs; i++) {
                Path out = tmp.resolve("java-" + i);
                List<String> cmd = new ArrayList<>(javaCmd);
                cmd.addAll(List.of("train", "--quiet", "--out", out.toString()));
                progress.println("train run " + i + " of " + runs + ": java ...");
                progress.flush();
                Child c = Child.run(new ProcessBuilder(cmd), tmp, "java-" + i);
                java.add(parseJava(c.stdout(), c.wallSeconds()));
                backend = backendOf(out.resolve("run.json"));
                if (numpyReason == null) {
                    progress.println("train run " + i + " of " + runs + ": numpy ...");
                    progress.flush();
                    try {
                        Child n = Child.run(script.command(python, threads, numpyArgs.toArray(new String[0])), tmp,
                                "numpy-" + i);
                        numpy.add(parseNumpy(n.stdout(), n.wallSeconds()));
                    } catch (ChildFailed e) {
                        if (i > 1) {
                            throw e;
                        }
                        numpyReason = e.getMessage();
                    } catch (IOException e) {
                        numpyReason = "cannot run " + python + " (" + NumpyWorker.rootMessage(e) + ")";
                    }
                }
            }
            Side j = Side.of(java);
            Side n = numpy.isEmpty() ? null : Side.of(numpy);
            Boolean same = n == null ? null : sameAccuracy(java, numpy);
            return new Report(backend, javaCmd, j, n, n == null ? null : j.wallMedian() / n.wallMedian(), same,
                    numpyReason);
        } finally {
            if (script != null) {
                script.close();
            }
            NumpyScript.deleteTree(tmp);
        }
    }

    /** The arguments of {@code numpy_bench.py train}: train's defaults, the bundled digits copied into {@code dir}. */
    static List<String> numpyArguments(Path dir) throws IOException {
        Map<String, String> defaults = TrainDefaults.generic();
        if (!DataOption.DEFAULT.equals(defaults.get("--data")) || !"two-layer".equals(defaults.get("--model"))) {
            throw new IllegalStateException(
                    "numpy_bench.py train reproduces the default train (two-layer on mnist-10k), "
                            + "but train's defaults changed.");
        }
        Path images = copy(BundledDigits.IMAGES, dir);
        Path labels = copy(BundledDigits.LABELS, dir);
        List<String> args = new ArrayList<>(
                List.of("train", "--images", images.toString(), "--labels", labels.toString(),
                        "--train", Integer.toString(BundledDigits.TRAIN), "--val", Integer.toString(BundledDigits.VAL),
                        "--test", Integer.toString(BundledDigits.TEST), "--classes", "10",
                        "--num-train-samples", Integer.toString(SolverOptions.builder().build().numTrainSamples())));
        // the script's options have train's names; an option without a default (momentum) keeps the rule's own
        for (String o : List.of("--hidden", "--epochs", "--batch-size", "--seed", "--lr", "--lr-decay", "--reg",
                "--weight-scale", "--update", "--dtype", "--momentum")) {
            String value = defaults.get(o);
            if (value != null) {
                args.add(o);
                args.add(value);
            }
        }
        return args;
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = BundledDigits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the resource " + resource + " is missing from the class path (a broken build?)");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** This JVM's {@code java}, its options (without agents, debuggers and a class-archive dump) and its jar or class path. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:") && !a.startsWith("-javaagent:") && !a.startsWith("-Xrunjdwp")
                    && !a.startsWith("-XX:ArchiveClassesAtExit")) {
                cmd.add(a);
            }
        }
        String cp = System.getProperty("java.class.path");
        if (!cp.contains(File.pathSeparator) && cp.endsWith(".jar")) {
            cmd.addAll(List.of("-jar", cp));
        } else {
            cmd.addAll(List.of("-cp", cp, MAIN_CLASS));
        }
        return cmd;
    }

    /** A Java run from {@code train --quiet}'s output ({@code Trained in X s; best validation accuracy Y.}, {@code Test accuracy: Z}). */
    static Run parseJava(String stdout, double wallSeconds) {
        Matcher m = TRAINED.matcher(stdout);
        if (!m.find()) {
            throw new ChildFailed("train printed no 'Trained in ... s; best validation accuracy ...' line: "
                    + lastLine(stdout));
        }
        Matcher t = TEST.matcher(stdout);
        Double test = t.find() ? Double.parseDouble(t.group(1)) : null;
        return new Run(wallSeconds, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), test);
    }

    /** A NumPy run from {@code numpy_bench.py train}'s JSON line. */
    static Run parseNumpy(String stdout, double wallSeconds) {
        String line = stdout.strip();
        line = line.substring(line.lastIndexOf('\n') + 1);
        JsonNode r = WorkerReply.parse(line);
        for (String f : List.of("train_seconds", "best_val_acc", "test_acc")) {
            if (!r.path(f).isNumber()) {
                throw new ChildFailed("numpy_bench.py train reported no numeric \"" + f + "\": " + line);
            }
        }
        return new Run(wallSeconds, r.get("train_seconds").asDouble(), r.get("best_val_acc").asDouble(),
                r.get("test_acc").asDouble());
    }

    private static boolean sameAccuracy(List<Run> java, List<Run> numpy) {
        List<Run> all = new ArrayList<>(java);
        all.addAll(numpy);
        Run first = all.get(0);
        return all.stream().allMatch(r -> r.bestValAcc() == first.bestValAcc() && Objects.equals(r.testAcc(),
                first.testAcc()));
    }

    private static String backendOf(Path runJson) {
        try {
            return Json.mapper().readTree(runJson.toFile()).path("backend").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Prints the comparison. */
    static void print(Report r, PrintWriter out) {
        out.println();
        out.println(
                "./backprop4j train --quiet (defaults) against the same loop in NumPy: wall time of the whole program, "
                        + r.java().runs().size() + " runs each, alternating, medians");
        out.println("  java:  " + String.join(" ", r.javaCommand()) + " train --quiet");
        out.println(String.format("%-22s %10s %14s %14s  %s", "", "wall", "training loop", "the rest",
                "best val / test acc"));
        out.println(row("java (" + (r.backend() == null ? "?" : r.backend()) + ")", r.java()));
        if (r.numpy() != null) {
            out.println(row("numpy", r.numpy()));
            out.println(String.format(Locale.ROOT, "%-22s %10s %14s %14s", "java / numpy", BenchTables.ratio(r.ratio()),
                    BenchTables.ratio(r.java().loopMedian() / r.numpy().loopMedian()),
                    BenchTables.ratio(r.java().restMedian() / r.numpy().restMedian())));
            out.println(Boolean.TRUE.equals(r.sameAccuracy())
                    ? "every run of both reached the same validation and test accuracy (the float64 runs retrace each other)"
                    : "the runs reached different accuracies (see the table)");
        } else {
            out.println(BenchTables.numpyAbsent(r.numpyReason()));
        }
        out.println("the rest = wall - training loop: start-up, data loading, test accuracy, plots and files "
                + "(Java also writes checkpoints inside its loop; NumPy writes none)");
    }

    private static String row(String name, Side s) {
        Run last = s.runs().get(s.runs().size() - 1);
        return String.format(Locale.ROOT, "%-22s %10s %14s %14s  %.4f / %s", name, seconds(s.wallMedian()),
                seconds(s.loopMedian()), seconds(s.restMedian()), last.bestValAcc(),
                last.testAcc() == null ? "-" : String.format(Locale.ROOT, "%.4f", last.testAcc()));
    }

    private static String seconds(double s) {
        return BenchTables.number(s) + " s";
    }

    private static String lastLine(String s) {
        String t = s.strip();
        return t.isEmpty() ? "(nothing)" : t.substring(t.lastIndexOf('\n') + 1);
    }

    /** A child that failed or printed something unexpected. */
    static final class ChildFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChildFailed(String message) {
            super(message);
        }
    }

    /** A finished child process: its standard output and wall time. */
    private record Child(String stdout, double wallSeconds) {

        static Child run(ProcessBuilder pb, Path dir, String name) throws IOException {
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ChildFailed(name + " was interrupted.");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (code != 0) {
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                throw new ChildFailed(pb.command().get(0) + " (" + name + ") exited with code " + code + ": "
                        + lastLine(stderr.isBlank() ? stdout : stderr));
            }
            return new Child(stdout, wall);
        }
    }
}
