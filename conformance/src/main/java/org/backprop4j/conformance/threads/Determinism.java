package org.backprop4j.conformance.threads;

import static org.backprop4j.conformance.compare.Compare.assertBitIdentical;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.matrix.DType;

/**
 * Same inputs, same bits: every kernel and a model's loss and gradients, at a size where threaded backends split
 * their work, give bit-identical results when run again on the same thread and when run on several threads at
 * once. A backend whose threads split a sum differently from run to run, or share scratch space between calls,
 * fails here.
 */
public final class Determinism {

    /** How many threads run the same computation at once. */
    static final int THREADS = 4;

    private final Backend backend;

    private Determinism(Backend backend) {
        this.backend = backend;
    }

    /** The determinism checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        Determinism d = new Determinism(backend);
        String shape = " N=" + Workloads.N + " D=" + Workloads.D + " M=" + Workloads.M + " ";
        List<Check> checks = new ArrayList<>();
        for (DType dt : DType.values()) {
            checks.add(new Check("every kernel and a model" + shape + dt + " twice: bit-identical",
                    () -> d.twice(dt)));
            checks.add(new Check("every kernel and a model" + shape + dt + " on " + THREADS
                    + " threads at once: bit-identical to one thread", () -> d.onThreads(dt)));
        }
        return checks;
    }

    private void twice(DType dt) {
        Results first = Workloads.kernelsAndModel(backend, dt);
        Results second = Workloads.kernelsAndModel(backend, dt);
        compare("run 2", dt, first, second);
    }

    private void onThreads(DType dt) throws Exception {
        Results alone = Workloads.kernelsAndModel(backend, dt);
        List<Results> parallel = Parallel.run(THREADS, worker -> Workloads.kernelsAndModel(backend, dt));
        for (int t = 0; t < parallel.size(); t++) {
            compare("thread " + t, dt, alone, parallel.get(t));
        }
    }

    private static void compare(String run, DType dt, Results first, Results other) {
        for (String key : first.values().keySet()) {
            assertBitIdentical(key + " " + dt + " (" + run + ")", first.get(key), other.get(key));
        }
    }
}
