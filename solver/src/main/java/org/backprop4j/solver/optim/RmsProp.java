package org.backprop4j.solver.optim;

import java.util.Set;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/**
 * RMSProp: {@code cache = decay_rate * cache + (1 - decay_rate) * dw**2;
 * w -= learning_rate * dw / (sqrt(cache) + epsilon)} (defaults: 1e-2, 0.99, 1e-8).
 */
public final class RmsProp implements UpdateRule {

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public Set<String> hyperParameters() {
        return Set.of("learning_rate", "decay_rate", "epsilon");
    }

    @Override
    public void update(Matrix w, Matrix dw, OptimConfig config) {
        double lr = config.setDefault("learning_rate", 1e-2);
        double decay = config.setDefault("decay_rate", 0.99);
        double eps = config.setDefault("epsilon", 1e-8);
        Matrix cache = config.state("cache", w);
        cache.scalei(decay);
        cache.axpy(1 - decay, dw.mul(dw));
        Matrix step = dw.scale(lr);
        Matrix denom = cache.map(UnaryOp.SQRT);
        denom.scalarInPlace(BinaryOp.ADD, eps);
        step.divi(denom);
        w.subi(step);
    }
}
