package org.backprop4j.cli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;

/**
 * What the dashboard shows of one run (a {@code train}, or one trial of {@code tune}), as the run goes: its
 * options, status, the loss of every iteration, the accuracies of every check, the diagnostics and the first-layer
 * weights as a PNG. Written by the training thread ({@link DashboardListener}), read by the server's threads:
 * every method is synchronized, and {@link #json()} copies.
 */
public final class RunState {

    private final String name;
    private final Map<String, Object> options;
    private String status = "waiting";
    private String message;
    private int firstIteration = 1;
    private int iteration;
    private int numIterations;
    private int epoch;
    private int numEpochs;
    private int iterationsPerEpoch;
    private double seconds;
    private final List<Double> loss = new ArrayList<>();
    private final List<Map<String, Object>> checks = new ArrayList<>();
    private final List<Map<String, Object>> diagnostics = new ArrayList<>();
    private byte[] weightsPng;
    private int weightsVersion;

    /**
     * @param name    how the page names the run, e.g. {@code train} or {@code trial-003}
     * @param options what the run was asked to do, shown as a table (values as JSON writes them)
     */
    public RunState(String name, Map<String, Object> options) {
        this.name = name;
        this.options = new LinkedHashMap<>(options);
    }

    /** The run's name. */
    public String name() {
        return name;
    }

    /**
     * Adds options known once the run is wired (the model, the Solver's settings); those given at construction
     * (a trial's hyper-parameters, as numbers) are kept.
     */
    public synchronized void options(Map<String, Object> more) {
        more.forEach(options::putIfAbsent);
    }

    /**
     * The status: {@code waiting}, {@code running}; at the end {@code finished}, {@code stopped} (early),
     * {@code diverged}, or for a tune trial {@code ok} or {@code failed}.
     *
     * @param message why it diverged, failed or stopped, or null
     */
    public synchronized void status(String status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The status (see {@link #status(String, String)}). */
    public synchronized String status() {
        return status;
    }

    /**
     * The run starts (or resumes) after {@code iteration} iterations of {@code numIterations}; the page shows
     * the iterations from then on.
     */
    synchronized void begin(int iteration, int numIterations, int epoch, int numEpochs, int iterationsPerEpoch) {
        this.status = "running";
        this.firstIteration = iteration + 1;
        this.iteration = iteration;
        this.numIterations = numIterations;
        this.epoch = epoch;
        this.numEpochs = numEpochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
        loss.clear();
    }

    /** Iteration {@code iteration} (1-based) ended with minibatch loss {@code value}. */
    synchronized void loss(int iteration, double value, int epoch, double seconds) {
        this.iteration = iteration;
        this.epoch = epoch;
        this.seconds = seconds;
        loss.add(value);
    }

    /** An accuracy check after iteration {@code iteration}. */
    synchronized void check(int iteration, int epoch, double trainAcc, double valAcc) {
        this.epoch = epoch; // an epoch's last iteration is heard before the epoch is counted
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iteration", iteration);
        c.put("epoch", epoch);
        c.put("train_acc", finite(trainAcc));
        c.put("val_acc", finite(valAcc));
        checks.add(c);
    }

    /** A diagnostics snapshot: the update ratios of the weights and the hidden layers' statistics. */
    synchronized void diagnostics(Snapshot s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("iteration", s.iteration());
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (ParamStats p : s.params()) {
            if (p.name().startsWith("W")) {
                ratios.put(p.name(), finite(p.updateRatio()));
            }
        }
        d.put("update_ratio", ratios);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerStats l : s.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l.layer());
            m.put("activation", l.activation());
            m.put("mean", finite(l.mean()));
            m.put("std", finite(l.std()));
            m.put("inactive", finite(l.inactiveFraction()));
            layers.add(m);
        }
        d.put("layers", layers);
        diagnostics.add(d);
    }

    /** The first-layer weights drawn as weights.png draws them. */
    synchronized void weights(byte[] png) {
        weightsPng = png;
        weightsVersion++;
    }

    /** The latest first-layer weights as PNG bytes, or null if the run has none (yet). */
    public synchronized byte[] weightsPng() {
        return weightsPng;
    }

    /**
     * The run as the page reads it: {@code loss[k]} is the loss of iteration {@code first_iteration + k};
     * {@code eta_seconds} extrapolates the time per iteration so far. Non-finite numbers are null.
     */
    public synchronized Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status);
        m.put("message", message);
        m.put("options", new LinkedHashMap<>(options));
        m.put("iteration", iteration);
        m.put("num_iterations", numIterations);
        m.put("epoch", epoch);
        m.put("num_epochs", numEpochs);
        m.put("iterations_per_epoch", iterationsPerEpoch);
        m.put("seconds", seconds);
        int done = iteration - firstIteration + 1;
        m.put("eta_seconds", status.equals("running") && done > 0
                ? seconds / done * (numIterations - iteration)
                : null);
        m.put("first_iteration", firstIteration);
        m.put("loss", loss.stream().map(RunState::finite).toList());
        m.put("checks", List.copyOf(checks));
        m.put("diagnostics", List.copyOf(diagnostics));
        m.put("weights_version", weightsPng == null ? null : weightsVersion);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
