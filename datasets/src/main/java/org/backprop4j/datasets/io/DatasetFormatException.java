package org.backprop4j.datasets.io;

/**
 * A data file is truncated, corrupt, of the wrong kind or inconsistent with its companion files. The
 * message is one sentence naming the file and what is wrong, e.g. {@code "Cannot read
 * train-images-idx3-ubyte: the magic number is 0x00000801, but an IDX image file starts with
 * 0x00000803."}
 */
public class DatasetFormatException extends DatasetException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file (or resource, or zip entry) that is wrong, as the user knows it
     * @param problem what is wrong, a clause without a final period
     */
    public DatasetFormatException(String source, String problem) {
        super(message(source, problem));
        this.source = source;
    }

    /** As {@link #DatasetFormatException(String, String)}, keeping the low-level cause. */
    public DatasetFormatException(String source, String problem, Throwable cause) {
        super(message(source, problem), cause);
        this.source = source;
    }

    /** The file (or resource, or zip entry) that is wrong. */
    public String source() {
        return source;
    }

    private static String message(String source, String problem) {
        String p = problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
        return "Cannot read " + source + ": " + p + ".";
    }
}
