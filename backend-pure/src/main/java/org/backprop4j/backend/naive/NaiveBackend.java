package org.backprop4j.backend.naive;

import org.backprop4j.backend.array.ArrayBackend;
import org.backprop4j.backend.array.ScalarLoops;
import org.backprop4j.kernel.Kernels;

/** The {@code naive} backend: primitive-array matrices, the i-j-k {@link NaiveGemm} and the per-element {@link NaiveKernels}. */
public final class NaiveBackend extends ArrayBackend {

    /** The name users select this backend by. */
    public static final String NAME = "naive";

    private final NaiveKernels kernels = new NaiveKernels();

    /** Creates the backend. */
    public NaiveBackend() {
        super(NAME, new NaiveGemm(), ScalarLoops.INSTANCE);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }
}
