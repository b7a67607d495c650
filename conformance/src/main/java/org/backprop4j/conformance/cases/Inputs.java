package org.backprop4j.conformance.cases;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** Seeded inputs, drawn as NumPy draws them, so every backend (and the reference) gets the same numbers. */
public final class Inputs {

    private Inputs() {
    }

    /** {@code scale * np.random.RandomState(seed).randn(rows, cols)} on {@code b}. */
    public static Matrix randn(Backend b, DType dtype, long seed, int rows, int cols, double scale) {
        double[] g = new NumpyRandom(seed).randn(rows * cols);
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        return b.fromArray(rows, cols, g, dtype);
    }

    /** {@code np.random.RandomState(seed).randint(c, size=n)}: labels in [0, c). */
    public static int[] labels(long seed, int n, int c) {
        return new NumpyRandom(seed).randintInt(c, n);
    }

    /** {@code np.random.RandomState(seed).uniform(lo, hi, (rows, cols))} on {@code b}, float64. */
    public static Matrix uniform(Backend b, long seed, int rows, int cols, double lo, double hi) {
        return b.fromArray(rows, cols, new NumpyRandom(seed).uniform(lo, hi, rows * cols), DType.FLOAT64);
    }
}
