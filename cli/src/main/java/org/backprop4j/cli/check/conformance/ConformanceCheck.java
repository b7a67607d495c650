package org.backprop4j.cli.check.conformance;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.conformance.check.CheckResult;
import org.backprop4j.conformance.CheckRunner;
import org.backprop4j.conformance.check.Measurement;

/**
 * {@code backprop4j check --conformance}: the conformance kit's checks ({@link CheckRunner}, the same checks a
 * backend's {@code BackendConformance} test runs) on one backend found through the SPI, also in jars given with
 * {@code --classpath}; one line per check in the notebooks' style, a summary, or {@code --json}.
 */
public final class ConformanceCheck {

    private final String backendName;
    private final BackendRegistry registry;

    /**
     * @param backendName the backend to check ({@code null}: the default choice)
     * @param classpath   jars or class folders to find backends in, separated as in {@code java -cp}; may be null
     */
    public ConformanceCheck(String backendName, String classpath) {
        if (backendName != null && backendName.trim().equalsIgnoreCase("all")) {
            throw new UserError("--conformance checks one backend: give --backend NAME, not 'all'.");
        }
        this.backendName = backendName;
        this.registry = classpath == null
                ? Backends.registry()
                : BackendRegistry.load(ExtraClasspath.loader(classpath));
    }

    /** Runs the checks, printing as they finish; returns the exit code (0 all passed, 1 any failed). */
    public int run(PrintWriter out, boolean json) {
        String name = registry.choose(backendName, System::getProperty, System::getenv).name();
        BackendInfo info = registry.list().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        if (info != null && !info.available()) {
            // started, and failed: a verdict on the backend, with the reason, as `backends` gives it
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("backend", name);
                m.put("available", false);
                m.put("reason", info.reason());
                m.put("passed", false);
                out.println(Json.write(m));
            } else {
                out.println("Backend " + name + " is unavailable: it failed to start.");
                out.println("  reason: " + info.reason());
            }
            out.flush();
            return ExitCode.FAILURE;
        }
        var backend = registry.get(name); // unknown: UnknownBackendException naming the available ones (exit 2)
        long start = System.nanoTime();
        if (!json) {
            out.println("Conformance of backend " + backend.name() + " (" + backend.getClass().getName() + ")");
        }
        String[] group = {null};
        List<CheckResult> results = CheckRunner.run(backend, r -> {
            if (json) {
                return;
            }
            if (!r.group().equals(group[0])) {
                group[0] = r.group();
                out.println();
                out.println(r.group());
            }
            out.println("  " + line(r));
            if (!r.passed()) {
                out.println("      " + r.failure());
            }
            out.flush();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (json) {
            out.println(Json.write(json(backend.name(), results, seconds)));
        } else {
            out.println();
            out.println(String.format("%d checks: %d passed, %d failed (%.1f s). %s", results.size(),
                    results.size() - failed, failed, seconds,
                    failed == 0
                            ? "Backend " + backend.name() + " conforms."
                            : "Backend " + backend.name()
                                    + " does NOT conform."));
        }
        out.flush();
        return failed == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    /**
     * {@code affine_backward dx ... error: 1.09e-10 ✓}: the check, the error of its comparison nearest to its bound
     * (for a check of both dtypes, one per dtype: {@code error: 0.00e+00 (float64), 6.14e-08 (float32)}) and the
     * verdict.
     */
    static String line(CheckResult r) {
        String mark = r.passed() ? "✓" : "✗";
        List<Measurement> bounded = r.measurements().stream().filter(m -> m.bound() > 0).toList();
        Optional<Measurement> f32 = worst(bounded.stream().filter(m -> m.what().contains("float32")));
        Optional<Measurement> f64 = worst(bounded.stream().filter(m -> !m.what().contains("float32")));
        if (f32.isPresent() && f64.isPresent()) {
            return String.format("%s error: %.2e (float64), %.2e (float32) %s", r.name(), f64.get().error(),
                    f32.get().error(), mark);
        }
        return worst(bounded.stream()).map(m -> String.format("%s error: %.2e %s", r.name(), m.error(), mark))
                .orElse(r.name() + " " + mark);
    }

    private static Optional<Measurement> worst(Stream<Measurement> measurements) {
        return measurements.max(Comparator.comparingDouble(Measurement::ratio));
    }

    private static Map<String, Object> json(String backend, List<CheckResult> results, double seconds) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("group", r.group());
            c.put("name", r.name());
            c.put("passed", r.passed());
            r.worst().ifPresent((Measurement m) -> {
                c.put("error", m.error());
                c.put("bound", m.bound());
                c.put("worst", m.what());
            });
            if (!r.passed()) {
                c.put("failure", r.failure());
            }
            c.put("seconds", r.nanos() / 1e9);
            checks.add(c);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("checks", checks);
        m.put("total", results.size());
        m.put("passed_count", results.size() - failed);
        m.put("failed_count", failed);
        m.put("seconds", seconds);
        m.put("passed", failed == 0);
        return m;
    }
}
