package org.backprop4j.backend;

/**
 * The service-provider interface, listed in {@code META-INF/services/org.backprop4j.backend.BackendProvider}.
 *
 * <p>A provider must be cheap to construct: no native library may be touched in its constructor or
 * static initializer. The backend itself is started by {@link #create()}, which {@link BackendRegistry}
 * calls lazily, once, catching any {@link Throwable} (an {@link UnsatisfiedLinkError} included) and
 * recording it as the reason the backend is unavailable.
 */
public interface BackendProvider {

    /** The backend's name, lower case, e.g. {@code nd4j}. */
    String name();

    /** Rank used when no backend is named: the available backend of highest priority is chosen. */
    int priority();

    /** One line saying what this backend is, for {@code backprop4j backends}. */
    String description();

    /** Starts the backend; may throw anything, which marks the backend unavailable. */
    Backend create() throws Exception;
}
