package org.backprop4j.backend.array;

import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.KernelChecks;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;

/**
 * The activation kernels both array backends share: each is one loop over the elements (ReLU through the
 * backend's {@link ElementLoops}), with no mask or {@code 1 - out} temporary, where the default chains two
 * or three {@link Matrix} operations. Values are rounded at the same points as the defaults, so the results
 * are bit for bit theirs in both dtypes.
 * Matrices that are not array-backed fall back to the defaults.
 */
public abstract class ArrayKernels implements Kernels {

    /** Subclasses add the product-based and loss kernels. */
    protected ArrayKernels() {
    }

    /**
     * The checked, zeroed {@code (N, M)} output of {@code affine_forward(x, w, b)}, or {@code null} when an
     * operand is not array-backed (the caller then uses the default). Shapes, dtypes and backends are
     * checked first, with the messages of the default.
     */
    protected static ArrayMatrix affineOutput(Matrix x, Matrix w, Matrix b) {
        KernelChecks.requireBias("affine_forward", w, b);
        MatrixChecks.requireCompatible("affine_forward", w, b);
        if (!ArrayMatrix.allArrays(x, w, b)) {
            return null;
        }
        ArrayMatrix out = ArrayMatrix.cast(x).zeros(x.rows(), w.cols());
        MatrixChecks.requireGemm(out, x, false, w, false);
        return out;
    }

    /**
     * The scores of a loss, after checking the labels against them, as an array matrix; {@code null} when
     * they are not array-backed (the caller then uses the default).
     */
    protected static ArrayMatrix lossScores(Matrix scores, int[] y) {
        KernelChecks.requireLabels(scores, y);
        return ArrayMatrix.allArrays(scores) ? ArrayMatrix.cast(scores) : null;
    }

    /** {@code max_k s_ik}, the largest element of row {@code i} (NaN if the row holds one), as {@code np.max}. */
    protected static double rowMax(ArrayMatrix s, int i) {
        int c = s.cols();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            max = Math.max(max, s.at(i * c + k));
        }
        return max;
    }

    /** ReLU forward, element by element: <pre>a_it = max(0, z_it)</pre> ({@code np.maximum(z, 0)}, so NaN stays NaN). */
    @Override
    public Forward<ReluCache> reluForward(Matrix x) {
        if (!ArrayMatrix.allArrays(x)) {
            return Kernels.super.reluForward(x);
        }
        return new Forward<>(ArrayMatrix.cast(x).map(UnaryOp.RELU), new ReluCache(x));
    }

    /**
     * ReLU backward, element by element:
     * <pre>dL/dz_it = dL/da_it * 1{z_it > 0}</pre>
     * The UCLA notes write the mask {@code 1{z_t >= 0}}; it is {@code > 0} here, as cs231n's
     * {@code relu_backward} ({@code dout * (x > 0)}), so the gradient at exactly zero is zero. Multiplying by
     * the 0/1 mask (rather than choosing {@code 0}) keeps NaN and the sign of zero as NumPy does.
     */
    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        if (!ArrayMatrix.allArrays(dout, cache.x())) {
            return Kernels.super.reluBackward(dout, cache);
        }
        return reluBackward(dout, cache.x(), null);
    }

    /**
     * {@link #reluBackward(Matrix, ReluCache)} on array matrices through the backend's {@link ElementLoops},
     * with {@code db = np.sum(dx, axis=0)} written in the same pass when {@code db} is not null.
     */
    protected static ArrayMatrix reluBackward(Matrix dout, Matrix x, ArrayMatrix db) {
        MatrixChecks.requireSameShape("relu_backward", dout, x);
        ArrayMatrix g = ArrayMatrix.cast(dout);
        ArrayMatrix dx = g.zeros(g.rows(), g.cols());
        g.backend().loops().reluBackward(g, ArrayMatrix.cast(x), dx, db);
        return dx;
    }

    /** Sigmoid forward, element by element: <pre>sigma_it = 1 / (1 + exp(-z_it))</pre> */
    @Override
    public Forward<SigmoidCache> sigmoidForward(Matrix x) {
        if (!ArrayMatrix.allArrays(x)) {
            return Kernels.super.sigmoidForward(x);
        }
        ArrayMatrix out = ArrayMatrix.cast(x).mapWith(z -> 1.0 / (1.0 + Math.exp(-z)));
        return new Forward<>(out, new SigmoidCache(out));
    }

    /**
     * Sigmoid backward, element by element:
     * <pre>dL/dz_it = dL/dsigma_it * sigma_it * (1 - sigma_it)</pre>
     * (in float32 each of the two products is rounded to float, as the default's two operations are).
     */
    @Override
    public Matrix sigmoidBackward(Matrix dout, SigmoidCache cache) {
        if (!ArrayMatrix.allArrays(dout, cache.out())) {
            return Kernels.super.sigmoidBackward(dout, cache);
        }
        DType dt = dout.dtype();
        return ArrayMatrix.cast(dout).zipWith("sigmoid_backward", cache.out(),
                (g, s) -> dt.round(g * s) * dt.round(1.0 - s));
    }
}
