package org.backprop4j.backend.pure;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/** Service provider of the {@code pure} backend, the default (priority 100). */
public final class PureBackendProvider implements BackendProvider {

    /** Rank of {@code pure} among the backends: the highest of those shipped, so it is the default. */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return PureBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** What {@code pure} is, ending with which kernels it runs ({@link Simd#describe()}). */
    @Override
    public String description() {
        return "hand-written loops on primitive arrays, cache-blocked multi-threaded GEMM ("
                + Runtime.getRuntime().availableProcessors() + " cores), fused kernels; kernels: " + Simd.describe();
    }

    @Override
    public Backend create() {
        return new PureBackend();
    }
}
