package org.backprop4j.examples.toy;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;

/**
 * A matrix held as {@code double[rows][cols]}: the smallest honest {@link Matrix}. Every result is computed in
 * double and rounded to the dtype once, so float32 matrices hold float values. Argument checks are api's
 * {@link MatrixChecks}, so its errors read as every backend's do.
 */
public class ToyMatrix implements Matrix {

    private final String backendName;
    private final DType dtype;
    private final int rows;
    private final int cols;
    /** The values, {@code data[r][c]}, each already rounded to {@link #dtype}. */
    protected final double[][] data;

    /** A zero matrix of shape (rows, cols) belonging to the backend named {@code backendName}. */
    protected ToyMatrix(String backendName, int rows, int cols, DType dtype) {
        MatrixChecks.requireShape(rows, cols);
        this.backendName = backendName;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows][cols];
    }

    /** A new zero matrix of this backend; a subclass returns its own kind. */
    protected ToyMatrix make(int rows, int cols, DType dtype) {
        return new ToyMatrix(backendName, rows, cols, dtype);
    }

    private ToyMatrix like(int rows, int cols) {
        return make(rows, cols, dtype);
    }

    private static ToyMatrix toy(Matrix m) {
        return (ToyMatrix) m;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double get(int r, int c) {
        MatrixChecks.requireElement(this, r, c);
        return data[r][c];
    }

    @Override
    public void set(int r, int c, double value) {
        MatrixChecks.requireElement(this, r, c);
        data[r][c] = dtype.round(value);
    }

    @Override
    public double[] toArray() {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data[r], 0, out, r * cols, cols);
        }
        return out;
    }

    @Override
    public Matrix zeros(int rows, int cols) {
        return like(rows, cols);
    }

    @Override
    public Matrix create(int rows, int cols, double[] rowMajor) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        ToyMatrix m = like(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.data[r][c] = dtype.round(rowMajor[r * cols + c]);
            }
        }
        return m;
    }

    @Override
    public Matrix copy() {
        return toDType(dtype);
    }

    @Override
    public Matrix toDType(DType to) {
        ToyMatrix m = make(rows, cols, to);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.data[r][c] = to.round(data[r][c]);
            }
        }
        return m;
    }

    @Override
    public Matrix transpose() {
        ToyMatrix t = like(cols, rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t.data[c][r] = data[r][c];
            }
        }
        return t;
    }

    @Override
    public Matrix apply(BinaryOp op, Matrix other) {
        Matrix out = copy();
        out.applyInPlace(op, other);
        return out;
    }

    @Override
    public void applyInPlace(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(op.name().toLowerCase(), this, other);
        double[][] o = toy(other).data;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r][c] = dtype.round(op.apply(data[r][c], o[r][c]));
            }
        }
    }

    @Override
    public Matrix broadcastRow(BinaryOp op, Matrix row) {
        MatrixChecks.requireRowVector(op.name().toLowerCase(), this, row);
        double[] v = toy(row).data[0];
        ToyMatrix out = like(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.data[r][c] = dtype.round(op.apply(data[r][c], v[c]));
            }
        }
        return out;
    }

    @Override
    public Matrix broadcastColumn(BinaryOp op, Matrix column) {
        MatrixChecks.requireColumnVector(op.name().toLowerCase(), this, column);
        double[][] v = toy(column).data;
        ToyMatrix out = like(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.data[r][c] = dtype.round(op.apply(data[r][c], v[r][0]));
            }
        }
        return out;
    }

    @Override
    public Matrix scalar(BinaryOp op, double s) {
        Matrix out = copy();
        out.scalarInPlace(op, s);
        return out;
    }

    @Override
    public void scalarInPlace(BinaryOp op, double s) {
        for (double[] row : data) {
            for (int c = 0; c < cols; c++) {
                row[c] = dtype.round(op.apply(row[c], s));
            }
        }
    }

    @Override
    public Matrix map(UnaryOp f) {
        Matrix out = copy();
        out.mapInPlace(f);
        return out;
    }

    @Override
    public void mapInPlace(UnaryOp f) {
        for (double[] row : data) {
            for (int c = 0; c < cols; c++) {
                row[c] = dtype.round(f.apply(row[c]));
            }
        }
    }

    @Override
    public void axpy(double alpha, Matrix x) {
        MatrixChecks.requireSameShape("axpy", this, x);
        double[][] o = toy(x).data;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r][c] = dtype.round(data[r][c] + alpha * o[r][c]);
            }
        }
    }

    /** {@code this = alpha op(a) op(b) + beta this}, the textbook triple loop in double; beta = 0 ignores this. */
    @Override
    public void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta) {
        MatrixChecks.requireGemm(this, a, transA, b, transB);
        double[][] x = toy(a).data;
        double[][] y = toy(b).data;
        int k = transA ? a.rows() : a.cols();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (transA ? x[p][i] : x[i][p]) * (transB ? y[j][p] : y[p][j]);
                }
                data[i][j] = dtype.round(beta == 0 ? alpha * s : alpha * s + beta * data[i][j]);
            }
        }
    }

    @Override
    public void assign(Matrix source) {
        MatrixChecks.requireSameShape("assign", this, source);
        double[][] o = toy(source).data;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(o[r], 0, data[r], 0, cols);
        }
    }

    @Override
    public void fill(double value) {
        for (double[] row : data) {
            Arrays.fill(row, dtype.round(value));
        }
    }

    @Override
    public Matrix sum(int axis) {
        MatrixChecks.requireAxis(axis);
        ToyMatrix out = axis == 0 ? like(1, cols) : like(rows, 1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (axis == 0) {
                    out.data[0][c] += data[r][c];
                } else {
                    out.data[r][0] += data[r][c];
                }
            }
        }
        out.scalarInPlace(BinaryOp.ADD, 0); // rounds each sum to the dtype once
        return out;
    }

    @Override
    public Matrix max(int axis) {
        MatrixChecks.requireAxis(axis);
        ToyMatrix out = axis == 0 ? like(1, cols) : like(rows, 1);
        int[] at = argmax(axis);
        for (int i = 0; i < at.length; i++) {
            if (axis == 0) {
                out.data[0][i] = data[at[i]][i];
            } else {
                out.data[i][0] = data[i][at[i]];
            }
        }
        return out;
    }

    @Override
    public int[] argmax(int axis) {
        MatrixChecks.requireAxis(axis);
        int[] at = new int[axis == 0 ? cols : rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (axis == 0 && data[r][c] > data[at[c]][c]) {
                    at[c] = r;
                } else if (axis == 1 && data[r][c] > data[r][at[r]]) {
                    at[r] = c;
                }
            }
        }
        return at;
    }

    /** Folds every element into {@code start} with {@code step}, row by row, in double. */
    private double fold(double start, DoubleBinaryOperator step) {
        double acc = start;
        for (double[] row : data) {
            for (double v : row) {
                acc = step.applyAsDouble(acc, v);
            }
        }
        return acc;
    }

    @Override
    public double sum() {
        return dtype.round(fold(0, Double::sum));
    }

    @Override
    public double max() {
        return fold(Double.NEGATIVE_INFINITY, Math::max);
    }

    @Override
    public double min() {
        return fold(Double.POSITIVE_INFINITY, Math::min);
    }

    @Override
    public double sumOfSquares() {
        return dtype.round(fold(0, (s, v) -> s + v * v));
    }

    @Override
    public boolean allFinite() {
        for (double[] row : data) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Matrix gatherRows(int[] indices) {
        MatrixChecks.requireRowIndices(this, indices);
        ToyMatrix out = like(indices.length, cols);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data[indices[i]], 0, out.data[i], 0, cols);
        }
        return out;
    }

    @Override
    public Matrix pick(int[] columns) {
        MatrixChecks.requireColumnPerRow(this, columns);
        ToyMatrix out = like(rows, 1);
        for (int r = 0; r < rows; r++) {
            out.data[r][0] = data[r][columns[r]];
        }
        return out;
    }

    @Override
    public void addAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        for (int r = 0; r < rows; r++) {
            data[r][columns[r]] = dtype.round(data[r][columns[r]] + value);
        }
    }
}
