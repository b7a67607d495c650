package org.backprop4j.examples.toy;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/** Service provider of the {@code toy} backend, listed in {@code META-INF/services}. */
public final class ToyBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return ToyBackend.NAME;
    }

    /** Below every built-in backend: never the default. */
    @Override
    public int priority() {
        return 1;
    }

    @Override
    public String description() {
        return "example backend: double[][] matrices and the api's default kernels";
    }

    @Override
    public Backend create() {
        return new ToyBackend();
    }
}
