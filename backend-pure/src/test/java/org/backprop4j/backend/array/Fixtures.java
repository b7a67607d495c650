package org.backprop4j.backend.array;

import java.util.Random;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/** Random data and comparisons shared by this module's tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code n} uniform values in {@code [lo, hi)}, rounded to {@code dtype} so every backend sees the same numbers. */
    static double[] uniform(Random rnd, int n, double lo, double hi, DType dtype) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = dtype.round(lo + (hi - lo) * rnd.nextDouble());
        }
        return a;
    }

    /** Labels in {@code [0, classes)}. */
    static int[] labels(Random rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    /**
     * Asserts that {@code actual} has the shape of {@code expected} and that every element is within
     * {@code tol} times the largest magnitude in {@code expected} (at least 1e-300), i.e. relative to the
     * matrix's scale, so a wrong index or a missing term (an error of order one) always fails.
     */
    static void assertClose(Matrix expected, Matrix actual, double tol, String what) {
        if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        double scale = 1e-300;
        for (double v : e) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            if (!(err <= tol * scale) && !(Double.isNaN(e[i]) && Double.isNaN(a[i])) && e[i] != a[i]) {
                throw new AssertionError(what + ": element " + i + " (row " + i / expected.cols() + ", col "
                        + i % expected.cols() + ") is " + a[i] + ", expected " + e[i] + " (|err| " + err
                        + " > " + tol + " * scale " + scale + ")");
            }
        }
    }

    /** Asserts the two matrices hold bit-identical elements (and the same shape). */
    static void assertIdentical(Matrix expected, Matrix actual, String what) {
        assertClose(expected, actual, 0.0, what);
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected exactly " + e[i]);
            }
        }
    }
}
