package org.backprop4j.backend.array;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;

/**
 * A dense row-major matrix on a primitive array: {@code double[]} for float64, {@code float[]} for float32.
 *
 * <p><b>One loop for both dtypes.</b> Every loop reads through {@link #at(int)} and writes through
 * {@link #put(int, double)}: the value is computed in double and rounded to the dtype on store, so a
 * float32 result is the float nearest to the double result of each operation (for {@code + - * /} that is
 * exactly IEEE single-precision arithmetic, since double has more than twice float's precision). The
 * dtype test inside these two tiny methods is loop-invariant; HotSpot's C2 inlines them and unswitches
 * the loop into a float64 and a float32 version, so each loop is written once and still runs on its
 * primitive array. Reductions accumulate in double and round the result once.
 *
 * <p>Every operation checks its operands with {@link MatrixChecks} (backend, dtype, shape) before it
 * casts them; in-place operations allocate nothing; the matrix product is delegated to the backend's
 * {@link MatrixProduct}, and the element-wise loops and sums that a backend may vectorise to its
 * {@link ElementLoops}. Not thread-safe for concurrent writes, like any array.
 */
public final class ArrayMatrix implements Matrix {

    private final ArrayBackend backend;
    private final int rows;
    private final int cols;
    /** float64 storage, or null. */
    private final double[] d;
    /** float32 storage, or null. */
    private final float[] f;

    ArrayMatrix(ArrayBackend backend, int rows, int cols, DType dtype) {
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        int n;
        try {
            n = Math.multiplyExact(rows, cols);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape (" + rows + ", " + cols + ") holds more than "
                    + Integer.MAX_VALUE + " elements, the limit of one Java array.", e);
        }
        this.d = dtype == DType.FLOAT64 ? new double[n] : null;
        this.f = dtype == DType.FLOAT32 ? new float[n] : null;
    }

    /**
     * Casts {@code m}, which the caller has already checked with {@link MatrixChecks}, to an array matrix.
     *
     * @throws IllegalArgumentException if it is not one (a foreign matrix posing under this backend's name)
     */
    public static ArrayMatrix cast(Matrix m) {
        if (m instanceof ArrayMatrix) {
            return (ArrayMatrix) m;
        }
        throw new IllegalArgumentException("expected an array-backed matrix of backend '" + m.backendName()
                + "', got a " + m.getClass().getName() + ".");
    }

    /** True if every one of {@code ms} is an array matrix (kernels fall back to the defaults otherwise). */
    public static boolean allArrays(Matrix... ms) {
        for (Matrix m : ms) {
            if (!(m instanceof ArrayMatrix)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- raw access, shared with products and kernels

    /** Element {@code i} of the row-major storage, widened to double. */
    public double at(int i) {
        return d != null ? d[i] : f[i];
    }

    /** Stores {@code v} at row-major index {@code i}, rounded to this matrix's dtype. */
    public void put(int i, double v) {
        if (d != null) {
            d[i] = v;
        } else {
            f[i] = (float) v;
        }
    }

    /** The backend that created this matrix. */
    public ArrayBackend backend() {
        return backend;
    }

    /**
     * The float64 storage itself, row-major, or {@code null} for a float32 matrix: for a backend's vectorised
     * loops, which must respect the matrix's shape and must not keep the reference.
     */
    public double[] float64Array() {
        return d;
    }

    /** The float32 storage itself, row-major, or {@code null} for a float64 matrix (see {@link #float64Array()}). */
    public float[] float32Array() {
        return f;
    }

    /** The primitive array behind this matrix ({@code double[]} or {@code float[]}), for {@link System#arraycopy}. */
    private Object storage() {
        return d != null ? d : f;
    }

    /** Copies {@code n} values of {@code src} from {@code from} into this matrix's storage at {@code to}, rounding. */
    void load(double[] src, int from, int to, int n) {
        if (d != null) {
            System.arraycopy(src, from, d, to, n);
        } else {
            for (int i = 0; i < n; i++) {
                f[to + i] = (float) src[from + i];
            }
        }
    }

    // ---------------------------------------------------------------- identity and shape

    @Override
    public String backendName() {
        return backend.name();
    }

    @Override
    public DType dtype() {
        return d != null ? DType.FLOAT64 : DType.FLOAT32;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    private int length() {
        return rows * cols;
    }

    // ---------------------------------------------------------------- elements

    @Override
    public double get(int r, int c) {
        MatrixChecks.requireElement(this, r, c);
        return at(r * cols + c);
    }

    @Override
    public void set(int r, int c, double value) {
        MatrixChecks.requireElement(this, r, c);
        put(r * cols + c, value);
    }

    @Override
    public double[] toArray() {
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    // ---------------------------------------------------------------- creation

    @Override
    public ArrayMatrix zeros(int rows, int cols) {
        return backend.zeros(rows, cols, dtype());
    }

    @Override
    public ArrayMatrix create(int rows, int cols, double[] rowMajor) {
        return backend.fromArray(rows, cols, rowMajor, dtype());
    }

    @Override
    public ArrayMatrix copy() {
        ArrayMatrix out = zeros(rows, cols);
        System.arraycopy(storage(), 0, out.storage(), 0, length());
        return out;
    }

    @Override
    public ArrayMatrix toDType(DType dtype) {
        ArrayMatrix out = backend.zeros(rows, cols, dtype);
        int n = length();
        for (int i = 0; i < n; i++) {
            out.put(i, at(i));
        }
        return out;
    }

    /** Transposes in 32 x 32 tiles, so that both the reads and the writes stay within a few cache lines. */
    @Override
    public ArrayMatrix transpose() {
        ArrayMatrix out = zeros(cols, rows);
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        out.put(c * rows + r, at(r * cols + c));
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- element-wise

    /** The operation names used in error messages, built once so that the checks allocate nothing. */
    private static final String[] OP_NAMES = new String[BinaryOp.values().length];
    private static final String[] IN_PLACE_NAMES = new String[BinaryOp.values().length];

    static {
        for (BinaryOp op : BinaryOp.values()) {
            OP_NAMES[op.ordinal()] = "operator " + op.symbol();
            IN_PLACE_NAMES[op.ordinal()] = "operator " + op.symbol() + "=";
        }
    }

    private static String opName(BinaryOp op) {
        return OP_NAMES[op.ordinal()];
    }

    private ElementLoops loops() {
        return backend.loops();
    }

    private void zip(BinaryOp op, ArrayMatrix x, int xo, ArrayMatrix y, int yo, ArrayMatrix out, int oo, int n) {
        loops().zip(op, x, xo, y, yo, out, oo, n);
    }

    private void zipScalar(BinaryOp op, ArrayMatrix x, int xo, double s, ArrayMatrix out, int oo, int n) {
        loops().zipScalar(op, x, xo, s, out, oo, n);
    }

    @Override
    public ArrayMatrix apply(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(opName(op), this, other);
        ArrayMatrix out = zeros(rows, cols);
        zip(op, this, 0, cast(other), 0, out, 0, length());
        return out;
    }

    @Override
    public void applyInPlace(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(IN_PLACE_NAMES[op.ordinal()], this, other);
        zip(op, this, 0, cast(other), 0, this, 0, length());
    }

    @Override
    public ArrayMatrix broadcastRow(BinaryOp op, Matrix row) {
        MatrixChecks.requireRowVector(opName(op), this, row);
        ArrayMatrix v = cast(row);
        ArrayMatrix out = zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            zip(op, this, r * cols, v, 0, out, r * cols, cols);
        }
        return out;
    }

    @Override
    public ArrayMatrix broadcastColumn(BinaryOp op, Matrix column) {
        MatrixChecks.requireColumnVector(opName(op), this, column);
        ArrayMatrix v = cast(column);
        ArrayMatrix out = zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            zipScalar(op, this, r * cols, v.at(r), out, r * cols, cols);
        }
        return out;
    }

    /** The scalar is first rounded to this dtype, as NumPy casts a Python float to the array's float32. */
    @Override
    public ArrayMatrix scalar(BinaryOp op, double s) {
        ArrayMatrix out = zeros(rows, cols);
        zipScalar(op, this, 0, dtype().round(s), out, 0, length());
        return out;
    }

    @Override
    public void scalarInPlace(BinaryOp op, double s) {
        zipScalar(op, this, 0, dtype().round(s), this, 0, length());
    }

    @Override
    public ArrayMatrix map(UnaryOp f) {
        ArrayMatrix out = zeros(rows, cols);
        loops().map(f, this, out);
        return out;
    }

    @Override
    public void mapInPlace(UnaryOp f) {
        loops().map(f, this, this);
    }

    /**
     * A new matrix holding {@code f(this_i, other_i)} at every index, in one pass, after checking that
     * {@code other} is compatible and of the same shape (errors name {@code op}).
     */
    public ArrayMatrix zipWith(String op, Matrix other, DoubleBinaryOperator f) {
        MatrixChecks.requireSameShape(op, this, other);
        ArrayMatrix y = cast(other);
        ArrayMatrix out = zeros(rows, cols);
        int n = length();
        for (int i = 0; i < n; i++) {
            out.put(i, f.applyAsDouble(at(i), y.at(i)));
        }
        return out;
    }

    /** {@code this += alpha * x}; for float32, {@code alpha} is rounded to float first (as {@code saxpy}). */
    @Override
    public void axpy(double alpha, Matrix x) {
        MatrixChecks.requireSameShape("axpy", this, x);
        loops().axpy(dtype().round(alpha), cast(x), this);
    }

    @Override
    public void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta) {
        MatrixChecks.requireGemm(this, a, transA, b, transB);
        ArrayMatrix x = cast(a);
        ArrayMatrix y = cast(b);
        if (x == this || y == this) {
            // c = op(c)·op(b) would read what it has already overwritten: multiply into a fresh matrix.
            ArrayMatrix out = copy();
            backend.product().gemm(alpha, x, transA, y, transB, beta, out);
            System.arraycopy(out.storage(), 0, storage(), 0, length());
            return;
        }
        backend.product().gemm(alpha, x, transA, y, transB, beta, this);
    }

    @Override
    public void assign(Matrix source) {
        MatrixChecks.requireSameShape("assign", this, source);
        System.arraycopy(cast(source).storage(), 0, storage(), 0, length());
    }

    @Override
    public void fill(double value) {
        if (d != null) {
            Arrays.fill(d, value);
        } else {
            Arrays.fill(f, (float) value);
        }
    }

    // ---------------------------------------------------------------- reductions

    /** A fold over elements: its identity and how it combines. */
    private enum Fold {
        SUM("sum"), MAX("maximum"), MIN("minimum");

        final String what;

        Fold(String what) {
            this.what = what;
        }

        double identity() {
            return switch (this) {
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
                case SUM -> 0.0;
            };
        }

        double combine(double acc, double v) {
            return switch (this) {
                case SUM -> acc + v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }

        /** NumPy refuses a maximum or minimum over nothing. */
        void requireNonEmpty(int count) {
            if (count == 0 && (this == MAX || this == MIN)) {
                throw new IllegalArgumentException("zero-size array to reduction operation " + what
                        + " which has no identity.");
            }
        }
    }

    private double foldAll(Fold fold) {
        int n = length();
        fold.requireNonEmpty(n);
        double acc = fold.identity();
        for (int i = 0; i < n; i++) {
            acc = fold.combine(acc, at(i));
        }
        return dtype().round(acc);
    }

    /** Folds along {@code axis}, keeping dims; sums walk the rows in order, accumulating in double. */
    private ArrayMatrix foldAxis(Fold fold, int axis) {
        MatrixChecks.requireAxis(axis);
        fold.requireNonEmpty(axis == 0 ? rows : cols);
        if (axis == 0 && fold == Fold.SUM) {
            ArrayMatrix out = zeros(1, cols);
            loops().columnSums(this, out);
            return out;
        }
        if (axis == 0) {
            double[] acc = new double[cols];
            Arrays.fill(acc, fold.identity());
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    acc[c] = fold.combine(acc[c], at(o + c));
                }
            }
            return backend.fromArray(1, cols, acc, dtype());
        }
        ArrayMatrix out = zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double acc = fold.identity();
            for (int c = 0; c < cols; c++) {
                acc = fold.combine(acc, at(o + c));
            }
            out.put(r, acc);
        }
        return out;
    }

    @Override
    public ArrayMatrix sum(int axis) {
        return foldAxis(Fold.SUM, axis);
    }

    @Override
    public ArrayMatrix max(int axis) {
        return foldAxis(Fold.MAX, axis);
    }

    /** True if {@code v} beats the current best {@code best}: larger, or the first NaN (NumPy's argmax stops at NaN). */
    private static boolean beats(double v, double best) {
        return v > best || (Double.isNaN(v) && !Double.isNaN(best));
    }

    @Override
    public int[] argmax(int axis) {
        MatrixChecks.requireAxis(axis);
        if (axis == 0) {
            int[] idx = new int[cols];
            if (rows == 0) {
                throw new IllegalArgumentException(
                        "attempt to get argmax of an empty sequence: shape " + shape() + ".");
            }
            for (int r = 1; r < rows; r++) {
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    if (beats(at(o + c), at(idx[c] * cols + c))) {
                        idx[c] = r;
                    }
                }
            }
            return idx;
        }
        int[] idx = new int[rows];
        if (cols == 0 && rows > 0) {
            throw new IllegalArgumentException("attempt to get argmax of an empty sequence: shape " + shape() + ".");
        }
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (beats(at(o + c), at(o + best))) {
                    best = c;
                }
            }
            idx[r] = best;
        }
        return idx;
    }

    @Override
    public double sum() {
        return dtype().round(loops().sum(this));
    }

    @Override
    public double max() {
        return foldAll(Fold.MAX);
    }

    @Override
    public double min() {
        return foldAll(Fold.MIN);
    }

    @Override
    public double sumOfSquares() {
        return dtype().round(loops().sumOfSquares(this));
    }

    @Override
    public boolean allFinite() {
        int n = length();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(at(i))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public ArrayMatrix gatherRows(int[] indices) {
        MatrixChecks.requireRowIndices(this, indices);
        ArrayMatrix out = zeros(indices.length, cols);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(storage(), indices[i] * cols, out.storage(), i * cols, cols);
        }
        return out;
    }

    @Override
    public ArrayMatrix pick(int[] columns) {
        MatrixChecks.requireColumnPerRow(this, columns);
        ArrayMatrix out = zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            out.put(r, at(r * cols + columns[r]));
        }
        return out;
    }

    @Override
    public void addAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        double v = dtype().round(value);
        for (int r = 0; r < rows; r++) {
            int i = r * cols + columns[r];
            put(i, at(i) + v);
        }
    }

    @Override
    public void addAt(int[] columns, Matrix values) {
        MatrixChecks.requireColumnPerRow(this, columns);
        MatrixChecks.requireColumnVector("addAt", this, values);
        ArrayMatrix v = cast(values);
        for (int r = 0; r < rows; r++) {
            int i = r * cols + columns[r];
            put(i, at(i) + v.at(r));
        }
    }

    // ---------------------------------------------------------------- printing

    /** Backend, dtype, shape and up to 6 x 6 leading elements, e.g. {@code pure float64 (2, 2) [[1.0, 2.0], [3.0, 4.0]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(backendName()).append(' ').append(dtype()).append(' ').append(shape()).append(" [");
        int shownRows = Math.min(rows, 6);
        int shownCols = Math.min(cols, 6);
        for (int r = 0; r < shownRows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < shownCols; c++) {
                sb.append(c == 0 ? "" : ", ").append(at(r * cols + c));
            }
            sb.append(cols > shownCols ? ", ...]" : "]");
        }
        return sb.append(rows > shownRows ? ", ...]" : "]").toString();
    }
}
