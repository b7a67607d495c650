package org.backprop4j.models;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/**
 * Weight initialisation drawn from a {@link NumpyRandom} exactly as the notebooks draw it, computed
 * in double precision (as NumPy does) and only then rounded to the model's dtype, so every backend
 * starts from the same numbers.
 */
public final class WeightInit {

    private WeightInit() {
    }

    /** {@code std * np.random.randn(rows, cols)} (cs231n {@code neural_net.py}). */
    public static Matrix randn(Backend backend, DType dtype, NumpyRandom rng, int rows, int cols, double std) {
        double[] g = rng.randn(Math.multiplyExact(rows, cols));
        for (int i = 0; i < g.length; i++) {
            g[i] = std * g[i];
        }
        return backend.fromArray(rows, cols, g, dtype);
    }

    /** {@code np.random.normal(0, scale, (rows, cols))} (nndl {@code fc_net.py}). */
    public static Matrix normal(Backend backend, DType dtype, NumpyRandom rng, int rows, int cols, double scale) {
        return backend.fromArray(rows, cols, rng.normal(0.0, scale, Math.multiplyExact(rows, cols)), dtype);
    }

    /** A zero bias row vector of shape (1, n), {@code np.zeros(n)}. */
    public static Matrix zeros(Backend backend, DType dtype, int n) {
        return backend.zeros(1, n, dtype);
    }
}
