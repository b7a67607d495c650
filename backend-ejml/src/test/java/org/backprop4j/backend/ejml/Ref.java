package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.ReferenceProduct;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The independent reference the tests compare with: plain double loops over {@code toArray()} copies,
 * each result paired with the magnitude its rounding error is measured against, and the comparison.
 *
 * <p>Tolerances. float64: 1e-12 relative to the magnitude (the sum of the absolute values of the terms
 * that make an element): even the 3072-term dot products have a worst-case error of 3072·2^-53 ≈ 3.4e-13
 * of it. float32: {@code (terms + 2)·2^-24} relative to the same magnitude, the classic bound
 * ({@code γ_n ≈ n·u}, Higham, "Accuracy and Stability of Numerical Algorithms", §3.1) for a float32
 * computation of {@code terms} roundings, plus one each for rounding a double scalar ({@code alpha},
 * {@code beta}, {@code s}) to float and for the result; a single operation (terms 1) may thus be off by
 * 3 units in the last place relative to the exact value of its float inputs, a 3072-term product by
 * about 1.8e-4 of its magnitude. The reference always starts from the float values actually stored.
 */
final class Ref {

    static final EjmlBackend EJML = new EjmlBackend();

    /** The odd shapes every operation is tested on. */
    static final int[][] SHAPES = {{1, 1}, {1, 17}, {17, 1}, {7, 13}, {257, 300}};

    private Ref() {
    }

    /** Every dtype with every shape of {@link #SHAPES}. */
    static Stream<Arguments> dtypesAndShapes() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] s : SHAPES) {
                out.add(Arguments.of(dtype, s[0], s[1]));
            }
        }
        return out.stream();
    }

    /** A matrix of uniform values in {@code [lo, hi)}. */
    static Matrix random(int rows, int cols, DType dtype, long seed, double lo, double hi) {
        Random rnd = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return EJML.fromArray(rows, cols, v, dtype);
    }

    /** A matrix of uniform values in {@code [-2, 2)}. */
    static Matrix random(int rows, int cols, DType dtype, long seed) {
        return random(rows, cols, dtype, seed, -2, 2);
    }

    /** A matrix of small integers in {@code [-2, 2]}: many ties. */
    static Matrix integers(int rows, int cols, DType dtype, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(5) - 2;
        }
        return EJML.fromArray(rows, cols, v, dtype);
    }

    /** Expected values, the magnitude of each, and how many roundings make each. */
    record Expected(double[] value, double[] magnitude, int terms) {

        /** Results of one operation on exact inputs: the magnitude is the value itself. */
        static Expected single(double[] value) {
            double[] mag = new double[value.length];
            for (int i = 0; i < value.length; i++) {
                mag[i] = Math.abs(value[i]);
            }
            return new Expected(value, mag, 1);
        }
    }

    /** Asserts that {@code got} has the expected shape and holds the expected values within the dtype's tolerance. */
    static void assertClose(String what, int rows, int cols, Expected expected, Matrix got) {
        assertEquals(rows, got.rows(), what + ": rows");
        assertEquals(cols, got.cols(), what + ": cols");
        assertEquals("ejml", got.backendName(), what + ": backend");
        double rel = got.dtype() == DType.FLOAT64 ? 1e-12 : (expected.terms() + 2) * 0x1p-24;
        double[] g = got.toArray();
        for (int i = 0; i < g.length; i++) {
            double e = expected.value()[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, g[i], what + ": element " + i);
            } else if (!(Math.abs(g[i] - e) <= rel * expected.magnitude()[i])) {
                fail(what + " " + got.dtype() + " " + got.shape() + ": element " + i + " (row " + i / cols + ", col "
                        + i % cols + ") is " + g[i] + ", expected " + e + " within " + rel * expected.magnitude()[i]);
            }
        }
    }

    /** Asserts exact equality with {@code expected} (operations that only move or round values). */
    static void assertExactly(String what, int rows, int cols, double[] expected, Matrix got) {
        assertEquals(rows, got.rows(), what + ": rows");
        assertEquals(cols, got.cols(), what + ": cols");
        assertArrayEquals(expected, got.toArray(), what);
    }

    /** {@code v} rounded to the dtype, element by element. */
    static double[] round(double[] v, DType dtype) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.round(out[i]);
        }
        return out;
    }

    // ------------------------------------------------------------------ reference products

    /**
     * {@code alpha op(a) op(b) + beta c} by the textbook triple loop, with {@code beta == 0} ignoring
     * {@code c} and {@code alpha == 0} ignoring the product (BLAS).
     */
    static Expected gemm(double alpha, double[] a, int aRows, int aCols, boolean transA,
            double[] b, int bRows, int bCols, boolean transB, double beta, double[] c) {
        int k = transA ? aRows : aCols;
        ReferenceProduct ab = ReferenceProduct.of(a, aRows, aCols, transA, b, bRows, bCols, transB);
        double[] value = new double[ab.value().length];
        double[] mag = new double[value.length];
        for (int i = 0; i < value.length; i++) {
            double product = alpha == 0 ? 0 : alpha * ab.value()[i];
            double old = beta == 0 ? 0 : beta * c[i];
            value[i] = product + old;
            mag[i] = (alpha == 0 ? 0 : Math.abs(alpha) * ab.magnitude()[i]) + Math.abs(old);
        }
        return new Expected(value, mag, k + 2);
    }

    /** Column sums (axis 0, shape (1, cols)) or row sums (axis 1, shape (rows, 1)). */
    static Expected sum(double[] x, int rows, int cols, int axis) {
        int lines = axis == 0 ? cols : rows;
        int length = axis == 0 ? rows : cols;
        double[] value = new double[lines];
        double[] mag = new double[lines];
        for (int l = 0; l < lines; l++) {
            for (int j = 0; j < length; j++) {
                double v = axis == 0 ? x[j * cols + l] : x[l * cols + j];
                value[l] += v;
                mag[l] += Math.abs(v);
            }
        }
        return new Expected(value, mag, length);
    }

    /** NumPy's argmax of each line: the first maximum, or the first NaN. */
    static int[] argmax(double[] x, int rows, int cols, int axis) {
        int lines = axis == 0 ? cols : rows;
        int length = axis == 0 ? rows : cols;
        int[] out = new int[lines];
        for (int l = 0; l < lines; l++) {
            int best = -1;
            for (int j = 0; j < length; j++) {
                double v = axis == 0 ? x[j * cols + l] : x[l * cols + j];
                if (Double.isNaN(v)) {
                    best = j;
                    break;
                }
                double bestValue = best < 0
                        ? Double.NEGATIVE_INFINITY
                        : axis == 0 ? x[best * cols + l] : x[l * cols + best];
                if (best < 0 || v > bestValue) {
                    best = j;
                }
            }
            out[l] = best;
        }
        return out;
    }
}
