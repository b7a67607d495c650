package org.backprop4j.solver;

import org.backprop4j.kernel.NonFiniteLossException;

/** Training stopped because the loss became NaN or infinite; the message names the iteration. */
public class TrainingDivergedException extends NonFiniteLossException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-sentence message. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
