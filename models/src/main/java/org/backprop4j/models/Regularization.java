package org.backprop4j.models;

import java.util.Locale;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

/**
 * How a model penalises its weights (never its biases). The notebooks disagree, so the choice is
 * explicit and part of every model's configuration:
 * <ul>
 *   <li>{@link #L2}: cs231n {@code neural_net.py}, {@code reg * sum(W * W)}, gradient {@code 2 * reg * W};</li>
 *   <li>{@link #L2_HALF}: nndl / mlp.py / fc_net.py, {@code 0.5 * reg * sum(W * W)}, gradient {@code reg * W};</li>
 *   <li>{@link #L1}: {@code reg * sum(|W|)}, sub-gradient {@code reg * sign(W)} (seed 002, Q3.2).</li>
 * </ul>
 */
public enum Regularization {
    /** {@code reg * ΣW²}, gradient {@code 2·reg·W} (cs231n). */
    L2("l2"),
    /** {@code 0.5 · reg · ΣW²}, gradient {@code reg·W} (nndl). */
    L2_HALF("l2-half"),
    /** {@code reg · Σ|W|}, gradient {@code reg·sign(W)}. */
    L1("l1");

    private final String label;

    Regularization(String label) {
        this.label = label;
    }

    /** The penalty this convention adds to the loss for one weight matrix. */
    public double penalty(Matrix w, double reg) {
        return switch (this) {
            case L2 -> reg * w.sumOfSquares();
            case L2_HALF -> 0.5 * reg * w.sumOfSquares();
            case L1 -> reg * w.map(UnaryOp.ABS).sum();
        };
    }

    /** Adds this convention's gradient for weight {@code w} to {@code dw}, in place. */
    public void addGradient(Matrix dw, Matrix w, double reg) {
        switch (this) {
            case L2 -> dw.axpy(2 * reg, w);
            case L2_HALF -> dw.axpy(reg, w);
            default -> dw.axpy(reg, w.map(UnaryOp.SIGN));
        }
    }

    /** The name used in configurations and on the command line: {@code l2}, {@code l2-half}, {@code l1}. */
    public String label() {
        return label;
    }

    /** Parses {@link #label()}, case-insensitively. */
    public static Regularization parse(String s) {
        for (Regularization r : values()) {
            if (r.label.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown regularization '" + s + "': expected l2, l2-half or l1.");
    }
}
