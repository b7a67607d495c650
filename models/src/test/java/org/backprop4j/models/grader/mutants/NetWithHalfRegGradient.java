package org.backprop4j.models.grader.mutants;

/** Mistake: the loss {@code reg * ΣW²} right, its gradient taken as {@code reg * W} instead of {@code 2 * reg * W}. */
public class NetWithHalfRegGradient extends WrittenNet {
    @Override
    protected double gradientFactor() {
        return 1;
    }
}
