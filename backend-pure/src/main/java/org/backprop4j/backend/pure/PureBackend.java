package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

import org.backprop4j.backend.array.ArrayBackend;
import org.backprop4j.backend.array.ElementLoops;
import org.backprop4j.kernel.Kernels;

/**
 * The {@code pure} backend: primitive-array matrices, a cache-blocked multi-threaded {@link PureProduct}, the
 * element-wise {@link ElementLoops} and the fused {@link PureKernels}. The showcase of what plain Java loops
 * can do: on the Vector API (SIMD) when the JVM has {@code jdk.incubator.vector}, else scalar (see {@link Simd}).
 */
public final class PureBackend extends ArrayBackend {

    /** The name users select this backend by. */
    public static final String NAME = "pure";

    private final PureProduct gemm;
    private final PureKernels kernels;

    /**
     * The backend as users get it: SIMD or scalar kernels as {@link Simd} decides, the default threads and
     * threshold.
     *
     * @throws IllegalArgumentException if {@value Simd#PROPERTY} or {@value BlockedGemm#THREADS_PROPERTY} is malformed
     */
    public PureBackend() {
        this(Simd.product(), Simd.loops());
    }

    /** A backend that multiplies with {@code gemm} (for example single-threaded, for benchmarks and tests). */
    public PureBackend(PureProduct gemm) {
        this(gemm, Simd.loops());
    }

    /** A backend with the given product and element-wise loops (tests compare the SIMD and scalar ones). */
    public PureBackend(PureProduct gemm, ElementLoops loops) {
        super(NAME, gemm, loops);
        this.gemm = gemm;
        this.kernels = new PureKernels(gemm);
    }

    /** The matrix product, with its thread count and threshold. */
    public PureProduct gemm() {
        return gemm;
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }
}
