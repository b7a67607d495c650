package org.backprop4j.models.grader.mutants;

/** Mistake: the nndl / fc_net.py convention, {@code 0.5 * reg * ΣW²} with gradient {@code reg * W}, in cs231n's net. */
public class NetWithNndlRegularization extends WrittenNet {
    @Override
    protected double penaltyFactor() {
        return 0.5;
    }

    @Override
    protected double gradientFactor() {
        return 1;
    }
}
