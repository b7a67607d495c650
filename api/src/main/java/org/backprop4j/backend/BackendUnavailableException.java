package org.backprop4j.backend;

/** Thrown when the named backend exists but could not start; the message carries the reason. */
public class BackendUnavailableException extends UnknownBackendException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-sentence message. */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
