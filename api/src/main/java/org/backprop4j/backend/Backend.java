package org.backprop4j.backend;

import java.util.EnumSet;
import java.util.Set;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;

/**
 * A matrix backend: creates {@link Matrix} instances of its own kind and supplies the layer and loss
 * {@link Kernels} that run on them. Obtain one through {@link Backends}; implement one by shipping a
 * {@link BackendProvider}.
 */
public interface Backend {

    /** The name users select this backend by, e.g. {@code pure}; lower case. */
    String name();

    /** The dtypes this backend supports (every shipped backend supports both). */
    default Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    /** A new zero matrix of shape {@code (rows, cols)}. */
    Matrix zeros(int rows, int cols, DType dtype);

    /**
     * A new matrix of shape {@code (rows, cols)} holding a copy of {@code rowMajor}, rounded to {@code dtype}.
     *
     * @throws IllegalArgumentException if the array does not hold {@code rows * cols} values
     */
    Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype);

    /**
     * A new matrix of shape {@code (rows, cols)} filled one row at a time by {@code source}, so that a
     * large data set is held once, in the backend's own storage, without a full-size temporary copy.
     */
    default Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        MatrixChecks.requireShape(rows, cols);
        double[] all = new double[Math.multiplyExact(rows, cols)];
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            source.row(r, row);
            System.arraycopy(row, 0, all, r * cols, cols);
        }
        return fromArray(rows, cols, all, dtype);
    }

    /** A new matrix from nested rows {@code [rows][cols]}; all rows must have the same length. */
    default Matrix fromRows(double[][] rows, DType dtype) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " values but row 0 has " + cols + ": all rows must have the same length.");
            }
        }
        return fromRows(rows.length, cols, dtype, (r, buffer) -> System.arraycopy(rows[r], 0, buffer, 0, cols));
    }

    /** A row vector of shape {@code (1, values.length)}, the shape of biases. */
    default Matrix rowVector(double[] values, DType dtype) {
        return fromArray(1, values.length, values, dtype);
    }

    /** A new matrix of shape {@code (rows, cols)} with every element equal to {@code value}. */
    default Matrix full(int rows, int cols, double value, DType dtype) {
        Matrix m = zeros(rows, cols, dtype);
        m.fill(value);
        return m;
    }

    /** {@code m} itself if it belongs to this backend, else a copy of it on this backend (same dtype). */
    default Matrix convert(Matrix m) {
        if (m.backendName().equals(name())) {
            return m;
        }
        return fromArray(m.rows(), m.cols(), m.toArray(), m.dtype());
    }

    /** The layer and loss kernels of this backend: the defaults built from {@link Matrix} ops unless overridden. */
    default Kernels kernels() {
        return Kernels.DEFAULT;
    }

    /**
     * Supplies the rows of a matrix under construction. A backend asks for every row exactly once, in
     * order {@code 0, 1, ..., rows - 1}, so a source may stream them from a file.
     */
    @FunctionalInterface
    interface RowSource {
        /** Writes row {@code r} into {@code buffer}, which has exactly {@code cols} elements. */
        void row(int r, double[] buffer);
    }
}
