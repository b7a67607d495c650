package org.backprop4j.conformance.compare;

import org.backprop4j.matrix.DType;

/**
 * The kit's bounds, and why each is what it is. Every comparison is relative to a scale (the reference's largest
 * magnitude, or the notebooks' {@code rel_error}), so a bound says how many digits must agree.
 *
 * <ul>
 * <li><b>float64 against an exact reference, {@value #FLOAT64}.</b> The Matrix contract's reference is plain
 * double loops written in the kit; a correct float64 backend may differ only in summation order (blocked loops,
 * BLAS with FMA), which moves a result by a few ulps of its scale, far below 1e-12. A wrong index or a missing
 * term is an error of order one.</li>
 * <li><b>float32, {@value #FLOAT32_PER_TERM} per term.</b> Inputs are rounded to float before the reference is
 * computed in double; each float32 operation then adds at most half an ulp (6e-8 relative), and a dot product of
 * length K accumulates at most K such errors: the bound is {@code 1e-6 * K} of the scale, which a correct float
 * kernel meets with a wide margin.</li>
 * <li><b>The NumPy vectors, {@value #VECTORS}</b> of {@code max(1, max |expected|)}. NumPy sums pairwise or in
 * BLAS, so the last bits differ; nothing else may.</li>
 * <li><b>Agreement with the reference in float64, {@value #AGREEMENT}.</b> Sums in another order are exact to the
 * last bits only where a sum does not cancel: an entry 10^4 times smaller than the terms that formed it loses four
 * digits in any order. So on well-conditioned inputs (positive x, dout and weights; for affine_relu every other
 * weight column negated, far from the kink) the notebooks' {@code rel_error} itself must be at most 1e-12 for
 * every output and gradient at every shape; on arbitrary random inputs and for whole models each tensor must agree
 * normwise, {@code max |a - b| / max |b| <= 1e-12}. A tensor zero in exact arithmetic (a bias feeding batchnorm)
 * must be below 1e-12 in both.</li>
 * <li><b>float32 against the float64 reference, {@code 8 (K + 10) 6e-8}.</b> A value that passes through a dot
 * product of length K and a handful of element-wise steps collects at most about {@code (K + 10) 6e-8} of the
 * operands' scale (Higham's bound); cancellation on random inputs shrinks the result's scale relative to the
 * operands by a modest factor, hence the 8.</li>
 * <li><b>Numeric gradients, {@value #NUMERIC}</b> ({@code rel_error} of the centred difference with
 * {@code h = 1e-5} against the analytic gradient), the notebooks' bound; the deeper nets to the bounds their
 * notebooks print (1e-6 for the three-layer net, 1e-5 with batchnorm and dropout), see
 * {@code NumericGradients}.</li>
 * <li><b>Determinism and concurrency: bit for bit.</b> The same inputs on the same backend must give the same
 * bits, whether run once, twice, or on several threads at once.</li>
 * </ul>
 */
public final class Tolerances {

    /** float64 against the kit's exact loops. */
    public static final double FLOAT64 = 1e-12;

    /** float32, per term of the longest sum. */
    public static final double FLOAT32_PER_TERM = 1e-6;

    /** Against NumPy's outputs in {@code kernels.json}. */
    public static final double VECTORS = 1e-12;

    /** float64 against the reference backend. */
    public static final double AGREEMENT = 1e-12;

    /** Numeric against analytic gradients (the notebooks' bound). */
    public static final double NUMERIC = 1e-7;

    /** The unit roundoff of float32, 2^-24. */
    private static final double FLOAT32_EPS = 6e-8;

    private Tolerances() {
    }

    /** The Matrix contract's bound for a result whose longest sum has {@code terms} terms. */
    public static double contract(DType dtype, int terms) {
        return dtype == DType.FLOAT64 ? FLOAT64 : FLOAT32_PER_TERM * Math.max(1, terms);
    }

    /** The bound of a float32 result against the float64 reference, for sums of length {@code k}. */
    public static double float32Agreement(int k) {
        return 8 * (k + 10) * FLOAT32_EPS;
    }
}
