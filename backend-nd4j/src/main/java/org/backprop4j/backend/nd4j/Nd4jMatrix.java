package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A {@link Matrix} over an ND4J {@link INDArray}.
 *
 * <p>Invariant: the array is rank 2 (a {@code (1, n)} row stays 2-D), row-major ({@code 'c'}), not a
 * view (offset 0, default strides) and of the ND4J type of {@link #dtype()}: every array comes from
 * {@link ArrayPool#matrix}, which allocates exactly that. So {@code data()} is exactly the row-major
 * elements.
 *
 * <p>Memory: an allocating operation takes its output from the {@link ArrayPool} and computes straight
 * into it ({@code z} of the ND4J op, or the CBLAS output); in-place ones write this array and allocate
 * nothing. When a matrix becomes unreachable the pool reuses its array, so every method that hands an
 * array to native code ends with {@link java.lang.ref.Reference#reachabilityFence} on the matrices it
 * read: without it the JIT may consider a matrix dead while native code still works on its array.
 *
 * <p>Every operation checks its operands with {@link MatrixChecks} before it casts the other operand
 * to this class. ND4J cannot run most ops on empty (zero-size) arrays, so those are answered here, as
 * NumPy would.
 *
 * <p>float32 sums are accumulated in double without a widened copy: {@link #sum()} by libnd4j's mean
 * into a double scalar (a whole-array reduction accumulates in its output type), {@link #sumOfSquares()}
 * by {@code dsdot}, {@link #sum(int)} by a loop over the native elements (libnd4j's reductions along an
 * axis accumulate in float even into a double output). ND4J's own float sums lose about 3 significant
 * digits over a million elements, where NumPy's pairwise summation loses almost none.
 */
final class Nd4jMatrix implements Matrix {

    private final INDArray a;
    private final DType dtype;
    /** The pool's record of this matrix's array; null for zero-size matrices. */
    private ArrayPool.Lease lease;

    /** Wraps {@code array}, which must satisfy the invariant (see the class comment). */
    Nd4jMatrix(INDArray array, DType dtype) {
        if (array.rank() != 2 || array.dataType() != Nd4jBackend.dataType(dtype)) {
            throw new IllegalStateException("nd4j backend: expected a rank-2 " + Nd4jBackend.dataType(dtype)
                    + " array, got shape " + Arrays.toString(array.shape()) + " " + array.dataType());
        }
        this.a = array;
        this.dtype = dtype;
    }

    void attach(ArrayPool.Lease lease) {
        this.lease = lease;
    }

    ArrayPool.Lease lease() {
        return lease;
    }

    /** The wrapped array (row-major, rank 2); callers keep this matrix reachable while they use it. */
    INDArray array() {
        return a;
    }

    private Nd4jMatrix newMatrix(long rows, long cols) {
        return Nd4jBackend.backend().pool().matrix(dtype, rows, cols);
    }

    private static INDArray arrayOf(Matrix m) {
        return ((Nd4jMatrix) m).a;
    }

    private boolean empty() {
        return a.length() == 0;
    }

    private static void exec(Op op) {
        Nd4j.getExecutioner().exec(op);
    }

    private static String name(BinaryOp op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- identity and shape

    @Override
    public String backendName() {
        return Nd4jProvider.NAME;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rows() {
        return (int) a.size(0);
    }

    @Override
    public int cols() {
        return (int) a.size(1);
    }

    // ---------------------------------------------------------------- elements

    @Override
    public double get(int r, int c) {
        MatrixChecks.requireElement(this, r, c);
        double v = a.getDouble(r, c);
        reachabilityFence(this);
        return v;
    }

    @Override
    public void set(int r, int c, double value) {
        MatrixChecks.requireElement(this, r, c);
        a.putScalar(r, c, value);
        reachabilityFence(this);
    }

    @Override
    public double[] toArray() {
        double[] v = empty() ? new double[0] : a.data().asDouble();
        reachabilityFence(this);
        return v;
    }

    // ---------------------------------------------------------------- creation

    @Override
    public Matrix zeros(int rows, int cols) {
        return Nd4jBackend.backend().zeros(rows, cols, dtype);
    }

    @Override
    public Matrix create(int rows, int cols, double[] rowMajor) {
        return Nd4jBackend.backend().fromArray(rows, cols, rowMajor, dtype);
    }

    @Override
    public Matrix copy() {
        Nd4jMatrix out = newMatrix(rows(), cols());
        if (!empty()) {
            Pointer.memcpy(out.a.data().addressPointer(), a.data().addressPointer(), a.length() * dtype.bytes());
        }
        reachabilityFence(this);
        return out;
    }

    @Override
    public Matrix toDType(DType target) {
        if (target == dtype) {
            return copy();
        }
        Nd4jMatrix out = Nd4jBackend.backend().pool().matrix(target, rows(), cols());
        if (!empty()) {
            out.a.assign(a); // libnd4j's assign converts between types, rounding to float for FLOAT
        }
        reachabilityFence(this);
        return out;
    }

    @Override
    public Matrix transpose() {
        Nd4jMatrix out = newMatrix(cols(), rows());
        if (!empty()) {
            out.a.assign(a.transpose());
        }
        reachabilityFence(this);
        return out;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public Matrix apply(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(name(op), this, other);
        Nd4jMatrix out = newMatrix(rows(), cols());
        pairwise(op, arrayOf(other), out.a);
        reachabilityFence(other);
        reachabilityFence(this);
        return out;
    }

    @Override
    public void applyInPlace(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(name(op) + "i", this, other);
        pairwise(op, arrayOf(other), a);
        reachabilityFence(other);
        reachabilityFence(this);
    }

    private void pairwise(BinaryOp op, INDArray y, INDArray z) {
        if (empty()) {
            return;
        }
        switch (op) {
            case ADD -> a.add(y, z);
            case SUB -> a.sub(y, z);
            case MUL -> a.mul(y, z);
            default -> a.div(y, z);
        }
    }

    @Override
    public Matrix broadcastRow(BinaryOp op, Matrix row) {
        MatrixChecks.requireRowVector(name(op) + "RowVector", this, row);
        Matrix out = broadcast(op, arrayOf(row), 1);
        reachabilityFence(row);
        return out;
    }

    @Override
    public Matrix broadcastColumn(BinaryOp op, Matrix column) {
        MatrixChecks.requireColumnVector(name(op) + "ColumnVector", this, column);
        Matrix out = broadcast(op, arrayOf(column), 0);
        reachabilityFence(column);
        return out;
    }

    /** {@code this op v}, where {@code v} runs along {@code dimension} (1: a row vector, 0: a column). */
    private Matrix broadcast(BinaryOp op, INDArray v, int dimension) {
        Nd4jMatrix out = newMatrix(rows(), cols());
        INDArray z = out.a;
        if (!empty()) {
            switch (op) {
                case ADD -> exec(new BroadcastAddOp(a, v, z, dimension));
                case SUB -> exec(new BroadcastSubOp(a, v, z, dimension));
                case MUL -> exec(new BroadcastMulOp(a, v, z, dimension));
                default -> exec(new BroadcastDivOp(a, v, z, dimension));
            }
        }
        reachabilityFence(this);
        return out;
    }

    @Override
    public Matrix scalar(BinaryOp op, double s) {
        Nd4jMatrix out = newMatrix(rows(), cols());
        scalar(op, s, out.a);
        reachabilityFence(this);
        return out;
    }

    @Override
    public void scalarInPlace(BinaryOp op, double s) {
        scalar(op, s, a);
        reachabilityFence(this);
    }

    private void scalar(BinaryOp op, double s, INDArray z) {
        if (empty()) {
            return;
        }
        switch (op) {
            case ADD -> a.add(s, z);
            case SUB -> a.sub(s, z);
            case MUL -> a.mul(s, z);
            default -> a.div(s, z);
        }
    }

    @Override
    public Matrix map(UnaryOp f) {
        Nd4jMatrix out = newMatrix(rows(), cols());
        map(f, out.a);
        reachabilityFence(this);
        return out;
    }

    @Override
    public void mapInPlace(UnaryOp f) {
        map(f, a);
        reachabilityFence(this);
    }

    /**
     * {@code z = f(a)} with libnd4j's transform: a faster (native) copy of {@link UnaryOp#apply}, the reference,
     * held to it by the conformance kit ({@code Nd4jConformanceTest}) and {@code Nd4jMatrixTest} (random and special values). Where
     * libnd4j differs from the reference on NaN (its sign maps NaN to 0), the reference is computed instead.
     */
    private void map(UnaryOp f, INDArray z) {
        if (empty()) {
            return;
        }
        switch (f) {
            case EXP -> exec(new Exp(a, z));
            case LOG -> exec(new Log(a, z));
            case SQRT -> exec(new Sqrt(a, z));
            case SQUARE -> exec(new Square(a, z));
            case ABS -> exec(new Abs(a, z));
            case SIGN -> {
                if (countNaN(a) > 0) {
                    mapByLoop(f, z);
                } else {
                    exec(new Sign(a, z));
                }
            }
            case NEGATE -> exec(new Negative(a, z));
            case RECIPROCAL -> exec(new Reciprocal(a, z));
            case RELU -> exec(new RectifiedLinear(a, z, 0.0)); // keeps NaN, as np.maximum(0, nan)
            case RELU_MASK -> exec(new Step(a, z, 0.0));
            case SIGMOID -> exec(new Sigmoid(a, z));
            default -> mapByLoop(f, z);
        }
    }

    /** The reference definition element by element: the fallback for rare inputs (NaN in sign). */
    private void mapByLoop(UnaryOp f, INDArray z) {
        double[] v = a.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(v[i]);
        }
        Elements.write(z, v);
    }

    private static long countNaN(INDArray x) {
        return Nd4j.getExecutioner().exec(new MatchCondition(x, Conditions.isNan())).getLong(0);
    }

    @Override
    public void axpy(double alpha, Matrix x) {
        MatrixChecks.requireSameShape("axpy", this, x);
        if (!empty()) {
            Blas.axpy(alpha, arrayOf(x), a);
        }
        reachabilityFence(x);
        reachabilityFence(this);
    }

    @Override
    public void gemm(double alpha, Matrix am, boolean transA, Matrix bm, boolean transB, double beta) {
        MatrixChecks.requireGemm(this, am, transA, bm, transB);
        INDArray x = arrayOf(am);
        INDArray y = arrayOf(bm);
        int k = transA ? am.rows() : am.cols();
        if (empty()) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            // op(a)·op(b) is an empty sum or not formed: this = beta * this (exactly 0 for beta == 0, even over NaN).
            if (beta == 0.0) {
                fill(0.0);
            } else if (beta != 1.0) {
                scalarInPlace(BinaryOp.MUL, beta);
            }
            return;
        }
        if (x == a || y == a) {
            // BLAS may not write its output while reading it: compute aside, then copy in.
            Nd4jMatrix aside = beta == 0.0 ? newMatrix(rows(), cols()) : (Nd4jMatrix) copy();
            Nd4jBackend.backend().products().gemm(transA, transB, rows(), cols(), k, alpha, x, y, beta, aside.a);
            assign(aside);
            Nd4jBackend.backend().pool().release(aside);
        } else {
            // OpenBLAS with beta == 0 writes the output without reading it, so NaN in the old contents is ignored.
            Nd4jBackend.backend().products().gemm(transA, transB, rows(), cols(), k, alpha, x, y, beta, a);
        }
        reachabilityFence(am);
        reachabilityFence(bm);
        reachabilityFence(this);
    }

    /** {@code this · b} into an uninitialised output (the product overwrites it; no zero fill). */
    @Override
    public Matrix dot(Matrix b) {
        return product(rows(), b.cols(), false, b, false);
    }

    /** {@code this.T · b} into an uninitialised output. */
    @Override
    public Matrix transposeDot(Matrix b) {
        return product(cols(), b.cols(), true, b, false);
    }

    /** {@code this · b.T} into an uninitialised output. */
    @Override
    public Matrix dotTranspose(Matrix b) {
        return product(rows(), b.rows(), false, b, true);
    }

    private Matrix product(int rows, int cols, boolean transA, Matrix b, boolean transB) {
        Matrix out = newMatrix(rows, cols);
        out.gemm(1.0, this, transA, b, transB, 0.0);
        return out;
    }

    @Override
    public void assign(Matrix source) {
        MatrixChecks.requireSameShape("assign", this, source);
        INDArray s = arrayOf(source);
        if (s != a && !empty()) {
            Pointer.memcpy(a.data().addressPointer(), s.data().addressPointer(), a.length() * dtype.bytes());
        }
        reachabilityFence(source);
        reachabilityFence(this);
    }

    @Override
    public void fill(double value) {
        if (!empty()) {
            if (value == 0.0 && Double.doubleToRawLongBits(value) == 0) {
                Pointer.memset(a.data().addressPointer(), 0, a.length() * dtype.bytes()); // +0.0 is all zero bits
            } else {
                a.assign(value);
            }
        }
        reachabilityFence(this);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public Matrix sum(int axis) {
        MatrixChecks.requireAxis(axis);
        int outRows = axis == 0 ? 1 : rows();
        int outCols = axis == 0 ? cols() : 1;
        Nd4jMatrix out = newMatrix(outRows, outCols);
        if (out.empty()) {
            return out;
        }
        if (empty()) {
            out.fill(0.0);
        } else if (dtype == DType.FLOAT64) {
            // a row of ones times the matrix (axis 0) or the matrix times a column of ones (axis 1)
            INDArray ones = Nd4jBackend.backend().ones(dtype, axis == 0 ? rows() : cols());
            Blas.gemv(axis == 0, a, ones, out.a);
        } else {
            sumFloat32(axis, out.a);
        }
        reachabilityFence(this);
        return out;
    }

    /** float32 sums along an axis, read in place and accumulated in double, each rounded once. */
    private void sumFloat32(int axis, INDArray z) {
        int rows = rows();
        int cols = cols();
        int chunkRows = Math.max(1, Elements.CHUNK / cols);
        double[] acc = new double[axis == 0 ? cols : rows];
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int n = Math.min(chunkRows, rows - r0);
            FloatBuffer f = Elements.floats(a, (long) r0 * cols, n * cols);
            for (int i = 0; i < n; i++) {
                int o = i * cols;
                if (axis == 0) {
                    for (int j = 0; j < cols; j++) {
                        acc[j] += f.get(o + j);
                    }
                } else {
                    double s = 0;
                    for (int j = 0; j < cols; j++) {
                        s += f.get(o + j);
                    }
                    acc[r0 + i] = s;
                }
            }
        }
        Elements.write(z, acc);
    }

    @Override
    public Matrix max(int axis) {
        MatrixChecks.requireAxis(axis);
        if (emptyReduction(axis, "maximum")) {
            return newMatrix(axis == 0 ? 1 : rows(), axis == 0 ? cols() : 1);
        }
        Nd4jMatrix out = newMatrix(axis == 0 ? 1 : rows(), axis == 0 ? cols() : 1);
        exec(new Max(a, out.a, true, axis));
        reachabilityFence(this);
        return out;
    }

    @Override
    public int[] argmax(int axis) {
        MatrixChecks.requireAxis(axis);
        if (emptyReduction(axis, "argmax")) {
            return new int[0];
        }
        // libnd4j's IndexMax keeps the first index on ties, as NumPy (checked by Nd4jMatrixTest).
        long[] idx = Nd4jBackend.detached(() -> a.argMax(axis)).toLongVector();
        reachabilityFence(this);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) idx[i];
        }
        return out;
    }

    /**
     * True if the result of reducing along {@code axis} is empty (nothing to compute); throws, as
     * NumPy does, if the reduced axis itself has length 0 while the result does not.
     */
    private boolean emptyReduction(int axis, String what) {
        int reduced = axis == 0 ? rows() : cols();
        int kept = axis == 0 ? cols() : rows();
        if (kept == 0) {
            return true;
        }
        if (reduced == 0) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + what
                    + " which has no identity: shape " + shape() + ", axis " + axis + ".");
        }
        return false;
    }

    @Override
    public double sum() {
        if (empty()) {
            return 0.0;
        }
        double s;
        if (dtype == DType.FLOAT64) {
            s = a.sumNumber().doubleValue();
        } else {
            // A whole-array reduction accumulates in its output's type: the mean into a double scalar.
            INDArray mean = Nd4jBackend
                    .detached(() -> Nd4j.createUninitializedDetached(DataType.DOUBLE, 'c', new long[0]));
            exec(new Mean(a, mean));
            s = mean.getDouble(0) * a.length();
            mean.close();
        }
        reachabilityFence(this);
        return s;
    }

    @Override
    public double max() {
        requireNonEmpty("maximum");
        double v = a.maxNumber().doubleValue();
        reachabilityFence(this);
        return v;
    }

    @Override
    public double min() {
        requireNonEmpty("minimum");
        double v = a.minNumber().doubleValue();
        reachabilityFence(this);
        return v;
    }

    private void requireNonEmpty(String what) {
        if (empty()) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + what
                    + " which has no identity: shape " + shape() + ".");
        }
    }

    /** {@code Σ a²} as a BLAS dot product of the array with itself (float32: {@code dsdot}, in double). */
    @Override
    public double sumOfSquares() {
        if (empty()) {
            return 0.0;
        }
        double s = Blas.dot(a, a);
        reachabilityFence(this);
        return s;
    }

    @Override
    public boolean allFinite() {
        boolean finite = empty()
                || Nd4j.getExecutioner().exec(new MatchCondition(a, Conditions.notFinite())).getLong(0) == 0;
        reachabilityFence(this);
        return finite;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public Matrix gatherRows(int[] indices) {
        MatrixChecks.requireRowIndices(this, indices);
        Nd4jMatrix out = newMatrix(indices.length, cols());
        if (!out.empty()) {
            Nd4j.pullRows(a, out.a, 1, indices);
        }
        reachabilityFence(this);
        return out;
    }

    @Override
    public Matrix pick(int[] columns) {
        MatrixChecks.requireColumnPerRow(this, columns);
        double[] v = new double[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(i, columns[i]);
        }
        reachabilityFence(this);
        return create(columns.length, 1, v);
    }

    @Override
    public void addAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        for (int i = 0; i < columns.length; i++) {
            a.putScalar(i, columns[i], a.getDouble(i, columns[i]) + value);
        }
        reachabilityFence(this);
    }

    @Override
    public void addAt(int[] columns, Matrix values) {
        MatrixChecks.requireColumnPerRow(this, columns);
        MatrixChecks.requireColumnVector("addAt", this, values);
        INDArray v = arrayOf(values);
        for (int i = 0; i < columns.length; i++) {
            a.putScalar(i, columns[i], a.getDouble(i, columns[i]) + v.getDouble(i, 0));
        }
        reachabilityFence(values);
        reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "Nd4jMatrix" + shape() + " " + dtype;
    }
}
