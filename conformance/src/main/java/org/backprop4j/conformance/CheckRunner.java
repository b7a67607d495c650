package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.check.CheckGroup;
import org.backprop4j.conformance.check.CheckResult;

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
                CheckResult r = check.execute(group.name());
                results.add(r);
                sink.accept(r);
            }
        }
        return results;
    }
}
