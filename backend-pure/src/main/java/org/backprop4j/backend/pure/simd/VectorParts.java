package org.backprop4j.backend.pure.simd;

import org.backprop4j.backend.array.ElementLoops;
import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.backend.pure.SimdParts;

/** The Vector-API half of {@code pure}, created by name by {@code Simd} once the module has been found. */
public final class VectorParts implements SimdParts {

    private static final VectorLoops LOOPS = new VectorLoops(VectorLoops.DEFAULT_SIMD_FROM);

    /** Loads the kernels' classes, so that a JVM without usable vector support fails here, not in a product. */
    public VectorParts() {
        if (DoubleProduct.LANES < 2 || FloatProduct.LANES != 2 * DoubleProduct.LANES) {
            throw new IllegalStateException("the Vector API's preferred species do not suit the kernels on this "
                    + "machine: " + DoubleProduct.S + ", " + FloatProduct.S + ".");
        }
    }

    @Override
    public PureProduct product(int threads, long parallelThreshold, long simdFrom) {
        return new VectorGemm(threads, parallelThreshold, simdFrom < 0 ? VectorGemm.DEFAULT_SIMD_FROM : simdFrom);
    }

    @Override
    public long defaultParallelThreshold() {
        return VectorGemm.DEFAULT_PARALLEL_THRESHOLD;
    }

    @Override
    public ElementLoops loops(int simdFrom) {
        return simdFrom < 0 ? LOOPS : new VectorLoops(simdFrom);
    }

    @Override
    public int vectorBits() {
        return DoubleProduct.S.vectorBitSize();
    }
}
