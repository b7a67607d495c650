package org.backprop4j.models.grader;

import java.util.List;
import java.util.Locale;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;

/**
 * Compares one output of a student's function with the reference's and, when they differ, says how: a shape
 * mismatch, a transposed result, a flipped sign, a missing or extra {@code 1/N}, a constant factor, or one of
 * the function's own {@link Mistake}s, each recognised by matching the student's output with the reference's
 * output so transformed.
 */
public final class Diagnosis {

    /**
     * Outputs agree when {@code rel_error(student, reference) <= AGREE}: a correct implementation differs from the
     * reference by rounding only (about 1e-16 relative, 1e-9 at entries near zero, where {@code rel_error}
     * divides by 1e-8), and every mistake the grader knows is off by far more.
     */
    public static final double AGREE = 1e-7;

    /** A student's output is taken to be a known mistake when it matches the mistake's prediction this closely. */
    static final double MATCH = 1e-6;

    private Diagnosis() {
    }

    /**
     * {@code null} when {@code student} agrees with {@code reference}; else one sentence on what is wrong with it.
     *
     * @param what  the output, as the notebook names it ({@code dx}, {@code loss}, {@code out})
     * @param n     the batch size N of this call, for the {@code 1/N} mistakes
     * @param known the function's own mistakes, tried before the generic ones
     */
    public static String blame(String what, Matrix student, Matrix reference, int n, List<Mistake> known) {
        if (student == null) {
            return what + " is null; expected shape " + shape(reference) + ".";
        }
        boolean sameShape = student.rows() == reference.rows() && student.cols() == reference.cols();
        if (sameShape && GradientCheck.relError(student, reference) <= AGREE) {
            return null;
        }
        for (Mistake m : known) {
            if (matches(student, m.predicted())) {
                return m.sentence();
            }
        }
        if (!sameShape) {
            if (matches(student, reference.transpose())) {
                return what + " is transposed: shape " + shape(student) + ", expected " + shape(reference) + ".";
            }
            return what + " has shape " + shape(student) + ", expected " + shape(reference) + ".";
        }
        if (!student.allFinite()) {
            return what + " holds NaN or infinite values.";
        }
        if (reference.rows() == reference.cols() && reference.rows() > 1 && matches(student, reference.transpose())) {
            return what + " is transposed (the transpose of the correct " + what + ").";
        }
        if (matches(student, reference.scale(-1))) {
            return "sign flipped: " + what + " is the negative of the correct " + what + ".";
        }
        if (n > 1 && matches(student, reference.scale(n))) {
            return what + " is N = " + n + " times too large: the 1/N of the mean over the batch is missing.";
        }
        if (n > 1 && matches(student, reference.scale(1.0 / n))) {
            return what + " is N = " + n + " times too small: it was divided by N once too often.";
        }
        double c = factor(student, reference);
        if (c != 0 && Double.isFinite(c) && matches(student, reference.scale(c))) {
            return what + " is off by a constant factor: " + g(c) + " times the correct " + what + ".";
        }
        return what + " is wrong: rel_error " + g(GradientCheck.relError(student, reference)) + " against the reference"
                + worst(student, reference) + ".";
    }

    /** Whether {@code a} equals {@code b} up to {@link #MATCH}, shapes included. */
    static boolean matches(Matrix a, Matrix b) {
        return a.rows() == b.rows() && a.cols() == b.cols() && a.allFinite()
                && GradientCheck.relError(a, b) <= MATCH;
    }

    /** The least-squares {@code c} of {@code a ≈ c * b}. */
    private static double factor(Matrix a, Matrix b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        double xy = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            yy += y[i] * y[i];
        }
        return yy == 0 ? 0 : xy / yy;
    }

    /** Where the two differ most, for the generic sentence. */
    private static String worst(Matrix a, Matrix b) {
        if (a.size() == 1) {
            return " (yours " + g(a.get(0, 0)) + ", expected " + g(b.get(0, 0)) + ")";
        }
        int wr = 0;
        int wc = 0;
        double worst = -1;
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                double d = Math.abs(a.get(r, c) - b.get(r, c));
                if (d > worst) {
                    worst = d;
                    wr = r;
                    wc = c;
                }
            }
        }
        return ", worst at [" + wr + ", " + wc + "]: yours " + g(a.get(wr, wc)) + ", expected " + g(b.get(wr, wc));
    }

    /** The matrix's shape as NumPy prints it. */
    static String shape(Matrix m) {
        return "(" + m.rows() + ", " + m.cols() + ")";
    }

    /** Three significant digits, as the notebooks print errors. */
    static String g(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
