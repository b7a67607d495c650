package org.backprop4j.models.grader.mutants;

/** Mistake: the penalty doubled, {@code 2 * reg * ΣW²} with gradient {@code 4 * reg * W}. */
public class NetWithDoubledRegularization extends WrittenNet {
    @Override
    protected double penaltyFactor() {
        return 2;
    }

    @Override
    protected double gradientFactor() {
        return 4;
    }
}
