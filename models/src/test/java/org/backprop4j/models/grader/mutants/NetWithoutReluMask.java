package org.backprop4j.models.grader.mutants;

/** Mistake: backprop passes the hidden layer's gradient through the ReLU unmasked: W1 and b1 are wrong, W2 right. */
public class NetWithoutReluMask extends WrittenNet {
    @Override
    protected boolean reluMask() {
        return false;
    }
}
