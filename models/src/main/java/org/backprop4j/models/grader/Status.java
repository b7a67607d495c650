package org.backprop4j.models.grader;

/** How one graded function came out. */
public enum Status {
    /** Agrees with the reference on every input and meets the notebook's bound. */
    PASS,
    /** Ran, but its result is wrong (the grade says how). */
    FAIL,
    /**
     * Not written yet: it threw {@link UnsupportedOperationException}, or the student's class does not override it
     * (what would run is {@code Kernels}' default, the reference).
     */
    TODO,
    /** Threw something else. */
    ERROR,
    /** Did not return within the time limit. */
    TIMEOUT,
    /** Ran out of memory. */
    OUT_OF_MEMORY
}
