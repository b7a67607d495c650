package org.backprop4j.solver.diagnostics;

import java.util.List;

/**
 * The diagnostics of one iteration.
 *
 * @param iteration 1-based iteration
 * @param epoch     epochs completed after it
 * @param epochEnd  whether it ended an epoch
 * @param params    every parameter, in the model's order
 * @param layers    every hidden layer the model shows ({@link org.backprop4j.models.Model#observeActivations})
 */
public record Snapshot(int iteration, int epoch, boolean epochEnd, List<ParamStats> params, List<LayerStats> layers) {

    /** Copies the lists. */
    public Snapshot {
        params = List.copyOf(params);
        layers = List.copyOf(layers);
    }

    /** The statistics of parameter {@code name}. */
    public ParamStats param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name + " in this snapshot."));
    }
}
