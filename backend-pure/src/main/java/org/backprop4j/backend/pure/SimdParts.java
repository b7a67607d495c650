package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

import org.backprop4j.backend.array.ElementLoops;

/**
 * What the Vector-API half of {@code pure} provides. Implemented in {@code org.backprop4j.backend.pure.simd},
 * the only package that names {@code jdk.incubator.vector}, and created by {@link Simd} through reflection
 * only after the module has been found, so that no class referring to the incubator API is ever loaded
 * without it.
 */
public interface SimdParts {

    /**
     * A vectorised product on at most {@code threads} threads, split from {@code parallelThreshold}
     * multiply-adds, running the scalar kernels below {@code simdFrom} multiply-adds (negative: the default).
     */
    PureProduct product(int threads, long parallelThreshold, long simdFrom);

    /** The multiply-adds from which the vectorised product is split across threads by default. */
    long defaultParallelThreshold();

    /** The vectorised element-wise loops, scalar below {@code simdFrom} elements (negative: the default). */
    ElementLoops loops(int simdFrom);

    /** The register width the kernels run at, e.g. 512 (bits). */
    int vectorBits();
}
