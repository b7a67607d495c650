package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/**
 * Service provider of the {@code nd4j} backend.
 *
 * <p>This class deliberately names no ND4J or JavaCPP type, not even in a method signature: the
 * {@link java.util.ServiceLoader} constructs it while listing backends, and that must never load a
 * native library. ND4J starts in {@link #create()}, and whatever it throws there (an
 * {@link UnsatisfiedLinkError}, an {@link ExceptionInInitializerError}, a {@link NoClassDefFoundError})
 * reaches {@link org.backprop4j.backend.BackendRegistry}, which records it as the reason the backend
 * is unavailable.
 */
public final class Nd4jProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "nd4j";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}; touches nothing native. */
    public Nd4jProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 60;
    }

    @Override
    public String description() {
        return "ND4J INDArray on the native CPU backend (OpenBLAS GEMM, libnd4j element-wise ops)";
    }

    /**
     * Starts ND4J and returns the backend. The static factory's declared type is {@link Backend}, so
     * verifying this class needs no ND4J class either.
     */
    @Override
    public Backend create() {
        return Nd4jBackend.start();
    }
}
