package org.backprop4j.backend.array;

/**
 * A matrix product of the {@code pure} backend: {@code BlockedGemm} (scalar loops) or the Vector-API
 * {@code VectorGemm} (see {@code Simd}). It lives here, beside {@link MatrixProduct}, so that {@code pure} and the
 * packages under it ({@code pure.simd}, {@code pure.conv}) all use it without a package cycle. Both fuse a bias into the final write-back, split large products
 * across threads by bands of C without ever splitting the inner dimension (so a result does not depend on
 * the number of threads, to the bit), and treat {@code beta == 0} as "ignore the old C, NaN included".
 */
public interface PureProduct extends MatrixProduct {

    /**
     * {@code c = alpha * op(a) · op(b) + beta * c}, then {@code c += bias} broadcast over the rows when
     * {@code bias} (shape {@code (1, c.cols)}) is not null, each element rounded to {@code c}'s dtype before
     * the bias is added (as a separate broadcast add would). Operands are checked by the caller.
     */
    void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c, ArrayMatrix bias);

    @Override
    default void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c) {
        gemm(alpha, a, transA, b, transB, beta, c, null);
    }

    /** The most threads one product uses. */
    int threads();

    /** The size, in multiply-adds ({@code m * n * k}), from which a product is split across threads. */
    long parallelThreshold();

    /** What runs the multiply-adds, for {@code backprop4j backends}, e.g. {@code SIMD (Vector API, 512-bit)}. */
    String kernels();

    /**
     * The product with an empty inner dimension ({@code k == 0}) or {@code alpha == 0}, where BLAS does not form
     * the product (so NaN in the operands does not reach C): {@code c = beta * c (+ bias)}, the old C ignored
     * when {@code beta == 0}.
     */
    static void scaleOnly(double beta, ArrayMatrix c, ArrayMatrix bias) {
        int n = c.cols();
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < n; j++) {
                int idx = i * n + j;
                c.put(idx, beta == 0 ? 0.0 : beta * c.at(idx));
                if (bias != null) {
                    c.put(idx, c.at(idx) + bias.at(j));
                }
            }
        }
    }
}
