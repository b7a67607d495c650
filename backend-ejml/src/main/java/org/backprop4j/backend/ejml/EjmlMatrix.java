package org.backprop4j.backend.ejml;

import java.util.Objects;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;

/**
 * What the float64 ({@link EjmlMatrix64}) and float32 ({@link EjmlMatrix32}) matrices share: every
 * argument check, the order of operations, and the few loops EJML has no operation for (ReLU, sigmoid and the
 * other functions, each by {@link UnaryOp#apply}; broadcast add and subtract, NumPy's maximum and argmax, gather,
 * pick, addAt), written once against
 * the element hooks {@link #at} and {@link #put}.
 *
 * <p>Every public operation checks its operands with {@link MatrixChecks} before it casts another
 * matrix to this class; the check of backend name and dtype guarantees that the cast, and the subclass's
 * cast to its own type, cannot fail. The subclasses only adapt EJML's typed operations ({@code
 * CommonOps_DDRM} versus {@code CommonOps_FDRM}); they hold no logic of their own.
 *
 * <p>Conventions where the api leaves room: {@link #max()}, {@link #max(int)} and {@link #argmax(int)}
 * follow NumPy on NaN (a NaN is the maximum; argmax returns the first NaN), which EJML's
 * {@code maxCols}/{@code elementMax} do not (they skip NaN, and {@code maxCols} starts from
 * {@code -MAX_VALUE} rather than {@code -inf}); {@link #gemm} follows BLAS: with {@code alpha == 0} the
 * product is not computed, so NaN or infinity in {@code a} or {@code b} does not reach this matrix.
 */
abstract class EjmlMatrix implements Matrix {

    final EjmlBackend backend;

    EjmlMatrix(EjmlBackend backend) {
        this.backend = backend;
    }

    // ================================================================ hooks: storage

    /** Element {@code i} of the row-major storage, widened to double. */
    abstract double at(int i);

    /** Sets element {@code i} of the storage to {@code v}, rounded to the dtype. */
    abstract void put(int i, double v);

    /** The backing {@code double[]} or {@code float[]}, for {@link System#arraycopy}. */
    abstract Object storage();

    /** Copies {@code length} values of {@code src} from {@code srcPos} into the storage at {@code dstPos}, rounded. */
    abstract void load(double[] src, int srcPos, int dstPos, int length);

    /** Copies all elements, widened, into {@code dst} (of length {@link #size()}). */
    abstract void store(double[] dst);

    // ================================================================ hooks: EJML operations
    // "dst" always has this matrix's shape and dtype, and may be this matrix itself.

    /** {@code dst = this op b}, element-wise. */
    abstract void binaryInto(BinaryOp op, EjmlMatrix b, EjmlMatrix dst);

    /** {@code dst = this op s}. */
    abstract void scalarInto(BinaryOp op, double s, EjmlMatrix dst);

    /** {@code dst = f(this)} with an EJML operation; false, with nothing written, if EJML has none for {@code f}. */
    abstract boolean unaryInto(UnaryOp f, EjmlMatrix dst);

    /** In place, {@code this op= v} for {@code MUL} or {@code DIV}, {@code v} a row vector if {@code perColumn}, else a column vector. */
    abstract void scaleLines(BinaryOp op, EjmlMatrix v, boolean perColumn);

    /** {@code this += alpha * x}. */
    abstract void axpyFrom(double alpha, EjmlMatrix x);

    /**
     * {@code this = alpha op(a) op(b)}, or {@code this += alpha op(a) op(b)} if {@code accumulate}, on the
     * single-threaded or the concurrent kernels. Neither {@code a} nor {@code b} is this matrix.
     */
    abstract void product(double alpha, EjmlMatrix a, boolean transA, EjmlMatrix b, boolean transB,
            boolean accumulate, boolean concurrent);

    /** Column sums into {@code dst} (1, cols) for axis 0, row sums into {@code dst} (rows, 1) for axis 1. */
    abstract void sumInto(int axis, EjmlMatrix dst);

    /** Sum of all elements. */
    abstract double sumAll();

    /** Sum of the squares of all elements. */
    abstract double sumSquares();

    /** True if some element is NaN or infinite. */
    abstract boolean hasUncountable();

    /** {@code dst = this.T}; {@code dst} has shape (cols, rows). */
    abstract void transposeInto(EjmlMatrix dst);

    /** Sets every element to {@code v}, rounded to the dtype. */
    abstract void fillWith(double v);

    /** Copies the elements of {@code src}, of the same shape and possibly of the other dtype. */
    abstract void copyFrom(EjmlMatrix src);

    // ================================================================ identity and elements

    @Override
    public final String backendName() {
        return backend.name();
    }

    final int numElements() {
        return rows() * cols();
    }

    /** A new zero matrix of this backend and dtype. */
    final EjmlMatrix blank(int rows, int cols) {
        return backend.allocate(rows, cols, dtype());
    }

    @Override
    public final double get(int r, int c) {
        MatrixChecks.requireElement(this, r, c);
        return at(r * cols() + c);
    }

    @Override
    public final void set(int r, int c, double value) {
        MatrixChecks.requireElement(this, r, c);
        put(r * cols() + c, value);
    }

    @Override
    public final double[] toArray() {
        double[] out = new double[numElements()];
        store(out);
        return out;
    }

    // ================================================================ creation

    @Override
    public final Matrix zeros(int rows, int cols) {
        return blank(rows, cols);
    }

    @Override
    public final Matrix create(int rows, int cols, double[] rowMajor) {
        return backend.fromArray(rows, cols, rowMajor, dtype());
    }

    @Override
    public final Matrix copy() {
        return toDType(dtype());
    }

    @Override
    public final Matrix toDType(DType dtype) {
        EjmlMatrix out = backend.allocate(rows(), cols(), dtype);
        out.copyFrom(this);
        return out;
    }

    @Override
    public final Matrix transpose() {
        EjmlMatrix out = blank(cols(), rows());
        transposeInto(out);
        return out;
    }

    // ================================================================ element-wise

    /** NumPy's name of the ufunc behind {@code op}, for messages. */
    static String opName(BinaryOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "subtract";
            case MUL -> "multiply";
            case DIV -> "divide";
        };
    }

    @Override
    public final Matrix apply(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(opName(op), this, other);
        EjmlMatrix out = blank(rows(), cols());
        binaryInto(op, (EjmlMatrix) other, out);
        return out;
    }

    @Override
    public final void applyInPlace(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(opName(op), this, other);
        binaryInto(op, (EjmlMatrix) other, this);
    }

    @Override
    public final Matrix broadcastRow(BinaryOp op, Matrix row) {
        MatrixChecks.requireRowVector(opName(op), this, row);
        return broadcast(op, (EjmlMatrix) row, true);
    }

    @Override
    public final Matrix broadcastColumn(BinaryOp op, Matrix column) {
        MatrixChecks.requireColumnVector(opName(op), this, column);
        return broadcast(op, (EjmlMatrix) column, false);
    }

    /** {@code this op v}, {@code v} a row vector if {@code perColumn}, else a column vector. */
    private EjmlMatrix broadcast(BinaryOp op, EjmlMatrix v, boolean perColumn) {
        EjmlMatrix out = blank(rows(), cols());
        if (op == BinaryOp.MUL || op == BinaryOp.DIV) {
            out.copyFrom(this);
            out.scaleLines(op, v, perColumn); // EJML multCols / divideCols / multRows / divideRows
            return out;
        }
        // EJML has no broadcast add or subtract. In float32 the double result of a float op a float,
        // rounded once, equals the float operation, so one loop serves both dtypes.
        double sign = op == BinaryOp.ADD ? 1.0 : -1.0;
        int rows = rows();
        int cols = cols();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                out.put(i, at(i) + sign * v.at(perColumn ? c : r));
            }
        }
        return out;
    }

    @Override
    public final Matrix scalar(BinaryOp op, double s) {
        Objects.requireNonNull(op, "op");
        EjmlMatrix out = blank(rows(), cols());
        scalarInto(op, s, out);
        return out;
    }

    @Override
    public final void scalarInPlace(BinaryOp op, double s) {
        Objects.requireNonNull(op, "op");
        scalarInto(op, s, this);
    }

    @Override
    public final Matrix map(UnaryOp f) {
        EjmlMatrix out = blank(rows(), cols());
        mapInto(f, out);
        return out;
    }

    @Override
    public final void mapInPlace(UnaryOp f) {
        mapInto(f, this);
    }

    private void mapInto(UnaryOp f, EjmlMatrix dst) {
        Objects.requireNonNull(f, "f");
        if (unaryInto(f, dst)) {
            return;
        }
        // No EJML operation for f (ReLU, its mask, sigmoid, ...): the api's definition, in double, rounded once.
        int n = numElements();
        for (int i = 0; i < n; i++) {
            dst.put(i, f.apply(at(i)));
        }
    }

    @Override
    public final void axpy(double alpha, Matrix x) {
        MatrixChecks.requireSameShape("axpy", this, x);
        axpyFrom(alpha, (EjmlMatrix) x);
    }

    @Override
    public final void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta) {
        MatrixChecks.requireGemm(this, a, transA, b, transB);
        EjmlMatrix ea = (EjmlMatrix) a;
        EjmlMatrix eb = (EjmlMatrix) b;
        int k = transA ? a.rows() : a.cols();
        if (alpha == 0 || k == 0 || numElements() == 0) {
            scaleForGemm(beta); // the product is zero (BLAS: not computed when alpha == 0)
            return;
        }
        boolean concurrent = backend.concurrent(rows(), cols(), k);
        if (ea == this || eb == this) {
            // EJML refuses to write a product over one of its operands: the one case with a temporary.
            EjmlMatrix product = blank(rows(), cols());
            product.product(alpha, ea, transA, eb, transB, false, concurrent);
            if (beta == 0) {
                copyFrom(product);
            } else {
                scaleForGemm(beta);
                product.binaryInto(BinaryOp.ADD, this, this);
            }
            return;
        }
        if (beta == 0) {
            product(alpha, ea, transA, eb, transB, false, concurrent); // overwrites: old NaN ignored
        } else {
            scaleForGemm(beta);
            product(alpha, ea, transA, eb, transB, true, concurrent); // EJML multAdd*: no temporary
        }
    }

    /** {@code this *= beta}, where {@code beta == 0} clears even NaN. */
    private void scaleForGemm(double beta) {
        if (beta == 0) {
            fillWith(0.0);
        } else if (beta != 1) {
            scalarInto(BinaryOp.MUL, beta, this);
        }
    }

    @Override
    public final void assign(Matrix source) {
        MatrixChecks.requireSameShape("assign", this, source);
        copyFrom((EjmlMatrix) source);
    }

    @Override
    public final void fill(double value) {
        fillWith(value);
    }

    // ================================================================ reductions

    @Override
    public final Matrix sum(int axis) {
        MatrixChecks.requireAxis(axis);
        EjmlMatrix out = axis == 0 ? blank(1, cols()) : blank(rows(), 1);
        sumInto(axis, out);
        return out;
    }

    @Override
    public final Matrix max(int axis) {
        MatrixChecks.requireAxis(axis);
        requireReducible("max", axis);
        int lines = axis == 0 ? cols() : rows();
        EjmlMatrix out = axis == 0 ? blank(1, lines) : blank(lines, 1);
        for (int l = 0; l < lines; l++) {
            out.put(l, at(lineStart(axis, l) + extremeInLine(axis, l, true) * lineStride(axis)));
        }
        return out;
    }

    @Override
    public final int[] argmax(int axis) {
        MatrixChecks.requireAxis(axis);
        requireReducible("argmax", axis);
        int lines = axis == 0 ? cols() : rows();
        int[] out = new int[lines];
        for (int l = 0; l < lines; l++) {
            out[l] = extremeInLine(axis, l, true);
        }
        return out;
    }

    @Override
    public final double sum() {
        return sumAll();
    }

    @Override
    public final double max() {
        return extremeOfAll("max", true);
    }

    @Override
    public final double min() {
        return extremeOfAll("min", false);
    }

    @Override
    public final double sumOfSquares() {
        return sumSquares();
    }

    @Override
    public final boolean allFinite() {
        return !hasUncountable();
    }

    private double extremeOfAll(String op, boolean largest) {
        if (numElements() == 0) {
            throw new IllegalArgumentException(op + ": zero-size array of shape " + shape() + " has no "
                    + (largest ? "maximum" : "minimum") + ".");
        }
        return at(extreme(0, 1, numElements(), largest));
    }

    /** Throws if a reduction along {@code axis} would reduce an empty line into an element. */
    private void requireReducible(String op, int axis) {
        int length = axis == 0 ? rows() : cols();
        int lines = axis == 0 ? cols() : rows();
        if (length == 0 && lines > 0) {
            throw new IllegalArgumentException(op + ": attempt to reduce the empty axis " + axis
                    + " of a matrix of shape " + shape() + ".");
        }
    }

    /** Storage index of the first element of line {@code l} (a column for axis 0, a row for axis 1). */
    private int lineStart(int axis, int l) {
        return axis == 0 ? l : l * cols();
    }

    private int lineStride(int axis) {
        return axis == 0 ? cols() : 1;
    }

    private int extremeInLine(int axis, int l, boolean largest) {
        return extreme(lineStart(axis, l), lineStride(axis), axis == 0 ? rows() : cols(), largest);
    }

    /**
     * Position (0 .. count-1) of the largest (or smallest) of {@code count} elements at {@code start},
     * {@code start + stride}, ...: the first one on ties, and the first NaN if there is one, as NumPy.
     */
    private int extreme(int start, int stride, int count, boolean largest) {
        int best = 0;
        double bestValue = at(start);
        if (Double.isNaN(bestValue)) {
            return 0;
        }
        for (int j = 1, i = start + stride; j < count; j++, i += stride) {
            double v = at(i);
            if (largest ? v > bestValue : v < bestValue) {
                best = j;
                bestValue = v;
            } else if (Double.isNaN(v)) {
                return j;
            }
        }
        return best;
    }

    // ================================================================ indexing

    @Override
    public final Matrix gatherRows(int[] indices) {
        MatrixChecks.requireRowIndices(this, indices);
        int cols = cols();
        EjmlMatrix out = blank(indices.length, cols);
        Object from = storage();
        Object to = out.storage();
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(from, indices[i] * cols, to, i * cols, cols);
        }
        return out;
    }

    @Override
    public final Matrix pick(int[] columns) {
        MatrixChecks.requireColumnPerRow(this, columns);
        EjmlMatrix out = blank(rows(), 1);
        for (int r = 0; r < columns.length; r++) {
            out.put(r, at(r * cols() + columns[r]));
        }
        return out;
    }

    @Override
    public final void addAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        for (int r = 0; r < columns.length; r++) {
            int i = r * cols() + columns[r];
            put(i, at(i) + value);
        }
    }

    @Override
    public final void addAt(int[] columns, Matrix values) {
        MatrixChecks.requireColumnPerRow(this, columns);
        MatrixChecks.requireColumnVector("addAt", this, values);
        EjmlMatrix v = (EjmlMatrix) values;
        for (int r = 0; r < columns.length; r++) {
            int i = r * cols() + columns[r];
            put(i, at(i) + v.at(r));
        }
    }

    // ================================================================ printing

    /** The shape, the dtype and, for small matrices, the elements, e.g. {@code ejml float64 (1, 2) [[1.0, 2.0]]}. */
    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder(backendName()).append(' ').append(dtype()).append(' ').append(shape());
        if (numElements() <= 100) {
            sb.append(" [");
            for (int r = 0; r < rows(); r++) {
                sb.append(r == 0 ? "[" : ", [");
                for (int c = 0; c < cols(); c++) {
                    double v = at(r * cols() + c);
                    sb.append(c == 0 ? "" : ", ").append(dtype() == DType.FLOAT32 ? Float.toString((float) v) : v);
                }
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
