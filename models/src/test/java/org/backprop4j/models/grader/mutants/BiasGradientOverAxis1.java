package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;

/** Mistake: {@code db = np.sum(dout, axis=1)}, over each sample's outputs instead of over the batch. */
public class BiasGradientOverAxis1 implements Kernels {
    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        AffineGrads g = Kernels.DEFAULT.affineBackward(dout, cache);
        return new AffineGrads(g.dx(), g.dw(), dout.sum(1));
    }
}
