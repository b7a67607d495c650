package org.backprop4j.cli.check;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.check.conformance.ConformanceCheck;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j check}: the notebooks' sanity checks ({@link NotebookChecks}) on one backend or on all of them. */
@Command(name = "check", mixinStandardHelpOptions = true, description = {
        "Run the notebooks' sanity checks: the toy models' scores, losses and gradient checks, "
                + "the layer checks, the linspace two-layer net and the toy training runs.",
        "Exits 1 if a check misses the notebook's bound."})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend to check, or 'all' (default: the system property backprop4j.backend, the "
            + "environment variable BACKPROP4J_BACKEND, else the highest-priority available backend).")
    String backend;

    @Option(names = "--model-seed", paramLabel = "S", defaultValue = "0", description = "Seed of the cs231n toy model's weights (default: ${DEFAULT-VALUE}, the notebook's).")
    long modelSeed;

    @Option(names = "--data-seed", paramLabel = "T", defaultValue = "1", description = "Seed of the toy data (default: ${DEFAULT-VALUE}, the notebook's).")
    long dataSeed;

    @Option(names = "--reg", paramLabel = "R", defaultValue = "0.05", description = "Regularization strength of the cs231n toy loss (default: ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--conformance", description = "Run the conformance kit's checks on the backend instead (the Matrix contract, NumPy's vectors, agreement with the reference, numeric gradients, determinism, concurrency).")
    boolean conformance;

    @Option(names = "--classpath", paramLabel = "JAR", description = "With --conformance: jars or class folders (separated as in java -cp) to find the backend in.")
    String classpath;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (conformance) {
            return new ConformanceCheck(backend, classpath).run(out, json);
        }
        if (classpath != null) {
            throw new UserError("--classpath is an option of check --conformance: add --conformance.");
        }
        Map<String, NotebookChecks.Report> reports = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        boolean all = "all".equalsIgnoreCase(backend == null ? "" : backend.trim());
        if (all) {
            for (BackendInfo info : Backends.list()) {
                if (info.available()) {
                    reports.put(info.name(), NotebookChecks.run(Backends.get(info.name()), modelSeed, dataSeed, reg));
                } else {
                    unavailable.put(info.name(), info.reason());
                }
            }
        } else {
            Backend b = Backends.select(backend);
            reports.put(b.name(), NotebookChecks.run(b, modelSeed, dataSeed, reg));
        }
        if (json) {
            Map.Entry<String, NotebookChecks.Report> first = reports.entrySet().iterator().next();
            out.println(Json.write(all ? allJson(reports, unavailable) : singleJson(first.getKey(), first.getValue())));
        } else {
            printTable(out, reports, unavailable);
        }
        out.flush();
        return reports.values().stream().allMatch(NotebookChecks.Report::passed) ? ExitCode.OK : ExitCode.FAILURE;
    }

    private Map<String, Object> singleJson(String backendName, NotebookChecks.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backendName);
        m.put("model_seed", modelSeed);
        m.put("data_seed", dataSeed);
        m.put("reg", reg);
        m.put("scores", r.scores());
        m.put("loss", r.loss());
        Map<String, Object> grads = new LinkedHashMap<>();
        // biases are 1-D in NumPy, so they print as flat lists, as b1.tolist() does
        r.grads().forEach((k, v) -> grads.put(k, v.length == 1 && k.startsWith("b") ? v[0] : v));
        m.put("grads", grads);
        m.put("numeric_rel_error", r.numericRelError());
        Map<String, Map<String, Object>> checks = new LinkedHashMap<>();
        for (NotebookChecks.Check c : r.checks()) {
            checks.computeIfAbsent(c.section(), k -> new LinkedHashMap<>()).put(c.name(),
                    Map.of("value", c.value(), "bound", c.bound(), "passed", c.passed()));
        }
        m.put("checks", checks);
        m.put("passed", r.passed());
        return m;
    }

    private Map<String, Object> allJson(Map<String, NotebookChecks.Report> reports, Map<String, String> unavailable) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> backends = new LinkedHashMap<>();
        reports.forEach((name, r) -> backends.put(name, singleJson(name, r)));
        m.put("backends", backends);
        m.put("max_cross_backend_rel_error", crossBackend(reports));
        if (!unavailable.isEmpty()) {
            m.put("unavailable", unavailable);
        }
        return m;
    }

    /** The largest rel_error between any two backends, per gradient, for the scores and for the loss. */
    static Map<String, Double> crossBackend(Map<String, NotebookChecks.Report> reports) {
        Map<String, Double> worst = new LinkedHashMap<>();
        List<NotebookChecks.Report> list = new ArrayList<>(reports.values());
        if (list.isEmpty()) {
            return worst;
        }
        for (String name : list.get(0).grads().keySet()) {
            worst.put(name, 0.0);
        }
        worst.put("scores", 0.0);
        worst.put("loss", 0.0);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                NotebookChecks.Report a = list.get(i);
                NotebookChecks.Report b = list.get(j);
                for (String name : a.grads().keySet()) {
                    worst.merge(name, GradientCheck.relError(flat(a.grads().get(name)), flat(b.grads().get(name))),
                            Math::max);
                }
                worst.merge("scores", GradientCheck.relError(flat(a.scores()), flat(b.scores())), Math::max);
                worst.merge("loss", GradientCheck.relError(new double[] {a.loss()}, new double[] {b.loss()}),
                        Math::max);
            }
        }
        return worst;
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    private static void printTable(PrintWriter out, Map<String, NotebookChecks.Report> reports,
            Map<String, String> unavailable) {
        List<String> names = new ArrayList<>(reports.keySet());
        List<NotebookChecks.Report> list = new ArrayList<>(reports.values());
        out.println("Notebook checks (float64) on " + String.join(", ", names));
        int width = 54;
        String section = null;
        List<NotebookChecks.Check> first = list.get(0).checks();
        for (int i = 0; i < first.size(); i++) {
            NotebookChecks.Check c = first.get(i);
            if (!c.section().equals(section)) {
                section = c.section();
                out.println();
                out.println(section);
                StringBuilder header = new StringBuilder(String.format("  %-" + width + "s", "check"));
                for (String n : names) {
                    header.append(String.format(" %12s", n));
                }
                out.println(header.append("  notebook"));
            }
            StringBuilder row = new StringBuilder(String.format("  %-" + width + "s", abbreviate(c.name(), width)));
            boolean ok = true;
            for (NotebookChecks.Report r : list) {
                NotebookChecks.Check ci = r.checks().get(i);
                row.append(String.format(" %12.3e", ci.value()));
                ok &= ci.passed();
            }
            out.println(row.append("  ").append(c.notebook()).append(ok ? "" : "  FAILED"));
        }
        if (list.size() > 1) {
            out.println();
            out.println("largest relative difference between backends");
            crossBackend(reports).forEach((k, v) -> out.println(String.format("  %-" + width + "s %12.3e", k, v)));
        }
        unavailable.forEach((k, v) -> out.println("(backend " + k + " is unavailable: " + v + ")"));
        boolean passed = list.stream().allMatch(NotebookChecks.Report::passed);
        out.println();
        out.println(passed ? "All checks passed." : "Some checks FAILED.");
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
