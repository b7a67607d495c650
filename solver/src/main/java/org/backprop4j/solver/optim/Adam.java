package org.backprop4j.solver.optim;

import java.util.Set;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/**
 * Adam as cs231n writes it: {@code t += 1} first; {@code m = beta1 m + (1 - beta1) dw};
 * {@code mt = m / (1 - beta1**t)}; {@code v = beta2 v + (1 - beta2) dw**2}; {@code vt = v / (1 - beta2**t)};
 * {@code w -= learning_rate * mt / (sqrt(vt) + epsilon)} — both moments bias-corrected and epsilon
 * added to the square root of the corrected second moment (not the learning-rate-folded form).
 * Defaults: learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8.
 */
public final class Adam implements UpdateRule {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public Set<String> hyperParameters() {
        return Set.of("learning_rate", "beta1", "beta2", "epsilon");
    }

    @Override
    public void update(Matrix w, Matrix dw, OptimConfig config) {
        double lr = config.setDefault("learning_rate", 1e-3);
        double beta1 = config.setDefault("beta1", 0.9);
        double beta2 = config.setDefault("beta2", 0.999);
        double eps = config.setDefault("epsilon", 1e-8);
        Matrix m = config.state("m", w);
        Matrix v = config.state("v", w);
        long t = config.t() + 1;
        config.setT(t);
        m.scalei(beta1);
        m.axpy(1 - beta1, dw);
        Matrix mt = m.scalar(BinaryOp.DIV, 1 - Math.pow(beta1, t));
        v.scalei(beta2);
        v.axpy(1 - beta2, dw.mul(dw));
        Matrix vt = v.scalar(BinaryOp.DIV, 1 - Math.pow(beta2, t));
        vt.mapInPlace(UnaryOp.SQRT);
        vt.scalarInPlace(BinaryOp.ADD, eps);
        mt.scalei(lr);
        mt.divi(vt);
        w.subi(mt);
    }
}
