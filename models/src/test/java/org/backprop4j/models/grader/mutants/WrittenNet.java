package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.grader.TwoLayerNetLoss;

/**
 * {@code TwoLayerNet.loss} as a student writes it from the layers, with the knobs the net mutants turn: the
 * penalty's factor in the loss, its gradient's factor, and whether backprop applies the ReLU mask. The defaults
 * are cs231n's: {@code reg * ΣW²}, gradient {@code 2 * reg * W}.
 */
public class WrittenNet implements TwoLayerNetLoss {

    /** The factor of {@code reg * ΣW²} in the loss. */
    protected double penaltyFactor() {
        return 1;
    }

    /** The factor of {@code reg * W} in the gradient. */
    protected double gradientFactor() {
        return 2;
    }

    /** Whether backprop multiplies by the ReLU's mask. */
    protected boolean reluMask() {
        return true;
    }

    @Override
    public LossGrads loss(Parameters params, Matrix x, int[] y, double reg) {
        Kernels k = Kernels.DEFAULT;
        Matrix w1 = params.get("W1");
        Matrix w2 = params.get("W2");
        Forward<AffineCache> fc1 = k.affineForward(x, w1, params.get("b1"));
        Forward<ReluCache> relu = k.reluForward(fc1.out());
        Forward<AffineCache> fc2 = k.affineForward(relu.out(), w2, params.get("b2"));
        LossResult data = k.softmaxLoss(fc2.out(), y);
        AffineGrads g2 = k.affineBackward(data.dx(), fc2.cache());
        Matrix dh = reluMask() ? k.reluBackward(g2.dx(), relu.cache()) : g2.dx();
        AffineGrads g1 = k.affineBackward(dh, fc1.cache());
        double loss = data.loss() + penaltyFactor() * reg * (w1.sumOfSquares() + w2.sumOfSquares());
        Parameters grads = new Parameters();
        grads.put("W1", g1.dw().add(w1.scale(gradientFactor() * reg)));
        grads.put("b1", g1.db());
        grads.put("W2", g2.dw().add(w2.scale(gradientFactor() * reg)));
        grads.put("b2", g2.db());
        return new LossGrads(loss, grads);
    }
}
