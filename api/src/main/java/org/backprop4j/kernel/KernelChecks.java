package org.backprop4j.kernel;

import org.backprop4j.matrix.Matrix;

/** Checks on kernel arguments that all backends share, with one-sentence messages. */
public final class KernelChecks {

    private KernelChecks() {
    }

    /** Throws unless {@code y} holds one label per row of {@code scores}, each in {@code [0, C)}. */
    public static void requireLabels(Matrix scores, int[] y) {
        if (y.length != scores.rows()) {
            throw new IllegalArgumentException("labels: expected " + scores.rows() + " labels for scores of shape "
                    + scores.shape() + ", got " + y.length + ".");
        }
        int c = scores.cols();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("labels: y[" + i + "] = " + y[i] + " is outside [0, " + c
                        + ") for scores of shape " + scores.shape() + ".");
            }
        }
    }

    /** Throws unless the bias {@code b} has shape {@code (1, M)} for weights {@code w} of shape {@code (D, M)}. */
    public static void requireBias(String op, Matrix w, Matrix b) {
        requireBias(op, w.cols(), w, b);
    }

    /** Throws unless the bias {@code b} has shape {@code (1, m)}, {@code m} being the outputs of weights {@code w}. */
    public static void requireBias(String op, int m, Matrix w, Matrix b) {
        if (b.rows() != 1 || b.cols() != m) {
            throw new IllegalArgumentException(op + ": bias b must have shape (1, " + m
                    + ") to match weights w of shape " + w.shape() + ", got shape " + b.shape() + ".");
        }
    }

    /** Throws {@link NonFiniteLossException} if {@code loss} is NaN or infinite. */
    public static double requireFinite(String what, double loss) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException(what + " is " + loss + ": the scores hold NaN or infinite values.");
        }
        return loss;
    }
}
