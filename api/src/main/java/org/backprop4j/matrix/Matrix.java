package org.backprop4j.matrix;

/**
 * A dense two-dimensional array of numbers, stored row-major, of one {@link DType}, created by and
 * bound to one backend.
 *
 * <p>The methods mirror NumPy: {@link #dot}, {@link #sum(int)}, {@link #argmax(int)}, broadcasting
 * of a row vector (shape {@code (1, cols)}) or a column vector (shape {@code (rows, 1)}). Methods
 * whose name ends in {@code InPlace} or {@code i} ({@link #addi}, {@link #subi}, ...) overwrite this
 * matrix and allocate nothing; all others return a new matrix and leave their operands unchanged.
 *
 * <p>Every operation checks its operands: a shape mismatch throws an {@link IllegalArgumentException}
 * naming both shapes, and so does mixing two dtypes or two backends (naming both).
 *
 * <p>Biases and other vectors are row vectors of shape {@code (1, n)}. Zero-size matrices (a
 * dimension of 0) behave as NumPy's: sums are 0, products with an inner dimension of 0 are zeros,
 * a maximum over an empty axis is an error. As in NumPy, {@code max}, {@code min} and {@code argmax}
 * propagate NaN (a NaN counts as the extreme value), and a float32 matrix meets a scalar operand
 * rounded to float32 first.
 */
public interface Matrix {

    // ---------------------------------------------------------------- identity and shape

    /** Name of the backend that created this matrix, e.g. {@code pure}. */
    String backendName();

    /** Element type. */
    DType dtype();

    /** Number of rows. */
    int rows();

    /** Number of columns. */
    int cols();

    /** Number of elements, {@code rows * cols}. */
    default long size() {
        return (long) rows() * cols();
    }

    /** The shape as NumPy prints it, e.g. {@code (5, 3)}. */
    default String shape() {
        return MatrixChecks.shape(this);
    }

    // ---------------------------------------------------------------- elements

    /** The element at row {@code r}, column {@code c}. */
    double get(int r, int c);

    /** Sets the element at row {@code r}, column {@code c} (rounded to this dtype). */
    void set(int r, int c, double value);

    /** A row-major copy of all elements, widened to double. */
    double[] toArray();

    /** A copy of the elements as nested rows, {@code [rows][cols]}. */
    default double[][] toRows() {
        double[] a = toArray();
        double[][] out = new double[rows()][cols()];
        for (int r = 0; r < rows(); r++) {
            System.arraycopy(a, r * cols(), out[r], 0, cols());
        }
        return out;
    }

    // ---------------------------------------------------------------- creation on the same backend

    /** A new zero matrix of shape {@code (rows, cols)} on this matrix's backend, of this dtype. */
    Matrix zeros(int rows, int cols);

    /** A new matrix of shape {@code (rows, cols)} on this matrix's backend and dtype, holding a copy of {@code rowMajor}. */
    Matrix create(int rows, int cols, double[] rowMajor);

    /** A new matrix with the same shape, dtype, backend and elements. */
    Matrix copy();

    /** This matrix converted to {@code dtype} (a copy, even if the dtype is the same). */
    Matrix toDType(DType dtype);

    /** The transpose as a new matrix of shape {@code (cols, rows)}. */
    Matrix transpose();

    // ---------------------------------------------------------------- core operations

    /** {@code this op other}, element-wise; both must have the same shape. */
    Matrix apply(BinaryOp op, Matrix other);

    /** {@code this = this op other}, element-wise, in place. */
    void applyInPlace(BinaryOp op, Matrix other);

    /** {@code this op row}, where {@code row} has shape {@code (1, cols)} and is broadcast over the rows. */
    Matrix broadcastRow(BinaryOp op, Matrix row);

    /** {@code this op column}, where {@code column} has shape {@code (rows, 1)} and is broadcast over the columns. */
    Matrix broadcastColumn(BinaryOp op, Matrix column);

    /** {@code this op s} for a scalar {@code s}, element-wise. */
    Matrix scalar(BinaryOp op, double s);

    /** {@code this = this op s} in place. */
    void scalarInPlace(BinaryOp op, double s);

    /** {@code f(this)}, element-wise. */
    Matrix map(UnaryOp f);

    /** {@code this = f(this)} in place. */
    void mapInPlace(UnaryOp f);

    /** {@code this += alpha * x}, in place, without allocating (BLAS {@code axpy}). */
    void axpy(double alpha, Matrix x);

    /**
     * General matrix product into this matrix: {@code this = alpha * op(a) · op(b) + beta * this}, where
     * {@code op(m)} is {@code m} or its transpose (never materialised). As in BLAS, with
     * {@code beta == 0} the old contents of this matrix are ignored, even if they are NaN, and with
     * {@code alpha == 0} the product is not formed (so NaN in {@code a} or {@code b} does not reach the result).
     */
    void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta);

    /** Overwrites this matrix with the elements of {@code source} (same shape). */
    void assign(Matrix source);

    /** Sets every element to {@code value}. */
    void fill(double value);

    // ---------------------------------------------------------------- reductions

    /** Sum along an axis, as {@code np.sum(x, axis, keepdims=True)}: shape {@code (1, cols)} for axis 0, {@code (rows, 1)} for axis 1. */
    Matrix sum(int axis);

    /** Maximum along an axis, shaped as {@link #sum(int)}. */
    Matrix max(int axis);

    /** Index of the maximum along an axis (the first one on ties, as NumPy): {@code cols} entries for axis 0, {@code rows} for axis 1. */
    int[] argmax(int axis);

    /** Sum of all elements. */
    double sum();

    /** Largest element. */
    double max();

    /** Smallest element. */
    double min();

    /** Sum of the squares of all elements, {@code np.sum(W * W)}. */
    double sumOfSquares();

    /** True if no element is NaN or infinite. */
    boolean allFinite();

    // ---------------------------------------------------------------- indexing

    /** The rows at {@code indices}, in that order, as a new {@code (indices.length, cols)} matrix: {@code X[idx]}. */
    Matrix gatherRows(int[] indices);

    /** The column {@code (rows, 1)} of {@code this[i, columns[i]]}: {@code x[np.arange(N), y]}. */
    Matrix pick(int[] columns);

    /** {@code this[i, columns[i]] += value} for every row {@code i}, in place: {@code dx[np.arange(N), y] -= 1}. */
    void addAt(int[] columns, double value);

    /**
     * {@code this[i, columns[i]] += values[i, 0]} for every row {@code i}, in place, {@code values} a column of
     * shape {@code (rows, 1)} as {@link #pick} returns: {@code dx[np.arange(N), y] -= num_pos} is
     * {@code dx.addAt(y, numPos.scale(-1))}. Each sum is rounded to this dtype once.
     */
    default void addAt(int[] columns, Matrix values) {
        MatrixChecks.requireColumnPerRow(this, columns);
        MatrixChecks.requireColumnVector("addAt", this, values);
        for (int r = 0; r < columns.length; r++) {
            set(r, columns[r], get(r, columns[r]) + values.get(r, 0));
        }
    }

    /** {@code this[i, columns[i]] = value} for every row {@code i}, in place: {@code margins[np.arange(N), y] = 0}. */
    default void setAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        for (int r = 0; r < columns.length; r++) {
            set(r, columns[r], value);
        }
    }

    // ---------------------------------------------------------------- conveniences built on the core

    /** {@code this + other}. */
    default Matrix add(Matrix other) { return apply(BinaryOp.ADD, other); }

    /** {@code this - other}. */
    default Matrix sub(Matrix other) { return apply(BinaryOp.SUB, other); }

    /** {@code this * other}, element-wise (Hadamard). */
    default Matrix mul(Matrix other) {
        return apply(BinaryOp.MUL, other);
    }

    /** {@code this / other}, element-wise. */
    default Matrix div(Matrix other) { return apply(BinaryOp.DIV, other); }

    /** {@code this += other}. */
    default void addi(Matrix other) { applyInPlace(BinaryOp.ADD, other); }

    /** {@code this -= other}. */
    default void subi(Matrix other) { applyInPlace(BinaryOp.SUB, other); }

    /** {@code this *= other}, element-wise. */
    default void muli(Matrix other) { applyInPlace(BinaryOp.MUL, other); }

    /** {@code this /= other}, element-wise. */
    default void divi(Matrix other) { applyInPlace(BinaryOp.DIV, other); }

    /** {@code s * this}. */
    default Matrix scale(double s) { return scalar(BinaryOp.MUL, s); }

    /** {@code this *= s}. */
    default void scalei(double s) { scalarInPlace(BinaryOp.MUL, s); }

    /** {@code this + s}. */
    default Matrix addScalar(double s) { return scalar(BinaryOp.ADD, s); }

    /** {@code this + row}, broadcasting a {@code (1, cols)} row vector (the bias add {@code X.dot(W) + b}). */
    default Matrix addRowVector(Matrix row) {
        return broadcastRow(BinaryOp.ADD, row);
    }

    /** {@code this - row}, broadcasting a {@code (1, cols)} row vector. */
    default Matrix subRowVector(Matrix row) {
        return broadcastRow(BinaryOp.SUB, row);
    }

    /** {@code this * row}, broadcasting a {@code (1, cols)} row vector. */
    default Matrix mulRowVector(Matrix row) {
        return broadcastRow(BinaryOp.MUL, row);
    }

    /** {@code this / row}, broadcasting a {@code (1, cols)} row vector. */
    default Matrix divRowVector(Matrix row) {
        return broadcastRow(BinaryOp.DIV, row);
    }

    /** {@code this - column}, broadcasting a {@code (rows, 1)} column vector. */
    default Matrix subColumnVector(Matrix column) {
        return broadcastColumn(BinaryOp.SUB, column);
    }

    /** {@code this / column}, broadcasting a {@code (rows, 1)} column vector. */
    default Matrix divColumnVector(Matrix column) {
        return broadcastColumn(BinaryOp.DIV, column);
    }

    /** The matrix product {@code this · b}, as {@code np.dot(this, b)}. */
    default Matrix dot(Matrix b) {
        Matrix out = zeros(rows(), b.cols());
        out.gemm(1.0, this, false, b, false, 0.0);
        return out;
    }

    /** {@code this.T · b} without materialising the transpose, e.g. {@code X.T.dot(dout)}. */
    default Matrix transposeDot(Matrix b) {
        Matrix out = zeros(cols(), b.cols());
        out.gemm(1.0, this, true, b, false, 0.0);
        return out;
    }

    /** {@code this · b.T} without materialising the transpose, e.g. {@code dout.dot(W.T)}. */
    default Matrix dotTranspose(Matrix b) {
        Matrix out = zeros(rows(), b.rows());
        out.gemm(1.0, this, false, b, true, 0.0);
        return out;
    }

    /** Frobenius norm, {@code np.linalg.norm(W)}. */
    default double norm() {
        return Math.sqrt(sumOfSquares());
    }

    /** Mean of all elements. */
    default double mean() {
        return sum() / size();
    }

    /** Mean along an axis, shaped as {@link #sum(int)}. */
    default Matrix mean(int axis) {
        Matrix s = sum(axis);
        s.scalarInPlace(BinaryOp.DIV, axis == 0 ? rows() : cols());
        return s;
    }
}
