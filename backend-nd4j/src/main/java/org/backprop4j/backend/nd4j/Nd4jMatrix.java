package org.backprop4j.backend.nd4j;

import static org.backprop4j.backend.nd4j.Nd4jBackend.allocate;
import static org.backprop4j.backend.nd4j.Nd4jBackend.dataType;
import static org.backprop4j.backend.nd4j.Nd4jBackend.detached;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
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
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A {@link Matrix} over an ND4J {@link INDArray}.
 *
 * <p>Invariant: the array is rank 2 (a {@code (1, n)} row stays 2-D), row-major ({@code 'c'}), not a
 * view (offset 0, default strides, buffer length equal to its length) and of the ND4J type of
 * {@link #dtype()}; {@link #Nd4jMatrix(INDArray, DType)} restores it with one copy if an ND4J call
 * returned anything else. So {@code data()} is exactly the row-major elements.
 *
 * <p>Every operation checks its operands with {@link MatrixChecks} before it casts the other operand
 * to this class. Allocating operations compute straight into a freshly allocated output ({@code z}
 * of the ND4J op); in-place ones pass this array as {@code z} and allocate no array. ND4J cannot run
 * most ops on empty (zero-size) arrays, so those are answered here, as NumPy would.
 *
 * <p>float32 sums ({@link #sum()}, {@link #sum(int)}, {@link #sumOfSquares()}) are accumulated in
 * float64 and rounded once: ND4J accumulates float sums in float, which loses about 3 significant
 * digits over a million elements, where NumPy's pairwise summation loses almost none.
 */
final class Nd4jMatrix implements Matrix {

    private final INDArray a;
    private final DType dtype;

    Nd4jMatrix(INDArray array, DType dtype) {
        INDArray x = array.dataType() == dataType(dtype) ? array : detached(() -> array.castTo(dataType(dtype)));
        if (x.rank() != 2) {
            throw new IllegalStateException("nd4j backend: expected a rank-2 array, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        this.a = isPlainRowMajor(x) ? x : detached(() -> x.dup('c'));
        this.dtype = dtype;
    }

    private static boolean isPlainRowMajor(INDArray x) {
        if (x.isEmpty()) {
            return true;
        }
        return x.ordering() == 'c' && x.offset() == 0 && !x.isView() && Shape.hasDefaultStridesForShape(x)
                && x.data().length() == x.length();
    }

    /** The wrapped array (row-major, rank 2); callers must not make views of it escape. */
    INDArray array() {
        return a;
    }

    private Nd4jMatrix wrap(INDArray x) {
        return new Nd4jMatrix(x, dtype);
    }

    private INDArray newArray(long rows, long cols) {
        return allocate(dtype, rows, cols);
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
        return a.getDouble(r, c);
    }

    @Override
    public void set(int r, int c, double value) {
        MatrixChecks.requireElement(this, r, c);
        a.putScalar(r, c, value);
    }

    @Override
    public double[] toArray() {
        return empty() ? new double[0] : a.data().asDouble();
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
        return empty() ? wrap(newArray(rows(), cols())) : wrap(detached(() -> a.dup('c')));
    }

    @Override
    public Matrix toDType(DType target) {
        if (target == dtype) {
            return copy();
        }
        if (empty()) {
            return new Nd4jMatrix(allocate(target, rows(), cols()), target);
        }
        return new Nd4jMatrix(detached(() -> a.castTo(dataType(target))), target);
    }

    @Override
    public Matrix transpose() {
        if (empty()) {
            return wrap(newArray(cols(), rows()));
        }
        return wrap(detached(() -> a.transpose().dup('c')));
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public Matrix apply(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(op.name().toLowerCase(java.util.Locale.ROOT), this, other);
        INDArray z = newArray(rows(), cols());
        pairwise(op, arrayOf(other), z);
        return wrap(z);
    }

    @Override
    public void applyInPlace(BinaryOp op, Matrix other) {
        MatrixChecks.requireSameShape(op.name().toLowerCase(java.util.Locale.ROOT) + "i", this, other);
        pairwise(op, arrayOf(other), a);
    }

    private void pairwise(BinaryOp op, INDArray y, INDArray z) {
        if (empty()) {
            return;
        }
        switch (op) {
            case ADD: a.add(y, z); break;
            case SUB: a.sub(y, z); break;
            case MUL: a.mul(y, z); break;
            default: a.div(y, z); break;
        }
    }

    @Override
    public Matrix broadcastRow(BinaryOp op, Matrix row) {
        MatrixChecks.requireRowVector(op.name().toLowerCase(java.util.Locale.ROOT) + "RowVector", this, row);
        return broadcast(op, arrayOf(row), 1);
    }

    @Override
    public Matrix broadcastColumn(BinaryOp op, Matrix column) {
        MatrixChecks.requireColumnVector(op.name().toLowerCase(java.util.Locale.ROOT) + "ColumnVector", this,
                column);
        return broadcast(op, arrayOf(column), 0);
    }

    /** {@code this op v}, where {@code v} runs along {@code dimension} (1: a row vector, 0: a column). */
    private Matrix broadcast(BinaryOp op, INDArray v, int dimension) {
        INDArray z = newArray(rows(), cols());
        if (!empty()) {
            switch (op) {
                case ADD: exec(new BroadcastAddOp(a, v, z, dimension)); break;
                case SUB: exec(new BroadcastSubOp(a, v, z, dimension)); break;
                case MUL: exec(new BroadcastMulOp(a, v, z, dimension)); break;
                default: exec(new BroadcastDivOp(a, v, z, dimension)); break;
            }
        }
        return wrap(z);
    }

    @Override
    public Matrix scalar(BinaryOp op, double s) {
        INDArray z = newArray(rows(), cols());
        scalar(op, s, z);
        return wrap(z);
    }

    @Override
    public void scalarInPlace(BinaryOp op, double s) {
        scalar(op, s, a);
    }

    private void scalar(BinaryOp op, double s, INDArray z) {
        if (empty()) {
            return;
        }
        switch (op) {
            case ADD: a.add(s, z); break;
            case SUB: a.sub(s, z); break;
            case MUL: a.mul(s, z); break;
            default: a.div(s, z); break;
        }
    }

    @Override
    public Matrix map(UnaryOp f) {
        INDArray z = newArray(rows(), cols());
        map(f, z);
        return wrap(z);
    }

    @Override
    public void mapInPlace(UnaryOp f) {
        map(f, a);
    }

    /**
     * {@code z = f(a)} with libnd4j's transform. Where libnd4j differs from {@link UnaryOp#apply} on NaN
     * (its relu keeps NaN, its sign maps NaN to 0), the result is brought back to the reference.
     */
    private void map(UnaryOp f, INDArray z) {
        if (empty()) {
            return;
        }
        switch (f) {
            case EXP: exec(new Exp(a, z)); break;
            case LOG: exec(new Log(a, z)); break;
            case SQRT: exec(new Sqrt(a, z)); break;
            case SQUARE: exec(new Square(a, z)); break;
            case ABS: exec(new Abs(a, z)); break;
            case SIGN:
                if (countNaN(a) > 0) {
                    mapByLoop(f, z);
                } else {
                    exec(new Sign(a, z));
                }
                break;
            case NEGATE: exec(new Negative(a, z)); break;
            case RECIPROCAL: exec(new Reciprocal(a, z)); break;
            case RELU: exec(new RectifiedLinear(a, z, 0.0)); break; // keeps NaN, as np.maximum(0, nan)
            case RELU_MASK: exec(new Step(a, z, 0.0)); break;
            case SIGMOID: exec(new Sigmoid(a, z)); break;
            default: mapByLoop(f, z); break;
        }
    }

    /** The reference definition element by element: the fallback for rare inputs (NaN in sign). */
    private void mapByLoop(UnaryOp f, INDArray z) {
        double[] v = a.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(v[i]);
        }
        z.assign(detached(() -> Nd4j.create(v, a.shape(), a.stride(), 'c', a.dataType())));
    }

    private static long countNaN(INDArray x) {
        return Nd4j.getExecutioner().exec(new MatchCondition(x, Conditions.isNan())).getLong(0);
    }

    @Override
    public void axpy(double alpha, Matrix x) {
        MatrixChecks.requireSameShape("axpy", this, x);
        if (!empty()) {
            Nd4j.getBlasWrapper().level1().axpy(a.length(), alpha, arrayOf(x), a);
        }
    }

    @Override
    public void gemm(double alpha, Matrix am, boolean transA, Matrix bm, boolean transB, double beta) {
        MatrixChecks.requireGemm(this, am, transA, bm, transB);
        INDArray x = arrayOf(am);
        INDArray y = arrayOf(bm);
        if (empty()) {
            return;
        }
        int k = transA ? am.rows() : am.cols();
        if (k == 0) {
            // op(a)·op(b) is an empty sum: this = beta * this (and exactly 0 for beta == 0, even over NaN).
            if (beta == 0.0) {
                a.assign(0.0);
            } else if (beta != 1.0) {
                a.muli(beta);
            }
            return;
        }
        if (x == a || y == a) {
            // BLAS may not write its output while reading it: compute aside, then copy in.
            INDArray z = newArray(rows(), cols());
            if (beta != 0.0) {
                z.assign(a);
            }
            Nd4j.gemm(x, y, z, transA, transB, alpha, beta);
            a.assign(z);
            return;
        }
        // libnd4j's matmul into a preallocated row-major output; beta == 0 ignores NaN in the old contents.
        Nd4j.gemm(x, y, a, transA, transB, alpha, beta);
    }

    @Override
    public void assign(Matrix source) {
        MatrixChecks.requireSameShape("assign", this, source);
        INDArray s = arrayOf(source);
        if (s != a && !empty()) {
            a.assign(s);
        }
    }

    @Override
    public void fill(double value) {
        if (!empty()) {
            a.assign(value);
        }
    }

    // ---------------------------------------------------------------- reductions

    /** The array reductions run on: float32 is widened so that sums accumulate in float64. */
    private INDArray wide() {
        return dtype == DType.FLOAT64 ? a : detached(() -> a.castTo(DataType.DOUBLE));
    }

    @Override
    public Matrix sum(int axis) {
        MatrixChecks.requireAxis(axis);
        if (empty()) {
            Matrix out = Nd4jBackend.backend().zeros(axis == 0 ? 1 : rows(), axis == 0 ? cols() : 1, dtype);
            return out;
        }
        INDArray w = wide();
        return wrap(detached(() -> w.sum(true, axis)));
    }

    @Override
    public Matrix max(int axis) {
        MatrixChecks.requireAxis(axis);
        if (emptyReduction(axis, "maximum")) {
            return wrap(newArray(axis == 0 ? 1 : rows(), axis == 0 ? cols() : 1));
        }
        return wrap(detached(() -> a.max(true, axis)));
    }

    @Override
    public int[] argmax(int axis) {
        MatrixChecks.requireAxis(axis);
        if (emptyReduction(axis, "argmax")) {
            return new int[0];
        }
        // libnd4j's IndexMax keeps the first index on ties, as NumPy (checked by Nd4jMatrixTest).
        long[] idx = detached(() -> a.argMax(axis)).toLongVector();
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
        return empty() ? 0.0 : wide().sumNumber().doubleValue();
    }

    @Override
    public double max() {
        requireNonEmpty("maximum");
        return a.maxNumber().doubleValue();
    }

    @Override
    public double min() {
        requireNonEmpty("minimum");
        return a.minNumber().doubleValue();
    }

    private void requireNonEmpty(String what) {
        if (empty()) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + what
                    + " which has no identity: shape " + shape() + ".");
        }
    }

    @Override
    public double sumOfSquares() {
        if (empty()) {
            return 0.0;
        }
        return Nd4j.getExecutioner().exec(new SquaredNorm(wide())).getDouble(0);
    }

    @Override
    public boolean allFinite() {
        return empty()
                || Nd4j.getExecutioner().exec(new MatchCondition(a, Conditions.notFinite())).getLong(0) == 0;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public Matrix gatherRows(int[] indices) {
        MatrixChecks.requireRowIndices(this, indices);
        if (indices.length == 0 || cols() == 0) {
            return wrap(newArray(indices.length, cols()));
        }
        return wrap(detached(() -> Nd4j.pullRows(a, 1, indices, 'c')));
    }

    @Override
    public Matrix pick(int[] columns) {
        MatrixChecks.requireColumnPerRow(this, columns);
        double[] v = new double[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(i, columns[i]);
        }
        return create(columns.length, 1, v);
    }

    @Override
    public void addAt(int[] columns, double value) {
        MatrixChecks.requireColumnPerRow(this, columns);
        for (int i = 0; i < columns.length; i++) {
            a.putScalar(i, columns[i], a.getDouble(i, columns[i]) + value);
        }
    }

    @Override
    public String toString() {
        return "Nd4jMatrix" + shape() + " " + dtype;
    }
}
