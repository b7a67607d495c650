package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.ArrayBackend;
import org.backprop4j.kernel.Kernels;

/**
 * The {@code pure} backend: primitive-array matrices, the cache-blocked multi-threaded {@link BlockedGemm}
 * and the fused {@link PureKernels}. The showcase of what plain Java loops can do.
 */
public final class PureBackend extends ArrayBackend {

    /** The name users select this backend by. */
    public static final String NAME = "pure";

    private final BlockedGemm gemm;
    private final PureKernels kernels;

    /** A backend with the default product: all cores, the default parallel threshold. */
    public PureBackend() {
        this(new BlockedGemm());
    }

    /** A backend that multiplies with {@code gemm} (for example single-threaded, for benchmarks and tests). */
    public PureBackend(BlockedGemm gemm) {
        super(NAME, gemm);
        this.gemm = gemm;
        this.kernels = new PureKernels(gemm);
    }

    /** The matrix product, with its thread count and threshold. */
    public BlockedGemm gemm() {
        return gemm;
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }
}
