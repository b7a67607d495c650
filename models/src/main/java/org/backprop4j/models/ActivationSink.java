package org.backprop4j.models;

import org.backprop4j.matrix.Matrix;

/**
 * Hears the hidden layers' activations of a model's training-time forward pass, when a caller has asked for them
 * with {@link Model#observeActivations} (the diagnostics do, every few iterations): the outputs the forward pass
 * computes anyway, handed over as they are made, not recomputed.
 */
@FunctionalInterface
public interface ActivationSink {

    /**
     * One hidden layer's output, after its nonlinearity and before any dropout.
     *
     * @param layer      1-based hidden layer
     * @param activation its nonlinearity, {@code relu} or {@code sigmoid}
     * @param values     shape (N, H), one row per example; read it during the call, never change it
     */
    void hidden(int layer, String activation, Matrix values);
}
