package org.backprop4j.datasets.io;

/** A data set's files are not where they were looked for; the message says where and what to do. */
public class DatasetNotFoundException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-sentence message saying what is missing and how to get it. */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
