package org.backprop4j.kernel;

/** Thrown when a loss comes out NaN or infinite, typically because the learning rate is too large. */
public class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-sentence message. */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
