package org.backprop4j.benchmarks;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** Random benchmark operands, drawn as NumPy draws {@code np.random.randn(rows, cols)} and rounded once to the dtype. */
final class Operands {

    private Operands() {
    }

    /** A (rows, cols) matrix of standard normal draws from {@code rng}. */
    static Matrix randn(Backend backend, DType dtype, NumpyRandom rng, int rows, int cols) {
        return backend.fromArray(rows, cols, rng.randn(Math.multiplyExact(rows, cols)), dtype);
    }
}
