package org.backprop4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.backprop4j.cli.bench.BenchmarkRunner.Timing;
import org.backprop4j.cli.bench.ConvBench.Cell;
import org.backprop4j.cli.bench.ConvBench.Measured;

/**
 * Everything one {@code bench --conv} run measured: {@code --json} writes it with Jackson (snake-case names), and
 * {@link ConvTables} prints the same figures. The speed-up is the naive median over the fast median (the notebook's
 * "Speedup"); {@code fast_vs_numpy} is the fast median over NumPy's median in the same turns (below 1: faster than
 * NumPy).
 *
 * @param mode        always {@code conv}, so that a reader tells this report from the training step's
 * @param workload    the shapes, {@code conv_param}, {@code pool_param} and seed
 * @param jdk         the JVM
 * @param cpu         the processor
 * @param cores       cores the JVM may use
 * @param settings    the stopwatch's settings for the fast path and NumPy
 * @param naive       its settings for the naive loops (fewer runs, one call each, a shorter warm-up)
 * @param numpy       NumPy's versions, or why it was not measured
 * @param results     backend → dtype → layer ({@link ConvOp#task()}) → figures
 * @param unavailable backends (or backend dtypes) not measured, with the reason
 *
 * <p>The JSON also holds {@code speed_target}, the verdicts of {@link #speedTarget()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConvReport(String mode, ConvWorkload.Spec workload, BenchReport.Jdk jdk, CpuInfo cpu, int cores,
        BenchReport.Settings settings, BenchReport.Settings naive, BenchReport.Numpy numpy,
        Map<String, Map<String, Map<String, LayerFigures>>> results, Map<String, String> unavailable) {

    /**
     * One timing.
     *
     * @param msMedian      median duration of one call, ms
     * @param msMin         fastest, ms
     * @param reps          timed samples the median is over
     * @param budgetLimited whether the time budget cut the samples short
     * @param opsPerSample  calls per sample
     */
    record Timed(double msMedian, double msMin, int reps, boolean budgetLimited, int opsPerSample) {

        static Timed of(Timing t) {
            return t == null
                    ? null
                    : new Timed(t.medianMillis(), t.minMillis(), t.reps(), t.budgetLimited(), t.opsPerSample());
        }
    }

    /**
     * One layer on one backend and dtype.
     *
     * @param naiveOp     the naive side's Python name
     * @param fastOp      the fast side's Python name
     * @param numpyOp     NumPy's {@code fast_layers.py} name (null without NumPy)
     * @param naive       the naive loops
     * @param fast        the fast path
     * @param numpy       NumPy, or null
     * @param speedup     naive median / fast median
     * @param fastVsNumpy fast median / NumPy median, or null
     * @param differences {@code rel_error(naive, fast)} of each result
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LayerFigures(String naiveOp, String fastOp, String numpyOp, Timed naive, Timed fast, Timed numpy,
            double speedup, Double fastVsNumpy, Map<String, Double> differences) {
    }

    /** The backend whose fast conv issue 15 wants no slower than NumPy's strided layers. */
    static final String TARGET_BACKEND = "pure";
    /** The layers of that target. */
    static final List<String> TARGET_LAYERS = List.of(ConvOp.CONV_FORWARD.task(), ConvOp.CONV_BACKWARD.task());

    /**
     * The speed target on one layer: {@value #TARGET_BACKEND}'s fast layer no slower than NumPy's strided one.
     *
     * @param dtype         float64 or float32
     * @param layer         conv_forward or conv_backward
     * @param fastVsNumpy   fast median / NumPy median
     * @param met           {@code fastVsNumpy <= 1}
     * @param budgetLimited whether the time budget cut either side's samples short (a median of few runs)
     */
    record TargetCheck(String dtype, String layer, double fastVsNumpy, boolean met, boolean budgetLimited) {
    }

    /** The target's verdicts, in the order measured; null unless {@value #TARGET_BACKEND} and NumPy were measured. */
    @JsonProperty("speed_target")
    List<TargetCheck> speedTarget() {
        Map<String, Map<String, LayerFigures>> target = results.get(TARGET_BACKEND);
        if (target == null || numpy == null || !numpy.available()) {
            return null;
        }
        List<TargetCheck> checks = new ArrayList<>();
        target.forEach((dtype, layers) -> TARGET_LAYERS.forEach(layer -> {
            LayerFigures f = layers.get(layer);
            Double v = f == null ? null : f.fastVsNumpy();
            if (v != null) {
                checks.add(new TargetCheck(dtype, layer, v, v <= 1,
                        f.fast().budgetLimited() || f.numpy().budgetLimited()));
            }
        }));
        return checks.isEmpty() ? null : checks;
    }

    /** The figures of every cell. */
    static Map<String, Map<String, Map<String, LayerFigures>>> results(List<Cell> cells) {
        Map<String, Map<String, Map<String, LayerFigures>>> results = new LinkedHashMap<>();
        for (Cell cell : cells) {
            Map<String, LayerFigures> layers = new LinkedHashMap<>();
            cell.ops().forEach((op, m) -> layers.put(op.task(), figures(op, m)));
            results.computeIfAbsent(cell.backend(), k -> new LinkedHashMap<>()).put(cell.dtype().numpyName(), layers);
        }
        return results;
    }

    private static LayerFigures figures(ConvOp op, Measured m) {
        Timing np = m.numpy();
        return new LayerFigures(op.naive(), op.fast(), np == null ? null : op.numpy(), Timed.of(m.naive()),
                Timed.of(m.fast()), Timed.of(np), m.naive().medianNanos() / m.fast().medianNanos(),
                np == null ? null : BenchReport.ratio(m.fast(), np), m.differences());
    }
}
