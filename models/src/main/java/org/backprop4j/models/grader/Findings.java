package org.backprop4j.models.grader;

import java.util.List;
import java.util.Locale;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;

/**
 * What one {@link Exercise} has found so far: the notebook's line and the first blame. Later checks do not
 * overwrite an earlier blame — the first thing wrong is the one to fix.
 */
final class Findings {

    private final String function;
    private final StringBuilder line;
    private String blame;
    private String where = "";
    /** A notebook bound exceeded: the blame when no comparison with the reference says more. */
    private String overBound;

    Findings(String function, String setup) {
        this.function = function;
        this.line = new StringBuilder("Testing " + function + setup + ":");
    }

    /** Appends {@code name: value} to the notebook's line, as the notebook prints it ({@code dx error: 1.09e-10}). */
    void print(String name, double value) {
        line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ").append(name).append(": ").append(e(value));
    }

    /** Appends free text to the line. */
    void print(String text) {
        line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ").append(text);
    }

    /**
     * The notebook's check on its own inputs: {@code error} (its {@code rel_error}) must be at most the notebook's
     * {@code bound}; printed either way.
     */
    void notebook(String name, double error, double bound) {
        if (error == WRONG_SHAPE) {
            print(name + ": wrong shape");
            within(name, Double.POSITIVE_INFINITY, bound);
            return;
        }
        print(name, error);
        within(name, error, bound);
    }

    /** A notebook check that is not printed: {@code value} must be at most {@code bound}. */
    void within(String name, double error, double bound) {
        if (!(error <= bound) && overBound == null) {
            overBound = "the notebook's " + name + " is " + e(error) + ", above its bound " + e(bound) + ".";
        }
    }

    /** What {@link #relError} returns when the shapes differ: printed as {@code wrong shape}. */
    static final double WRONG_SHAPE = Double.NEGATIVE_INFINITY;

    /**
     * The notebook's error of {@code student} against the notebook's {@code expected} (its {@code correct_out}
     * or numeric gradient): {@code rel_error} when the shapes agree, else {@link #WRONG_SHAPE} (the comparison
     * with the reference says which shape).
     */
    static double relError(Matrix student, Matrix expected) {
        if (student == null || student.rows() != expected.rows() || student.cols() != expected.cols()) {
            return WRONG_SHAPE;
        }
        return GradientCheck.relError(student, expected);
    }

    /** Compares an output with the reference's; see {@link Diagnosis#blame}. */
    void compare(String what, Matrix student, Matrix reference, int n, List<Mistake> known) {
        compare("", what, student, reference, n, known);
    }

    /**
     * Compares an output with the reference's, the blame starting with {@code prefix}; true when they differ.
     * Nothing is compared once something was blamed.
     */
    boolean compare(String prefix, String what, Matrix student, Matrix reference, int n, List<Mistake> known) {
        if (blame != null) {
            return true;
        }
        String b = Diagnosis.blame(what, student, reference, n, known);
        if (b != null) {
            blame(prefix + (where.isEmpty() ? b : b.substring(0, b.length() - 1) + " (" + where + ")."));
        }
        return b != null;
    }

    /** Compares a scalar output (a loss) with the reference's. */
    void compare(String what, double student, double reference, Matrix like, int n, List<Mistake> known) {
        compare(what, like.create(1, 1, new double[] {student}), like.create(1, 1, new double[] {reference}), n,
                known);
    }

    /** Blames the function for changing an input it was given. */
    void unchanged(String input, Matrix before, Matrix after) {
        if (blame == null && GradientCheck.relError(before, after) != 0) {
            blame(function + " changed its input " + input + " in place: the caller's " + input
                    + " (and the cache) no longer hold what was passed in.");
        }
    }

    /** Records {@code sentence} unless something was blamed already. */
    void blame(String sentence) {
        if (blame == null) {
            blame = sentence;
        }
    }

    /**
     * Names the inputs of the checks that follow, for the blame ({@code seed 2, N 7}); the empty string for the
     * notebook's own inputs.
     */
    void on(String inputs) {
        this.where = inputs;
    }

    Exercise.Outcome outcome() {
        return new Exercise.Outcome(line.toString(), blame != null ? blame : overBound);
    }

    /** Errors as the notebooks print them to three digits: {@code 9.77e-10}. */
    static String e(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
