package org.backprop4j.cli.common;

/** A problem the user can fix (a bad option value, a missing file): reported in one line, exit code 2. */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with its one-sentence message. */
    public UserError(String message) {
        super(message);
    }

    /** Creates the error with its one-sentence message and the underlying cause (shown with --debug). */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
