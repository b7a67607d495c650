package org.backprop4j.solver.checkpoint;

import java.util.Map;

/**
 * One parameter's optimizer config in a checkpoint.
 *
 * @param hyperParameters e.g. {@code learning_rate} (already decayed), {@code momentum}
 * @param t               the step count (Adam)
 * @param state           e.g. {@code velocity}, {@code m}, {@code v}
 */
public record OptimState(Map<String, Double> hyperParameters, long t, Map<String, Tensor> state) {
}
