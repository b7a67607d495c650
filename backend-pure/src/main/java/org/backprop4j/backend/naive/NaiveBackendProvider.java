package org.backprop4j.backend.naive;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/** Service provider of the {@code naive} backend (priority 10: never the default while {@code pure} is present). */
public final class NaiveBackendProvider implements BackendProvider {

    /** Rank of {@code naive} among the backends. */
    public static final int PRIORITY = 10;

    @Override
    public String name() {
        return NaiveBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "textbook loops for teaching comparisons: i-j-k matrix product, per-element gradient formulas, one thread";
    }

    @Override
    public Backend create() {
        return new NaiveBackend();
    }
}
