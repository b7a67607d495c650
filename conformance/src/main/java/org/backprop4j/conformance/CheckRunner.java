package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.backprop4j.backend.Backend;

/**
 * Runs the kit's checks directly, without a test engine: the same {@link Check}s that {@link BackendConformance}
 * hands to JUnit, for programs such as {@code backprop4j check --conformance}.
 */
public final class CheckRunner {

    private CheckRunner() {
    }

    /** Runs every check of every group on {@code backend}, passing each result to {@code sink} as it is known. */
    public static List<CheckResult> run(Backend backend, Consumer<CheckResult> sink) {
        List<CheckResult> results = new ArrayList<>();
        for (CheckGroup group : ConformanceKit.groups(backend)) {
            for (Check check : group.checks()) {
                CheckResult r = run(group.name(), check);
                results.add(r);
                sink.accept(r);
            }
        }
        return results;
    }

    /** Runs one check; any throwable (an assertion, an exception of the backend) is a failure. */
    public static CheckResult run(String group, Check check) {
        List<Throwable> failure = new ArrayList<>(1);
        long start = System.nanoTime();
        List<Measurement> measured = Measurements.collect(check, failure);
        long nanos = System.nanoTime() - start;
        String message = null;
        if (!failure.isEmpty()) {
            Throwable t = failure.get(0);
            message = t instanceof AssertionError
                    ? t.getMessage()
                    : check.name() + ": " + t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return new CheckResult(group, check.name(), failure.isEmpty(), List.copyOf(measured), message, nanos);
    }
}
