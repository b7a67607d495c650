package org.backprop4j.matrix;

/**
 * Element-wise functions a backend can map onto its own transforms. {@link #apply(double)} is the
 * reference definition every backend must agree with; the notebooks' activation rules are its static
 * methods ({@link #relu}, {@link #reluMask}, {@link #sigmoid}), which every scalar loop of every backend
 * calls. The faster copies (SIMD lanes in {@code pure}, libnd4j's transforms in {@code nd4j}) say so where
 * they stand and are held to this definition by the conformance kit's Matrix contract ({@code MatrixContract}
 * via each backend's subclass, {@code SimdLoopsTest}).
 */
public enum UnaryOp {
    /** {@code exp(x)}. */
    EXP,
    /** Natural logarithm. */
    LOG,
    /** Square root. */
    SQRT,
    /** {@code x * x}. */
    SQUARE,
    /** {@code |x|}. */
    ABS,
    /** {@code -1, 0 or 1}, as {@code np.sign}. */
    SIGN,
    /** {@code -x}. */
    NEGATE,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** {@code max(0, x)}, as {@code np.maximum(0, x)}: NaN stays NaN ({@link #relu}). */
    RELU,
    /** {@code 1} where {@code x > 0}, else {@code 0}: the ReLU derivative, as {@code (x > 0)} ({@link #reluMask}). */
    RELU_MASK,
    /** {@code 1 / (1 + exp(-x))} ({@link #sigmoid}). */
    SIGMOID;

    /**
     * The reference value of this function at {@code x}. A switch rather than a stored lambda, so that a loop
     * over the elements compiles to the function itself (the switch is loop-invariant) with no interface call.
     */
    public double apply(double x) {
        return switch (this) {
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case NEGATE -> -x;
            case RECIPROCAL -> 1.0 / x;
            case RELU -> relu(x);
            case RELU_MASK -> reluMask(x);
            case SIGMOID -> sigmoid(x);
        };
    }

    /** {@code relu_forward}'s rule, {@code np.maximum(0, x)}: {@code x} where positive or NaN, else {@code 0}. */
    public static double relu(double x) {
        return x > 0 || x != x ? x : 0.0;
    }

    /**
     * {@code relu_backward}'s mask, {@code (x > 0)} as 0 or 1: {@code dx = dout * reluMask(x)} (multiplying, not
     * choosing, keeps a NaN in {@code dout} and the sign of zero as NumPy does).
     */
    public static double reluMask(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    /** The sigmoid, {@code 1 / (1 + np.exp(-x))}. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
