package org.backprop4j.backend.array;

import org.backprop4j.kernel.KernelChecks;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;

/**
 * The activation kernels both array backends share, each a faster copy of its {@link Kernels} default (the
 * reference), held to it bit for bit in both dtypes by {@code KernelsAgreementTest} and, on the SIMD loops, by
 * {@code SimdLoopsTest}: one loop over the elements with no mask or {@code 1 - out} temporary, where the default
 * chains two or three {@link Matrix} operations, rounding at the same points. ReLU and sigmoid forward are the
 * defaults themselves ({@code x.map(UnaryOp.RELU)}, {@code x.map(UnaryOp.SIGMOID)}: already one loop here).
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

    /**
     * ReLU backward, element by element, in one pass where the default makes a mask first:
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

    /**
     * Sigmoid backward, element by element, in one pass where the default makes {@code 1 - out} first:
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
