package org.backprop4j.matrix;

import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise functions a backend can map onto its own transforms. {@link #apply(double)} is the
 * reference definition every backend must agree with.
 */
public enum UnaryOp {
    /** {@code exp(x)}. */
    EXP(Math::exp),
    /** Natural logarithm. */
    LOG(Math::log),
    /** Square root. */
    SQRT(Math::sqrt),
    /** {@code x * x}. */
    SQUARE(x -> x * x),
    /** {@code |x|}. */
    ABS(Math::abs),
    /** {@code -1, 0 or 1}, as {@code np.sign}. */
    SIGN(Math::signum),
    /** {@code -x}. */
    NEGATE(x -> -x),
    /** {@code 1 / x}. */
    RECIPROCAL(x -> 1.0 / x),
    /** {@code max(0, x)}, as {@code np.maximum(0, x)}: NaN stays NaN. */
    RELU(x -> x > 0 || x != x ? x : 0.0),
    /** {@code 1} where {@code x > 0}, else {@code 0}: the ReLU derivative, as {@code (x > 0)}. */
    RELU_MASK(x -> x > 0 ? 1.0 : 0.0),
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID(x -> 1.0 / (1.0 + Math.exp(-x)));

    private final DoubleUnaryOperator f;

    UnaryOp(DoubleUnaryOperator f) {
        this.f = f;
    }

    /** The reference value of this function at {@code x}. */
    public double apply(double x) {
        return f.applyAsDouble(x);
    }

    /** The function as a {@link DoubleUnaryOperator}. */
    public DoubleUnaryOperator function() {
        return f;
    }
}
