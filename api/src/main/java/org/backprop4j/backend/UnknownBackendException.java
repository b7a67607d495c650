package org.backprop4j.backend;

/** Thrown when a backend is asked for by a name that no provider has, or that cannot start. */
public class UnknownBackendException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-sentence message. */
    public UnknownBackendException(String message) {
        super(message);
    }
}
