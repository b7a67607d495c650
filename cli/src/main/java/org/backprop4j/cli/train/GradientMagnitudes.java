package org.backprop4j.cli.train;

import java.util.Arrays;

import org.backprop4j.models.Parameters;
import org.backprop4j.solver.SolverListener;

/**
 * Seed 002's {@code grad_magnitude_history} for {@code train --model mlp}: {@code np.linalg.norm(grads['W1'])}, the
 * Frobenius norm of the first layer's gradient, at every iteration, which the first panel of {@code curves.png}
 * shows. Iterations this process did not run (those before a {@code --resume}) stay NaN, so the history lines up
 * with the loss history.
 */
final class GradientMagnitudes implements SolverListener {

    private final double[] norms;

    /** A history for a run of {@code numIterations} iterations. */
    GradientMagnitudes(int numIterations) {
        norms = new double[numIterations];
        Arrays.fill(norms, Double.NaN);
    }

    @Override
    public void onGradients(int iteration, Parameters grads) {
        norms[iteration - 1] = grads.get("W1").norm();
    }

    /** The norms of the first {@code iterations} iterations. */
    double[] history(int iterations) {
        return Arrays.copyOf(norms, iterations);
    }
}
