package org.backprop4j.conformance.threads;

import static org.backprop4j.conformance.compare.Compare.assertBitIdentical;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.matrix.DType;

/**
 * One backend used from several threads at once, each on matrices of its own (its own model, data and optimizer
 * state): every thread's three training steps give the bits they give when run alone. A backend with shared
 * mutable state (a scratch buffer, a pool handing one array to two callers, a non-thread-safe cache) fails here.
 */
public final class Concurrency {

    private static final int ROUNDS = 3;

    private final Backend backend;

    private Concurrency(Backend backend) {
        this.backend = backend;
    }

    /** The concurrency checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        Concurrency c = new Concurrency(backend);
        List<Check> checks = new ArrayList<>();
        for (DType dt : DType.values()) {
            checks.add(new Check(Determinism.THREADS + " threads training their own FullyConnectedNet (adam) " + dt
                    + " at once: each bit-identical to its run alone", () -> c.independentWorkers(dt)));
        }
        return checks;
    }

    private void independentWorkers(DType dt) throws Exception {
        List<Results> alone = new ArrayList<>();
        for (int w = 0; w < Determinism.THREADS; w++) {
            alone.add(Workloads.trainingSteps(backend, dt, w));
        }
        for (int round = 0; round < ROUNDS; round++) {
            List<Results> together = Parallel.run(Determinism.THREADS,
                    w -> Workloads.trainingSteps(backend, dt, w));
            for (int w = 0; w < together.size(); w++) {
                for (String key : alone.get(w).values().keySet()) {
                    assertBitIdentical("worker " + w + " " + key + " " + dt + " (round " + round + ")",
                            alone.get(w).get(key), together.get(w).get(key));
                }
            }
        }
    }
}
