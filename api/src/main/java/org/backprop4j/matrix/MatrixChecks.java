package org.backprop4j.matrix;

/**
 * The argument checks every backend runs before an operation, so that all backends reject the same
 * inputs with the same one-sentence messages.
 */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /** The shape as NumPy prints it, e.g. {@code (5, 3)}. */
    public static String shape(Matrix m) {
        return "(" + m.rows() + ", " + m.cols() + ")";
    }

    /** Throws unless both matrices come from the same backend and have the same dtype. */
    public static void requireCompatible(String op, Matrix a, Matrix b) {
        if (!a.backendName().equals(b.backendName())) {
            throw new IllegalArgumentException(op + ": cannot mix a matrix of backend '" + a.backendName()
                    + "' with one of backend '" + b.backendName() + "'; convert one with Backend.convert first.");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": cannot mix dtypes " + a.dtype() + " and " + b.dtype()
                    + "; convert one with toDType first.");
        }
    }

    /** Throws unless both matrices are compatible and have the same shape. */
    public static void requireSameShape(String op, Matrix a, Matrix b) {
        requireCompatible(op, a, b);
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": operands could not be broadcast together with shapes "
                    + shape(a) + " and " + shape(b) + ".");
        }
    }

    /** Throws unless {@code row} is compatible with {@code m} and has shape {@code (1, m.cols)}. */
    public static void requireRowVector(String op, Matrix m, Matrix row) {
        requireCompatible(op, m, row);
        if (row.rows() != 1 || row.cols() != m.cols()) {
            throw new IllegalArgumentException(op + ": expected a row vector of shape (1, " + m.cols()
                    + ") to broadcast over a matrix of shape " + shape(m) + ", got shape " + shape(row) + ".");
        }
    }

    /** Throws unless {@code column} is compatible with {@code m} and has shape {@code (m.rows, 1)}. */
    public static void requireColumnVector(String op, Matrix m, Matrix column) {
        requireCompatible(op, m, column);
        if (column.cols() != 1 || column.rows() != m.rows()) {
            throw new IllegalArgumentException(op + ": expected a column vector of shape (" + m.rows()
                    + ", 1) to broadcast over a matrix of shape " + shape(m) + ", got shape " + shape(column) + ".");
        }
    }

    /** Checks the operands of {@code c = alpha op(a) op(b) + beta c}. */
    public static void requireGemm(Matrix c, Matrix a, boolean transA, Matrix b, boolean transB) {
        requireCompatible("dot", a, b);
        requireCompatible("dot", c, a);
        int m = transA ? a.cols() : a.rows();
        int ka = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (ka != kb) {
            throw new IllegalArgumentException("dot: shapes " + shape(a) + (transA ? ".T" : "") + " and "
                    + shape(b) + (transB ? ".T" : "") + " not aligned: " + ka + " (dim 1) != " + kb + " (dim 0).");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("dot: the product of " + shape(a) + (transA ? ".T" : "") + " and "
                    + shape(b) + (transB ? ".T" : "") + " has shape (" + m + ", " + n
                    + ") but the output has shape " + shape(c) + ".");
        }
    }

    /** Throws unless {@code axis} is 0 or 1. */
    public static void requireAxis(int axis) {
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for a 2-D matrix: expected 0 or 1.");
        }
    }

    /** Throws unless a new matrix of this shape is allowed (non-negative sizes). */
    public static void requireShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimensions are not allowed: (" + rows + ", " + cols + ").");
        }
    }

    /** Throws unless {@code data} holds exactly {@code rows * cols} elements. */
    public static void requireLength(int rows, int cols, int length) {
        requireShape(rows, cols);
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("cannot reshape an array of size " + length + " into shape ("
                    + rows + ", " + cols + ").");
        }
    }

    /** Throws unless {@code (r, c)} lies inside {@code m}. */
    public static void requireElement(Matrix m, int r, int c) {
        if (r < 0 || r >= m.rows() || c < 0 || c >= m.cols()) {
            throw new IndexOutOfBoundsException("index (" + r + ", " + c + ") is out of bounds for a matrix of shape "
                    + shape(m) + ".");
        }
    }

    /** Throws unless every row index lies in {@code [0, m.rows)}. */
    public static void requireRowIndices(Matrix m, int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= m.rows()) {
                throw new IndexOutOfBoundsException("row index " + indices[i] + " at position " + i
                        + " is out of bounds for a matrix of shape " + shape(m) + ".");
            }
        }
    }

    /** Throws unless there is one column index per row, each in {@code [0, m.cols)}. */
    public static void requireColumnPerRow(Matrix m, int[] columns) {
        if (columns.length != m.rows()) {
            throw new IllegalArgumentException("expected one column index per row (" + m.rows() + "), got "
                    + columns.length + " for a matrix of shape " + shape(m) + ".");
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 || columns[i] >= m.cols()) {
                throw new IndexOutOfBoundsException("column index " + columns[i] + " for row " + i
                        + " is out of bounds for a matrix of shape " + shape(m) + ".");
            }
        }
    }
}
