package org.backprop4j.solver.diagnostics;

/**
 * One parameter at one diagnosed iteration, the numbers cs231n's notes ask to watch.
 *
 * @param name        the parameter, e.g. {@code W1}
 * @param norm        ‖W‖, the Frobenius norm of the parameter before the iteration's update
 * @param updateRatio ‖ΔW‖ / ‖W‖, the norm of the update over {@link #norm} (about 1e-3 is healthy); NaN when
 *                    ‖W‖ is 0 (biases at the start)
 * @param gradNorm    ‖∇W‖, the norm of the minibatch gradient the update used
 */
public record ParamStats(String name, double norm, double updateRatio, double gradNorm) {
}
