package org.backprop4j.cli.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.bench.BenchmarkRunner.Sampler;
import org.backprop4j.cli.bench.BenchmarkRunner.Timing;
import org.backprop4j.cli.bench.ConvWorkload.ConvInputs;
import org.backprop4j.cli.bench.ConvWorkload.PoolInputs;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.tensor.Tensor;

/**
 * Measures the notebook's conv and pooling timing cells on one backend and dtype: for each {@link ConvOp}, the naive
 * loops alone ({@code naiveRunner}: few runs, they are slow), then the fast path side by side with NumPy's
 * {@code fast_layers.py} port, their samples alternating ({@code fastRunner}, {@link BenchmarkRunner#timeAll}), and
 * the notebook's "Difference" between the naive and fast results ({@code rel_error}).
 */
final class ConvBench {

    /** Sink for results, so that the JIT cannot drop the measured work. */
    @SuppressWarnings("unused")
    private static volatile Object sink;

    /**
     * One layer on one backend and dtype.
     *
     * @param naive       the naive loops' timing
     * @param fast        the fast path's timing
     * @param numpy       NumPy's timing in the same turns as {@code fast}, or null
     * @param differences {@code rel_error(naive, fast)} of each result ({@link ConvOp#results()})
     */
    record Measured(Timing naive, Timing fast, Timing numpy, Map<String, Double> differences) {
    }

    /** Every layer of one backend and dtype, in {@link ConvOp} order. */
    record Cell(String backend, DType dtype, Map<ConvOp, Measured> ops) {
    }

    private final BenchmarkRunner fastRunner;
    private final BenchmarkRunner naiveRunner;
    private final ConvWorkload workload;
    private final NumpyWorker numpy;
    private ConvWorkload.Spec spec;

    /** Measures {@code workload}, the fast path alternating with {@code numpy} unless it is null. */
    ConvBench(BenchmarkRunner fastRunner, BenchmarkRunner naiveRunner, ConvWorkload workload, NumpyWorker numpy) {
        this.fastRunner = fastRunner;
        this.naiveRunner = naiveRunner;
        this.workload = workload;
        this.numpy = numpy;
    }

    /** The workload's spec, with the output shapes once a cell was measured. */
    ConvWorkload.Spec spec() {
        return spec != null ? spec : workload.spec(null, null);
    }

    /** Every layer of {@code backend} in {@code dtype}. */
    Cell measure(String name, Backend backend, DType dtype) {
        Kernels k = backend.kernels();
        ConvInputs c = workload.convInputs(backend, dtype);
        PoolInputs p = workload.poolInputs(backend, dtype);
        if (spec == null) {
            spec = workload.spec(c, p);
            if (numpy != null) {
                numpy.setup(spec);
            }
        }
        Map<ConvOp, Measured> ops = new EnumMap<>(ConvOp.class);

        Supplier<SpatialForward<ConvCache>> convNaive = () -> k.convForwardNaive(c.x(), c.w(), c.b(), workload.conv());
        Supplier<SpatialForward<ConvCache>> convFast = () -> k.convForward(c.x(), c.w(), c.b(), workload.conv());
        SpatialForward<ConvCache> naiveOut = convNaive.get();
        SpatialForward<ConvCache> fastOut = convFast.get();
        ops.put(ConvOp.CONV_FORWARD, measure(ConvOp.CONV_FORWARD, dtype, convNaive, convFast,
                Map.of("out", relError(naiveOut.out().flatten(), fastOut.out().flatten()))));

        ConvCache naiveCache = naiveOut.cache();
        ConvCache fastCache = fastOut.cache();
        Supplier<ConvGrads> backNaive = () -> k.convBackwardNaive(c.dout(), naiveCache);
        Supplier<ConvGrads> backFast = () -> k.convBackward(c.dout(), fastCache);
        ConvGrads gn = backNaive.get();
        ConvGrads gf = backFast.get();
        Map<String, Double> gradDiffs = new LinkedHashMap<>();
        gradDiffs.put("dx", relError(gn.dx().flatten(), gf.dx().flatten()));
        gradDiffs.put("dw", relError(gn.dw().flatten(), gf.dw().flatten()));
        gradDiffs.put("db", relError(gn.db(), gf.db()));
        ops.put(ConvOp.CONV_BACKWARD, measure(ConvOp.CONV_BACKWARD, dtype, backNaive, backFast, gradDiffs));

        Supplier<SpatialForward<PoolCache>> poolNaive = () -> k.maxPoolForwardNaive(p.x(), workload.pool());
        Supplier<SpatialForward<PoolCache>> poolFast = () -> k.maxPoolForward(p.x(), workload.pool());
        SpatialForward<PoolCache> pn = poolNaive.get();
        SpatialForward<PoolCache> pf = poolFast.get();
        ops.put(ConvOp.POOL_FORWARD, measure(ConvOp.POOL_FORWARD, dtype, poolNaive, poolFast,
                Map.of("out", relError(pn.out().flatten(), pf.out().flatten()))));

        PoolCache poolNaiveCache = pn.cache();
        PoolCache poolFastCache = pf.cache();
        Supplier<Tensor> poolBackNaive = () -> k.maxPoolBackwardNaive(p.dout(), poolNaiveCache);
        Supplier<Tensor> poolBackFast = () -> k.maxPoolBackward(p.dout(), poolFastCache);
        ops.put(ConvOp.POOL_BACKWARD, measure(ConvOp.POOL_BACKWARD, dtype, poolBackNaive, poolBackFast,
                Map.of("dx", relError(poolBackNaive.get().flatten(), poolBackFast.get().flatten()))));
        return new Cell(name, dtype, ops);
    }

    private Measured measure(ConvOp op, DType dtype, Supplier<?> naive, Supplier<?> fast,
            Map<String, Double> differences) {
        Timing naiveTiming = naiveRunner.time(() -> sink = naive.get());
        List<Sampler> sides = new ArrayList<>();
        sides.add(BenchmarkRunner.of(() -> sink = fast.get()));
        if (numpy != null) {
            sides.add(ops -> numpy.time(op.task(), null, dtype, ops));
        }
        List<Timing> t = fastRunner.timeAll(sides);
        return new Measured(naiveTiming, t.get(0), t.size() > 1 ? t.get(1) : null, differences);
    }

    /** The notebooks' {@code rel_error} of two results (compared as doubles, whatever their dtype). */
    private static double relError(Matrix naive, Matrix fast) {
        return GradientCheck.relError(naive, fast);
    }
}
