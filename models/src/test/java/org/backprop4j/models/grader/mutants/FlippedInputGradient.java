package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;

/** Mistake: {@code dx = -dout · w.T}, the sign flipped. */
public class FlippedInputGradient implements Kernels {
    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        AffineGrads g = Kernels.DEFAULT.affineBackward(dout, cache);
        return new AffineGrads(g.dx().scale(-1), g.dw(), g.db());
    }
}
