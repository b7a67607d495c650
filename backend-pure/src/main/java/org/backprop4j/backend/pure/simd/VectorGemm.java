package org.backprop4j.backend.pure.simd;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.backend.pure.ThreadedProduct;
import org.backprop4j.matrix.DType;

/**
 * The {@code pure} matrix product on the Vector API: a GotoBLAS-style GEMM with a 6-row register tile four
 * vectors wide (6 x 32 in float64, 6 x 64 in float32 on AVX-512), {@code op(B)} packed once per product and
 * shared between threads, {@code op(A)} read in place — see {@link PanelProduct} for the loops and
 * {@link FloatProduct} for float32 precision. All four transpose cases, the fused bias and the
 * {@code beta == 0} rule are those of {@link PureProduct}.
 *
 * <p>Products below {@link #DEFAULT_SIMD_FROM} multiply-adds run the scalar {@link BlockedGemm} (the choice
 * depends on the shape only, so results stay reproducible). Results differ from the scalar ones in the last bits (fused multiply-adds, and float
 * accumulation in float32); the tests hold both to one reference within the bounds stated there.
 */
public final class VectorGemm extends ThreadedProduct {

    /**
     * Multiply-adds from which a product is split across threads: 2^21, about 25 us of work for one core at
     * this kernel's speed, against the 20-50 us it takes to wake a parked pool worker.
     */
    public static final long DEFAULT_PARALLEL_THRESHOLD = 1L << 21;
    /**
     * Multiply-adds from which the vector kernels run: 2^14 (a 25^3 product). Smaller products, such as
     * the notebooks' toy checks, run the scalar {@link BlockedGemm}: at that size the vector kernels gain
     * little, and until the JIT has compiled them (after tens of thousands of iterations) they run the Vector
     * API's slow fallback, which is all a program of toy-sized products would ever see.
     */
    public static final long DEFAULT_SIMD_FROM = 1L << 14;

    private final long simdFrom;
    private final BlockedGemm small;

    /** The product with the default {@link #DEFAULT_SIMD_FROM}. */
    public VectorGemm(int threads, long parallelThreshold) {
        this(threads, parallelThreshold, DEFAULT_SIMD_FROM);
    }

    /**
     * @param threads           at most this many threads work on one product (1: always single-threaded)
     * @param parallelThreshold products of fewer multiply-adds than this run on the calling thread
     * @param simdFrom          products of fewer multiply-adds than this run the scalar kernels (0: none)
     */
    public VectorGemm(int threads, long parallelThreshold, long simdFrom) {
        super(threads, parallelThreshold);
        this.simdFrom = simdFrom;
        this.small = new BlockedGemm(1, Long.MAX_VALUE);
    }

    @Override
    public String kernels() {
        return "SIMD (Vector API, " + DoubleProduct.S.vectorBitSize() + "-bit): " + PanelProduct.MR + "x"
                + PanelProduct.VECTORS * DoubleProduct.LANES + " float64 and " + PanelProduct.MR + "x"
                + PanelProduct.VECTORS * FloatProduct.LANES + " float32 register tiles";
    }

    @Override
    public void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c, ArrayMatrix bias) {
        int k = transA ? a.rows() : a.cols();
        if (c.rows() == 0 || c.cols() == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            PureProduct.scaleOnly(beta, c, bias);
            return;
        }
        if ((long) c.rows() * c.cols() * k < simdFrom) {
            small.gemm(alpha, a, transA, b, transB, beta, c, bias);
            return;
        }
        PanelProduct p = c.dtype() == DType.FLOAT64
                ? new DoubleProduct(alpha, a, transA, b, transB, beta, c, bias, threads(), parallelThreshold())
                : new FloatProduct(alpha, a, transA, b, transB, beta, c, bias, threads(), parallelThreshold());
        p.run();
    }
}
