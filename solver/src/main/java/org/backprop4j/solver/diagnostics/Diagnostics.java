package org.backprop4j.solver.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.Parameters;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;

/**
 * What cs231n's notes ("Babysitting the learning process") ask to watch while a net trains, recorded every
 * {@code every} iterations, at the first iteration and at every epoch end: per parameter ‖W‖, the update:weight
 * ratio ‖ΔW‖/‖W‖ and ‖∇W‖; per hidden layer the mean and spread of its activations, the fraction of dead ReLUs
 * (or saturated sigmoids), and the gradient norm of its weights; at epoch ends, the activations' histograms.
 *
 * <p>The activations are those the model's own training forward pass computes, handed over by
 * {@link Model#observeActivations} on the diagnosed iterations only; ΔW is the difference of the parameter after
 * and before the update (a copy is taken on those iterations), so it is what the update rule did, momentum and
 * Adam's scaling included. The other iterations cost nothing but a modulo.
 */
public final class Diagnostics implements SolverListener {

    /** Bins of an activation histogram. */
    public static final int BINS = 30;

    private final Solver solver;
    private final int every;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<Consumer<Snapshot>> observers = new ArrayList<>();

    private boolean due;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Matrix> before = new LinkedHashMap<>();
    private final Map<String, Double> gradNorms = new LinkedHashMap<>();

    private record Layer(int layer, String activation, double[] values, int n, int h) {
    }

    /**
     * Diagnoses {@code solver}'s run every {@code every} iterations (and at the first iteration and every epoch
     * end).
     *
     * @param every at least 1
     */
    public Diagnostics(Solver solver, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("diagnostics need an interval of at least 1, got " + every + ".");
        }
        this.solver = solver;
        this.every = every;
    }

    /** Also hands each snapshot to {@code observer} as it is taken (the sanity checks, for instance). */
    public Diagnostics onSnapshot(Consumer<Snapshot> observer) {
        observers.add(observer);
        return this;
    }

    /** The interval. */
    public int every() {
        return every;
    }

    /** The snapshots so far, in order. */
    public List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /** Whether iteration {@code iteration} (1-based) is diagnosed. */
    public boolean isDiagnosed(int iteration) {
        return iteration == 1 || iteration % every == 0 || iteration % solver.iterationsPerEpoch() == 0;
    }

    @Override
    public void onIterationBegin(int iteration, int numIterations) {
        due = isDiagnosed(iteration);
        if (due) {
            layers.clear();
            solver.model().observeActivations((layer, activation, values) -> layers
                    .add(new Layer(layer, activation, values.toArray(), values.rows(), values.cols())));
        }
    }

    @Override
    public void onGradients(int iteration, Parameters grads) {
        if (!due) {
            return;
        }
        solver.model().observeActivations(null);
        before.clear();
        gradNorms.clear();
        solver.model().params().forEach((name, w) -> {
            before.put(name, w.copy());
            gradNorms.put(name, grads.get(name).norm());
        });
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        if (!due) {
            return;
        }
        due = false;
        boolean epochEnd = iteration % solver.iterationsPerEpoch() == 0;
        List<ParamStats> params = new ArrayList<>();
        solver.model().params().forEach((name, w) -> {
            Matrix old = before.get(name);
            double norm = old.norm();
            double ratio = norm > 0 ? w.sub(old).norm() / norm : Double.NaN;
            params.add(new ParamStats(name, norm, ratio, gradNorms.get(name)));
        });
        List<LayerStats> hidden = new ArrayList<>();
        for (Layer l : layers) {
            Double g = gradNorms.get("W" + l.layer());
            hidden.add(LayerStats.of(l.layer(), l.activation(), l.values(), l.n(), l.h(), g == null ? Double.NaN : g,
                    epochEnd));
        }
        Snapshot s = new Snapshot(iteration, epochEnd ? epoch + 1 : epoch, epochEnd, params, hidden);
        snapshots.add(s);
        before.clear();
        layers.clear();
        for (Consumer<Snapshot> o : observers) {
            o.accept(s);
        }
    }

    @Override
    public void onTrainEnd(int iteration, int numIterations, String stopReason) {
        solver.model().observeActivations(null);
    }
}
