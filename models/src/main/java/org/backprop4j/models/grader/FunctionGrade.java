package org.backprop4j.models.grader;

/**
 * The grade of one notebook function.
 *
 * @param function the notebook's name, e.g. {@code affine_forward}
 * @param status   how it came out
 * @param line     the notebook's line on the notebook's own inputs (e.g.
 *                 {@code Testing affine_forward function: difference: 9.77e-10}), or {@code null} when the
 *                 function did not return
 * @param blame    for anything but {@link Status#PASS}, one sentence saying what is wrong; else {@code null}
 * @param seconds  how long the grading of this function took
 */
public record FunctionGrade(String function, Status status, String line, String blame, double seconds) {

    /** Whether the function passed. */
    public boolean passed() {
        return status == Status.PASS;
    }
}
