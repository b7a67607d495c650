package org.backprop4j.solver.optim;

import java.util.Set;

import org.backprop4j.matrix.Matrix;

/**
 * SGD with momentum: {@code v = momentum * v - learning_rate * dw; w += v}
 * (defaults: learning rate 1e-2, momentum 0.9, velocity starting at zero).
 */
public final class SgdMomentum implements UpdateRule {

    @Override
    public String name() {
        return "sgd_momentum";
    }

    @Override
    public Set<String> hyperParameters() {
        return Set.of("learning_rate", "momentum");
    }

    @Override
    public void update(Matrix w, Matrix dw, OptimConfig config) {
        double lr = config.setDefault("learning_rate", 1e-2);
        double momentum = config.setDefault("momentum", 0.9);
        Matrix v = config.state("velocity", w);
        v.scalei(momentum);
        v.axpy(-lr, dw);
        w.addi(v);
    }
}
