package org.backprop4j.solver.optim;

import java.util.Set;

import org.backprop4j.matrix.Matrix;

/** Vanilla stochastic gradient descent: {@code w -= learning_rate * dw} (default learning rate 1e-2). */
public final class Sgd implements UpdateRule {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Set<String> hyperParameters() {
        return Set.of("learning_rate");
    }

    @Override
    public void update(Matrix w, Matrix dw, OptimConfig config) {
        double lr = config.setDefault("learning_rate", 1e-2);
        w.axpy(-lr, dw);
    }
}
