package org.backprop4j.conformance.check;

/**
 * One comparison a check made: what was compared, the error found and the bound it had to meet.
 *
 * @param what  the operation, shape and dtype, e.g. {@code affine_backward dx (33, 65) float64}
 * @param error the error, in the unit the bound is in (a relative error for every comparison of the kit)
 * @param bound the largest error allowed
 */
public record Measurement(String what, double error, double bound) {

    /** {@code error / bound}: how much of its bound the comparison used (above 1: failed). */
    public double ratio() {
        return bound > 0 ? error / bound : (error == 0 ? 0 : Double.POSITIVE_INFINITY);
    }
}
