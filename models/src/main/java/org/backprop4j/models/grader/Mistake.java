package org.backprop4j.models.grader;

import org.backprop4j.matrix.Matrix;

/**
 * A common mistake, recognised by what it would have produced: the reference computation with that mistake
 * made. A student's output that matches {@code predicted} gets {@code sentence} as its blame.
 *
 * @param sentence  the blame, one sentence
 * @param predicted what the mistaken computation returns on the same inputs
 */
public record Mistake(String sentence, Matrix predicted) {

    /** A mistake in a scalar result (a loss). */
    public static Mistake scalar(String sentence, Matrix like, double predicted) {
        return new Mistake(sentence, like.create(1, 1, new double[] {predicted}));
    }
}
