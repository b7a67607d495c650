package org.backprop4j.backend.array;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.UnaryOp;

/**
 * The element-wise loops of an {@link ArrayBackend} that a faster implementation may replace: the second
 * strategy of an array backend beside its {@link MatrixProduct}. {@link ScalarLoops} is the reference (one
 * element at a time, computed in double and rounded on store); {@code pure} runs vectorised loops where the
 * Vector API is available, held to these by tests.
 *
 * <p>Operands are checked by the caller ({@link ArrayMatrix}) and share the dtype of the output; offsets and
 * counts index the row-major storage. Every method is allocation-free.
 */
public interface ElementLoops {

    /** {@code out[oo + j] = x[xo + j] op y[yo + j]} for {@code j < n}. */
    void zip(BinaryOp op, ArrayMatrix x, int xo, ArrayMatrix y, int yo, ArrayMatrix out, int oo, int n);

    /** {@code out[oo + j] = x[xo + j] op s} for {@code j < n}; {@code s} is already rounded to the dtype. */
    void zipScalar(BinaryOp op, ArrayMatrix x, int xo, double s, ArrayMatrix out, int oo, int n);

    /** {@code out[i] = f(x[i])} for every element ({@code out} may be {@code x}). */
    void map(UnaryOp f, ArrayMatrix x, ArrayMatrix out);

    /** {@code y[i] = y[i] + alpha * x[i]}, computed in double and rounded once; {@code alpha} is already rounded. */
    void axpy(double alpha, ArrayMatrix x, ArrayMatrix y);

    /** {@code sum_i x[i]}, accumulated in double, not yet rounded to the dtype. */
    double sum(ArrayMatrix x);

    /** {@code sum_i x[i]^2}, accumulated in double, not yet rounded to the dtype. */
    double sumOfSquares(ArrayMatrix x);

    /**
     * {@code out[c] = sum_r x[r, c]} ({@code np.sum(x, axis=0)}), each column summed over the rows in order,
     * in double, and rounded once to the dtype; {@code out} has shape {@code (1, x.cols)}.
     */
    void columnSums(ArrayMatrix x, ArrayMatrix out);

    /**
     * ReLU backward, {@code dx = dout * (x > 0)} (multiplying by the 0/1 mask, so NaN and the sign of zero are
     * kept as NumPy keeps them), and when {@code db} is not null also {@code db = np.sum(dx, axis=0)} in the
     * same pass, exactly as {@link #columnSums} would compute it from {@code dx}.
     */
    void reluBackward(ArrayMatrix dout, ArrayMatrix x, ArrayMatrix dx, ArrayMatrix db);
}
