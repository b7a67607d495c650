package org.backprop4j.datasets;

import java.util.Objects;

import org.backprop4j.matrix.Matrix;

/**
 * One split of a data set: the data matrix, one example per row, and the class label of each row.
 *
 * @param x data, shape {@code (N, D)}
 * @param y labels {@code 0 .. numClasses-1}, length N
 */
public record Split(Matrix x, int[] y) {

    /** @throws IllegalArgumentException if the number of labels is not the number of rows */
    public Split {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.length != x.rows()) {
            throw new IllegalArgumentException(y.length + " labels for a data matrix of shape " + x.shape() + ".");
        }
    }

    /** The labels (a copy). */
    @Override
    public int[] y() {
        return y.clone();
    }

    /** Number of examples. */
    public int size() {
        return y.length;
    }
}
