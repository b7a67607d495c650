package org.backprop4j.backend.ejml;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/**
 * Announces the {@code ejml} backend to {@link java.util.ServiceLoader}. Constructing it touches no EJML
 * class; {@link #create()} does, so a missing or broken EJML jar makes the backend unavailable with the
 * reason rather than failing discovery.
 */
public final class EjmlBackendProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "ejml";

    /** Rank when no backend is named: below a native BLAS, above hand-written loops. */
    public static final int PRIORITY = 80;

    /** For {@link java.util.ServiceLoader}. */
    public EjmlBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "EJML 0.44 dense row-major matrices (DMatrixRMaj, FMatrixRMaj); concurrent products for large sizes";
    }

    @Override
    public Backend create() {
        return new EjmlBackend();
    }
}
