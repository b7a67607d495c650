package org.backprop4j.backend.pure.simd;

import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/**
 * Gets the SIMD kernels compiled before they matter. Until the JIT's optimizing compiler has compiled a
 * Vector-API loop, every vector operation runs a slow Java fallback that allocates; the first large
 * products of a training run would take tens of milliseconds each. This runs each kernel (both dtypes,
 * every panel width, both packing paths, every write-back rule) and each element-wise loop on small
 * operands, enough times for the compiler's thresholds.
 */
final class Warmup {

    /** Rounds of the whole set; each exercises every kernel a few times. */
    static final int ROUNDS = 3000;

    private Warmup() {
    }

    static void run(VectorLoops loops) {
        PureBackend backend = new PureBackend(new VectorGemm(1, Long.MAX_VALUE), loops);
        for (DType dtype : DType.values()) {
            int lanes = dtype == DType.FLOAT64 ? DoubleProduct.LANES : FloatProduct.LANES;
            int n = 7 * lanes - 1; // a full panel, then 2 + 1 vectors (the last one ragged)
            Matrix a = backend.full(7, 8, 0.5, dtype);
            Matrix at = backend.full(8, 7, 0.5, dtype);
            Matrix b = backend.full(8, n, 0.25, dtype);
            Matrix bt = backend.full(n, 8, 0.25, dtype);
            Matrix bias = backend.full(1, n, 1, dtype);
            Matrix c = backend.zeros(7, n, dtype);
            Matrix db = backend.zeros(1, n, dtype);
            for (int round = 0; round < ROUNDS; round++) {
                c.gemm(1.0, a, false, b, false, 0.0);
                c.gemm(1.0, at, true, bt, true, 0.5);
                backend.kernels().affineForward(a, b, bias);
                c.axpy(-1e-3, c);
                c.applyInPlace(BinaryOp.values()[round % 4], c);
                c.scalarInPlace(BinaryOp.values()[round % 4], 1.0);
                c.map(UnaryOp.RELU);
                c.map(UnaryOp.values()[round % UnaryOp.values().length]);
                loops.reluBackward((org.backprop4j.backend.array.ArrayMatrix) c,
                        (org.backprop4j.backend.array.ArrayMatrix) c, (org.backprop4j.backend.array.ArrayMatrix) c,
                        (org.backprop4j.backend.array.ArrayMatrix) db);
                c.sum(0);
                c.sum();
                c.sumOfSquares();
                c.fill(0.5);
            }
        }
    }
}
