package org.backprop4j.cli.bench;

import java.util.List;

/**
 * One matrix product of a {@code TwoLayerNet} training step, as the kernels form it with
 * {@link org.backprop4j.matrix.Matrix#gemm}: {@code out(m, n) = op(A) · op(B)} with inner dimension
 * {@code k}, where {@code op} transposes an operand without materialising it. A benchmark descriptor, not part
 * of a model: {@code bench} times these products, and the JMH benchmarks (which depend on this module for it)
 * time the same ones.
 *
 * @param id     a short ASCII key for JSON and JMH, e.g. {@code x_w1}
 * @param label  the product as the notebook writes it, e.g. {@code X·W1} or {@code dS·W2ᵀ}
 * @param role   what the product computes in the training step
 * @param aRows  rows of A as stored
 * @param aCols  columns of A as stored
 * @param transA whether A enters transposed
 * @param bRows  rows of B as stored
 * @param bCols  columns of B as stored
 * @param transB whether B enters transposed
 */
public record StepProduct(String id, String label, String role, int aRows, int aCols, boolean transA,
        int bRows, int bCols, boolean transB) {

    /** Checks that the inner dimensions agree. */
    public StepProduct {
        int ka = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        if (ka != kb) {
            throw new IllegalArgumentException("inner dimensions differ in " + label + ": " + ka + " and " + kb);
        }
    }

    /** Rows of the result. */
    public int m() {
        return transA ? aCols : aRows;
    }

    /** Columns of the result. */
    public int n() {
        return transB ? bRows : bCols;
    }

    /** The inner (summed-over) dimension. */
    public int k() {
        return transA ? aRows : aCols;
    }

    /** Floating-point operations of the product: one multiply and one add per term, {@code 2·m·n·k}. */
    public long flops() {
        return flops(m(), n(), k());
    }

    /** {@code 2·m·n·k}, the FLOP count of an {@code (m, k) · (k, n)} product, in long arithmetic. */
    public static long flops(long m, long n, long k) {
        return 2L * m * n * k;
    }

    /** The operands as stored, with the transpose marked, e.g. {@code (200,10)·(100,10)ᵀ}. */
    public String shapes() {
        return "(" + aRows + "," + aCols + ")" + (transA ? "ᵀ" : "") + "·(" + bRows + "," + bCols + ")"
                + (transB ? "ᵀ" : "");
    }

    /**
     * The six products of one training step of cs231n's two-layer net (W1 stored (D, H), W2 (H, C)),
     * in the order they run: two forward, four backward.
     *
     * @param n batch size N
     * @param d input dimension D
     * @param h hidden size H
     * @param c number of classes C
     */
    public static List<StepProduct> twoLayerNet(int n, int d, int h, int c) {
        return List.of(
                new StepProduct("x_w1", "X·W1", "forward: hidden pre-activation", n, d, false, d, h, false),
                new StepProduct("h_w2", "H·W2", "forward: scores", n, h, false, h, c, false),
                new StepProduct("ds_w2t", "dS·W2ᵀ", "backward: dH = dscores·W2ᵀ", n, c, false, h, c, true),
                new StepProduct("ht_ds", "Hᵀ·dS", "backward: dW2 = Hᵀ·dscores", n, h, true, n, c, false),
                new StepProduct("dh_w1t", "dH·W1ᵀ", "backward: dX = dH·W1ᵀ", n, h, false, d, h, true),
                new StepProduct("xt_dh", "Xᵀ·dH", "backward: dW1 = Xᵀ·dH", n, d, true, n, h, false));
    }

    /** The product with the given {@link #id()} among {@link #twoLayerNet}'s. */
    public static StepProduct byId(String id, int n, int d, int h, int c) {
        for (StepProduct p : twoLayerNet(n, d, h, c)) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown product '" + id + "': expected one of x_w1, h_w2, ds_w2t, ht_ds, "
                + "dh_w1t, xt_dh.");
    }
}
