package org.backprop4j.solver.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.matrix.Matrix;

/**
 * The per-parameter {@code config} dictionary of cs231n's {@code optim.py}: hyper-parameters
 * ({@code learning_rate}, {@code momentum}, ...), state matrices ({@code velocity}, {@code cache},
 * {@code m}, {@code v}) and the step count {@code t}. Update rules fill in their defaults on first
 * use, as {@code config.setdefault(...)} does.
 */
public final class OptimConfig {

    private final Map<String, Double> hyper = new LinkedHashMap<>();
    private final Map<String, Matrix> state = new LinkedHashMap<>();
    private long t;

    /** A config with the given hyper-parameters (e.g. {@code learning_rate}). */
    public OptimConfig(Map<String, Double> hyperParameters) {
        hyper.putAll(hyperParameters);
    }

    /** A hyper-parameter, setting it to {@code fallback} if absent ({@code config.setdefault}). */
    public double setDefault(String key, double fallback) {
        return hyper.computeIfAbsent(key, k -> fallback);
    }

    /** A hyper-parameter that must be present. */
    public double get(String key) {
        Double v = hyper.get(key);
        if (v == null) {
            throw new IllegalStateException("optimizer config has no '" + key + "' (it has " + hyper.keySet() + ").");
        }
        return v;
    }

    /** Sets a hyper-parameter. */
    public void set(String key, double value) {
        hyper.put(key, value);
    }

    /** A state matrix, created as zeros shaped like {@code like} on first use ({@code np.zeros_like(w)}). */
    public Matrix state(String key, Matrix like) {
        return state.computeIfAbsent(key, k -> like.zeros(like.rows(), like.cols()));
    }

    /** Replaces a state matrix (checkpoint restore). */
    public void putState(String key, Matrix value) {
        state.put(key, value);
    }

    /** The step count {@code t} (Adam). */
    public long t() {
        return t;
    }

    /** Sets the step count. */
    public void setT(long t) {
        this.t = t;
    }

    /** The hyper-parameters, in insertion order (read-only view). */
    public Map<String, Double> hyperParameters() {
        return Collections.unmodifiableMap(hyper);
    }

    /** The state matrices, in insertion order (read-only view). */
    public Map<String, Matrix> stateMatrices() {
        return Collections.unmodifiableMap(state);
    }
}
