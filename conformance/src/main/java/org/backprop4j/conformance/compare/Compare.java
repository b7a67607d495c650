package org.backprop4j.conformance.compare;

import org.backprop4j.conformance.check.Measurements;
import org.backprop4j.matrix.Matrix;

/**
 * The kit's comparisons. Each records a {@link org.backprop4j.conformance.check.Measurement} (also the one that
 * fails, so a runner prints the failing error) and fails with a message
 * naming what was compared (the caller's {@code what}: operation and case), the shape and dtype of the backend's
 * result, the element and both values.
 */
public final class Compare {

    private Compare() {
    }

    /** {@code what} followed by the shape and dtype of {@code m}, e.g. {@code dot (9, 4) float32}. */
    public static String describe(String what, Matrix m) {
        return what + " " + m.shape() + " " + m.dtype();
    }

    /**
     * Asserts {@code actual} has shape (rows, cols) and every element is within {@code tol} of {@code expected}
     * relative to the expected values' largest magnitude (exact when {@code tol} is 0; equal NaNs agree).
     */
    public static void assertClose(double[] expected, Matrix actual, int rows, int cols, double tol, String what) {
        String where = describe(what, actual);
        if (actual.rows() != rows || actual.cols() != cols) {
            throw new AssertionError(where + ": expected shape (" + rows + ", " + cols + ")");
        }
        double[] got = actual.toArray();
        if (got.length != expected.length) {
            throw new AssertionError(where + ": toArray() has " + got.length + " values, expected " + expected.length);
        }
        double scale = 1e-300;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - got[i]);
            boolean same = expected[i] == got[i] || (Double.isNaN(expected[i]) && Double.isNaN(got[i]));
            if (!same && !(err <= tol * Math.max(scale, 1e-30))) {
                Measurements.record(where, err / Math.max(scale, 1e-30), tol);
                throw new AssertionError(where + ": element " + i + " (row " + i / Math.max(cols, 1) + ", col "
                        + i % Math.max(cols, 1) + ") expected " + expected[i] + " but was " + got[i] + " (|err| " + err
                        + " > " + tol + " * scale " + scale + ")");
            }
            if (!same) {
                worst = Math.max(worst, err / Math.max(scale, 1e-30));
            }
        }
        Measurements.record(where, worst, tol);
    }

    /** Asserts {@code max |actual - expected| <= tol * max(1, max |expected|)}, NumPy's vectors' comparison. */
    public static void assertMatches(String what, double[] expected, Matrix actual, double tol) {
        String where = describe(what, actual);
        double[] a = actual.toArray();
        if (a.length != expected.length) {
            throw new AssertionError(where + ": " + a.length + " values, NumPy gave " + expected.length);
        }
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(a[i] - expected[i]);
            if (!(err <= tol * scale)) {
                Measurements.record(where, err / scale, tol);
                throw new AssertionError(where + ": element " + i + " is " + a[i] + ", NumPy gave " + expected[i]
                        + " (|err| " + err + " > " + tol + " * " + scale + ")");
            }
            worst = Math.max(worst, err / scale);
        }
        Measurements.record(where, worst, tol);
    }

    /** Asserts {@code |actual - expected| <= tol * max(1, |expected|)} for a scalar such as a loss. */
    public static void assertScalar(String what, double expected, double actual, double tol) {
        double scale = Math.max(1, Math.abs(expected));
        double err = Math.abs(actual - expected);
        Measurements.record(what, err / scale, tol);
        if (!(err <= tol * scale)) {
            throw new AssertionError(what + ": " + actual + ", expected " + expected + " (|err| " + err + " > " + tol
                    + " * " + scale + ")");
        }
    }

    /** Asserts {@code error <= bound} for an error computed by the caller, e.g. a {@code rel_error}. */
    public static void assertError(String what, double error, double bound) {
        Measurements.record(what, error, bound);
        if (!(error <= bound)) {
            throw new AssertionError(what + ": error " + error + " > " + bound);
        }
    }

    /** Asserts two results are the same bits, element by element. */
    public static void assertBitIdentical(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " but was " + expected[i]
                        + " on the first run: not bit-identical");
            }
        }
        Measurements.record(what, 0, 0);
    }

    /** {@code max |x - y| / max(max |x|, max |y|)}. */
    public static double normwise(double[] x, double[] y) {
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err = Math.max(err, Math.abs(x[i] - y[i]));
        }
        return err / Math.max(maxAbs(x), maxAbs(y));
    }

    /** {@code max |a|}. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Asserts {@code t}'s message contains every one of {@code parts}. */
    public static void assertMessageNames(Throwable t, String... parts) {
        for (String p : parts) {
            if (t.getMessage() == null || !t.getMessage().contains(p)) {
                throw new AssertionError("the message should name '" + p + "': " + t.getMessage(), t);
            }
        }
    }
}
