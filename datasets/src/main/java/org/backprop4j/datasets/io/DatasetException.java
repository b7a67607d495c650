package org.backprop4j.datasets.io;

import java.io.IOException;

/**
 * A data set could not be loaded: its files are missing ({@link DatasetNotFoundException}) or are not
 * what they claim to be ({@link DatasetFormatException}). The message is one sentence for the user;
 * the command-line program maps this type to exit code 2.
 */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-sentence message. */
    public DatasetException(String message) {
        super(message);
    }

    /** An exception with a one-sentence message and the low-level cause. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
