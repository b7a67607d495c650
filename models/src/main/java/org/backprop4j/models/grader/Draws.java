package org.backprop4j.models.grader;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Linspace;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** The notebooks' ways of making inputs, in float64 on the grading backend. */
final class Draws {

    /** The seeds the grader draws from after the notebook's own {@code np.random.seed(231)}. */
    static final long[] OTHER_SEEDS = {1, 2, 3};

    private Draws() {
    }

    /** {@code np.random.randn(rows, cols)} from {@code rng}. */
    static Matrix randn(Backend b, NumpyRandom rng, int rows, int cols) {
        return b.fromArray(rows, cols, rng.randn(rows * cols), DType.FLOAT64);
    }

    /** {@code scale * np.random.randn(rows, cols) + shift} from {@code rng}. */
    static Matrix randn(Backend b, NumpyRandom rng, int rows, int cols, double scale, double shift) {
        double[] v = rng.randn(rows * cols);
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * v[i] + shift;
        }
        return b.fromArray(rows, cols, v, DType.FLOAT64);
    }

    /** {@code np.linspace(lo, hi, num=rows * cols).reshape(rows, cols)}. */
    static Matrix linspace(Backend b, int rows, int cols, double lo, double hi) {
        return b.fromArray(rows, cols, Linspace.of(lo, hi, rows * cols), DType.FLOAT64);
    }

    /** A row vector {@code (1, values.length)}. */
    static Matrix row(Backend b, double... values) {
        return b.rowVector(values, DType.FLOAT64);
    }
}
