package org.backprop4j.solver.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Blobs;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    private final Backend b = Backends.get("pure");
    private final TrainingData data = Blobs.make(b, 100, 20, 6, 3, 2);

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] minus(double[] a, double[] c) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - c[i];
        }
        return d;
    }

    private Solver solver(String rule, FullyConnectedNet model, NumpyRandom rng) {
        return new Solver(model, data, SolverOptions.builder().updateRule(rule).learningRate(0.05).batchSize(20)
                .numEpochs(3).build(), rng);
    }

    /**
     * The numbers against two parameter snapshots per iteration taken here: ‖W‖ before the update, ‖ΔW‖/‖W‖ from
     * the difference, ‖∇W‖ from the gradient; with sgd the ratio is also lr·‖∇W‖/‖W‖.
     */
    @Test
    void theRatiosAreThoseOfTwoSuccessiveParameterSnapshots() {
        for (String rule : new String[] {"sgd", "adam"}) {
            NumpyRandom rng = new NumpyRandom(0);
            FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(10, 8).inputDim(6)
                    .numClasses(3).weightScale(0.1).dtype(DType.FLOAT64), rng);
            Solver s = solver(rule, model, rng);
            Map<Integer, Map<String, double[]>> before = new HashMap<>();
            Map<Integer, Map<String, double[]>> after = new HashMap<>();
            Map<Integer, Map<String, double[]>> grads = new HashMap<>();
            Diagnostics d = new Diagnostics(s, 4);
            s.addListener(d);
            s.addListener(new SolverListener() {
                @Override
                public void onIterationBegin(int iteration, int numIterations) {
                    before.put(iteration, arrays(model.params()));
                }

                @Override
                public void onGradients(int iteration, Parameters g) {
                    grads.put(iteration, arrays(g));
                }

                @Override
                public void onIteration(int iteration, int numIterations, double loss, int epoch, long t) {
                    after.put(iteration, arrays(model.params()));
                }
            });
            s.train();
            // 100 / 20 = 5 iterations per epoch, 15 in all: the first, multiples of 4, epoch ends
            assertEquals(List.of(1, 4, 5, 8, 10, 12, 15), d.snapshots().stream().map(Snapshot::iteration).toList());
            assertEquals(List.of(0, 0, 1, 1, 2, 2, 3), d.snapshots().stream().map(Snapshot::epoch).toList());
            for (Snapshot snap : d.snapshots()) {
                int it = snap.iteration();
                assertEquals(it % 5 == 0, snap.epochEnd());
                assertEquals(model.params().names(), snap.params().stream().map(ParamStats::name).toList());
                for (ParamStats p : snap.params()) {
                    double[] w0 = before.get(it).get(p.name());
                    double[] w1 = after.get(it).get(p.name());
                    double n0 = norm(w0);
                    assertEquals(n0, p.norm(), 1e-12 * n0, rule + " " + p);
                    assertEquals(norm(grads.get(it).get(p.name())), p.gradNorm(), 1e-12 * p.gradNorm(), rule + " " + p);
                    if (n0 == 0) {
                        assertTrue(Double.isNaN(p.updateRatio()), "a zero parameter has no ratio: " + p);
                    } else {
                        assertEquals(norm(minus(w1, w0)) / n0, p.updateRatio(), 1e-9 * p.updateRatio(), rule + " " + p);
                        if (rule.equals("sgd")) {
                            assertEquals(0.05 * p.gradNorm() / p.norm(), p.updateRatio(), 1e-9 * p.updateRatio());
                        }
                    }
                }
                assertEquals(List.of(1, 2), snap.layers().stream().map(LayerStats::layer).toList());
                for (LayerStats l : snap.layers()) {
                    assertEquals(snap.param("W" + l.layer()).gradNorm(), l.gradNorm(), 0.0);
                    assertEquals(snap.epochEnd(), l.histogram() != null);
                }
            }
        }
    }

    /** Units whose bias is far below any pre-activation never fire: exactly those are counted dead. */
    @Test
    void unitsThatNeverFireAreCountedDead() {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(10).inputDim(6).numClasses(3)
                .weightScale(0.1).dtype(DType.FLOAT64), rng);
        double[] b1 = new double[10];
        for (int j = 0; j < 4; j++) {
            b1[j * 2] = -1e3;
        }
        model.params().get("b1").assign(b.fromArray(1, 10, b1, DType.FLOAT64));
        Solver s = solver("sgd", model, rng);
        Diagnostics d = new Diagnostics(s, 100);
        s.addListener(d);
        s.train();
        LayerStats first = d.snapshots().get(0).layers().get(0);
        assertEquals(0.4, first.inactiveFraction(), 0.0);
        assertEquals("relu", first.activation());
        assertNull(first.histogram(), "iteration 1 is no epoch end");
        Histogram h = d.snapshots().get(1).layers().get(0).histogram();
        assertEquals(Diagnostics.BINS, h.counts().length);
        assertEquals(20 * 10, java.util.Arrays.stream(h.counts()).sum(), "every activation of the minibatch");
        assertEquals(0.0, h.lo(), 0.0);
    }

    @Test
    void layerStatsAndHistogramsByHand() {
        // 3 examples, 4 units; unit 2 is zero throughout
        double[] relu = {0, 1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 4};
        LayerStats r = LayerStats.of(1, "relu", relu, 3, 4, 7.0, true);
        assertEquals(10.0 / 12, r.mean(), 1e-15);
        double var = 0;
        for (double v : relu) {
            var += (v - 10.0 / 12) * (v - 10.0 / 12);
        }
        assertEquals(Math.sqrt(var / 12), r.std(), 1e-15);
        assertEquals(0.25, r.inactiveFraction(), 0.0);
        assertEquals(7.0, r.gradNorm(), 0.0);
        double[] sigmoid = {0.01, 0.5, 0.97, 0.2, 0.96, 0.04};
        assertEquals(4.0 / 6, LayerStats.of(1, "sigmoid", sigmoid, 2, 3, 1, false).inactiveFraction(), 1e-15);

        Histogram h = Histogram.of(new double[] {0, 1, 1, 2, 3, 4}, 4);
        assertEquals(0, h.lo(), 0.0);
        assertEquals(4, h.hi(), 0.0);
        assertArrayEquals(new long[] {1, 2, 1, 2}, h.counts(), "bins [0,1) [1,2) [2,3) [3,4]");
        assertArrayEquals(new long[] {3}, Histogram.of(new double[] {2, 2, 2}, 4).counts());
    }

    private static Map<String, double[]> arrays(Parameters p) {
        Map<String, double[]> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k, v.toArray()));
        return m;
    }
}
