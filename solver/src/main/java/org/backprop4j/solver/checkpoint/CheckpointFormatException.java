package org.backprop4j.solver.checkpoint;

import java.io.IOException;

/** A checkpoint file that is not one, is truncated or corrupt, or is of an unsupported version. */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-sentence message. */
    public CheckpointFormatException(String message) {
        super(message);
    }
}
