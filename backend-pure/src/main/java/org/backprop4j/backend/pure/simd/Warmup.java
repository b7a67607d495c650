package org.backprop4j.backend.pure.simd;

import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/**
 * Gets the SIMD kernels compiled before they matter. Until the JIT's optimizing compiler (C2) has compiled a
 * Vector-API loop, each vector operation runs a Java fallback that allocates, tens of times slower; a
 * loop is compiled once it has run some tens of thousands of iterations. This runs, on small operands, what a
 * training step runs — the three products of an affine layer in every panel width, the ReLU and its gradient
 * with the bias gradient, the penalty's sum of squares, and the update rules' element-wise passes — in both
 * dtypes, round after round, until a round has become {@value #SPEED_UP} times faster than the first one
 * (the kernels are compiled) or {@value #BUDGET_SECONDS} s have passed.
 */
final class Warmup {

    /** How much faster than the first round a round must be for the kernels to count as compiled. */
    static final int SPEED_UP = 20;
    /** Longest warm-up, in seconds (on a busy machine the compiler may take longer; the kernels still get compiled on use). */
    static final int BUDGET_SECONDS = 6;

    private Warmup() {
    }

    static void run(VectorLoops loops) {
        PureBackend backend = new PureBackend(new VectorGemm(1, Long.MAX_VALUE), loops);
        Step[] steps = {new Step(backend, DType.FLOAT64), new Step(backend, DType.FLOAT32)};
        long deadline = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
        long first = -1;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            for (Step s : steps) {
                s.run();
            }
            long t = System.nanoTime() - t0;
            if (first < 0) {
                first = t;
            } else if (t * SPEED_UP < first) {
                return;
            }
        }
    }

    /** The operations of one training step on small operands of one dtype, allocated once. */
    private static final class Step {
        final Kernels kernels;
        final Matrix x;
        final Matrix w;
        final Matrix b;
        final Matrix dout;
        final Matrix v;
        final double[] sink = new double[1];

        Step(PureBackend backend, DType dtype) {
            int lanes = dtype == DType.FLOAT64 ? DoubleProduct.LANES : FloatProduct.LANES;
            int n = 7 * lanes - 1; // a full panel, then 2 + 1 vectors (the last one ragged)
            int k = PanelProduct.KC + 40; // two depth blocks: the first and the accumulating write-back
            kernels = backend.kernels();
            x = backend.full(2 * PanelProduct.MR, k, 0.5, dtype);
            w = backend.full(k, n, 1e-3, dtype);
            b = backend.full(1, n, 0.25, dtype);
            dout = backend.full(2 * PanelProduct.MR, n, -0.5, dtype);
            v = backend.full(1, 4096, 0.5, dtype);
        }

        void run() {
            Forward<AffineCache> fc = kernels.affineForward(x, w, b);
            Forward<ReluCache> relu = kernels.reluForward(fc.out());
            AffineReluCache cache = new AffineReluCache(fc.cache(), relu.cache());
            sink[0] += kernels.affineReluBackward(dout, cache, true).dw().get(0, 0);
            sink[0] += kernels.reluBackward(dout, relu.cache()).sum(0).get(0, 0);
            sink[0] += w.sumOfSquares() + v.sum();
            Matrix m = v.mul(v);
            m.axpy(-1e-3, v);
            m.scalei(0.9);
            m.addi(v);
            m.subi(v);
            m.divi(v);
            m.scalarInPlace(BinaryOp.ADD, 1e-8);
            m.scalarInPlace(BinaryOp.DIV, 0.5);
            m.mapInPlace(UnaryOp.SQRT);
            sink[0] += m.get(0, 0);
        }
    }
}
