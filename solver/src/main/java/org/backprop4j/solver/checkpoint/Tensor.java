package org.backprop4j.solver.checkpoint;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * A matrix as stored in a checkpoint: shape and row-major values widened to double (exact for
 * float32 values, so restoring a float32 matrix gives back the same bits).
 *
 * @param rows rows
 * @param cols columns
 * @param data row-major values
 */
public record Tensor(int rows, int cols, double[] data) {

    /** Checks the length. */
    public Tensor {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape (" + rows + ", " + cols + ") needs " + (long) rows * cols
                            + " values, got " + data.length + ".");
        }
    }

    /** A snapshot of {@code m}. */
    public static Tensor of(Matrix m) {
        return new Tensor(m.rows(), m.cols(), m.toArray());
    }

    /** A new matrix on {@code backend} with these values. */
    public Matrix toMatrix(Backend backend, DType dtype) {
        return backend.fromArray(rows, cols, data, dtype);
    }

    /** The shape as NumPy prints it. */
    public String shape() {
        return "(" + rows + ", " + cols + ")";
    }
}
