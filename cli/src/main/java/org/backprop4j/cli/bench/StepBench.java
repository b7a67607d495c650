package org.backprop4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.bench.BenchmarkRunner.Sampler;
import org.backprop4j.cli.bench.BenchmarkRunner.Timing;
import org.backprop4j.matrix.DType;

/**
 * Measures the training step on one backend and dtype: each product, the two-layer iteration and
 * (if asked) the FullyConnectedNet iteration, each side by side with the same work in the NumPy
 * worker when there is one (their samples alternate, see {@link BenchmarkRunner#timeAll}).
 */
final class StepBench {

    /** The worker's task names. */
    static final String PRODUCT = "product";
    static final String ITERATION = "iteration";
    static final String FC_ITERATION = "fc_iteration";

    /** Sink for results, so that the JIT cannot drop the measured work. */
    @SuppressWarnings("unused")
    private static volatile double sink;

    /** The timings of one side (Java or NumPy) of a cell; {@code fcIteration} is null when not measured. */
    record Side(Map<StepProduct, Timing> products, Timing iteration, Timing fcIteration) {
    }

    /** The measurements of one backend and dtype; {@code numpy} is null when NumPy was not measured. */
    record Cell(String backend, DType dtype, Side java, Side numpy) {
    }

    private final BenchmarkRunner runner;
    private final BenchWorkload workload;
    private final NumpyWorker numpy;

    /** Measures {@code workload} with {@code runner}, alternating with {@code numpy} unless it is null. */
    StepBench(BenchmarkRunner runner, BenchWorkload workload, NumpyWorker numpy) {
        this.runner = runner;
        this.workload = workload;
        this.numpy = numpy;
        if (numpy != null) {
            numpy.setup(workload);
        }
    }

    /** Every measurement of {@code backend} in {@code dtype}. */
    Cell measure(String name, Backend backend, DType dtype) {
        Map<StepProduct, Timing> javaProducts = new LinkedHashMap<>();
        Map<StepProduct, Timing> numpyProducts = new LinkedHashMap<>();
        for (StepProduct p : workload.products()) {
            BenchWorkload.Operands operands = workload.operands(backend, dtype, p);
            List<Timing> t = time(BenchmarkRunner.of(operands::run), PRODUCT, p.id(), dtype);
            javaProducts.put(p, t.get(0));
            if (t.size() > 1) {
                numpyProducts.put(p, t.get(1));
            }
            sink = operands.out().get(0, 0);
        }
        BenchWorkload.Step twoLayer = workload.twoLayer(backend, dtype);
        List<Timing> it = time(BenchmarkRunner.of(() -> sink = twoLayer.run()), ITERATION, null, dtype);
        List<Timing> fc = null;
        if (workload.hasFc()) {
            BenchWorkload.Step step = workload.fc(backend, dtype);
            fc = time(BenchmarkRunner.of(() -> sink = step.run()), FC_ITERATION, null, dtype);
        }
        Side java = new Side(javaProducts, it.get(0), fc == null ? null : fc.get(0));
        Side np = numpy == null ? null : new Side(numpyProducts, it.get(1), fc == null ? null : fc.get(1));
        return new Cell(name, dtype, java, np);
    }

    private List<Timing> time(Sampler java, String task, String productId, DType dtype) {
        List<Sampler> sides = new ArrayList<>();
        sides.add(java);
        if (numpy != null) {
            sides.add(ops -> numpy.time(task, productId, dtype, ops));
        }
        return runner.timeAll(sides);
    }
}
