package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;

/** Mistake: {@code dw = dout.T · x}, the transpose of {@code x.T · dout}. */
public class TransposedWeightGradient implements Kernels {
    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        AffineGrads g = Kernels.DEFAULT.affineBackward(dout, cache);
        return new AffineGrads(g.dx(), dout.transposeDot(cache.x()), g.db());
    }
}
