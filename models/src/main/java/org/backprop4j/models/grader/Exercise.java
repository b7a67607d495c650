package org.backprop4j.models.grader;

import java.lang.reflect.Method;

import org.backprop4j.backend.Backend;

/**
 * The grading of one notebook function: its notebook cell (the notebook's inputs, line and bound) and the same
 * comparison with the reference on other seeds and shapes.
 */
public interface Exercise {

    /** The notebook's name of the function, e.g. {@code affine_forward}. */
    String function();

    /** The {@link org.backprop4j.kernel.Kernels} method the student writes for it, or {@code null} (the net's loss). */
    Method kernelsMethod();

    /**
     * Runs the student's function; anything it throws propagates (the {@link Grader} turns it into the grade).
     *
     * @param student the student's code
     * @param backend the backend whose matrices the inputs are, float64
     */
    Outcome grade(StudentCode student, Backend backend);

    /**
     * What a graded function did.
     *
     * @param line  the notebook's line on its own inputs
     * @param blame {@code null} when every check passed, else the first thing found wrong
     */
    record Outcome(String line, String blame) {
    }
}
