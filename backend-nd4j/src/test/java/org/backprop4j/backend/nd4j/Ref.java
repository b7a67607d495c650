package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.ReferenceProduct;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Independent reference: plain double loops over row-major arrays, and the tolerances the nd4j
 * results are held to.
 *
 * <p>Tolerances. float64: 1e-12 relative (element-wise ops are correctly rounded or within an ulp
 * or two of it; sums and products are compared against {@code sum |terms|}, see {@link #assertSum}).
 * float32: the reference is computed in double from the float32 values actually stored, so the only
 * difference is the rounding of the float32 result: correctly rounded ops are within 0.5 ulp
 * (3e-8 relative) and libnd4j's float transforms (expf, logf, ...) within a few ulps, so 1e-6 relative
 * (about 16 ulps) is ample and still far below any real mistake; float32 sums and dot products of
 * length {@code k} are held to Higham's worst-case bound {@code k * 2^-24 * sum |terms|}.
 */
final class Ref {

    static final double F32_UNIT = Math.ulp(1.0f) / 2;   // 2^-24, float32 unit roundoff
    static final double F64_TOL = 1e-12;
    static final double F32_TOL = 1e-6;

    /** The shapes every op is run on: 1x1, 1xN, Nx1, small odd, and large odd. */
    static final int[][] SHAPES = {{1, 1}, {1, 13}, {7, 1}, {7, 13}, {257, 300}};

    private Ref() {
    }

    static Backend backend() {
        return Nd4jBackend.backend();
    }

    /** Every dtype crossed with every shape. */
    static Stream<Arguments> cases() {
        return Stream.of(DType.values()).flatMap(d -> Stream.of(SHAPES).map(s -> Arguments.of(d, s[0], s[1])));
    }

    static double tol(DType dtype) {
        return dtype == DType.FLOAT64 ? F64_TOL : F32_TOL;
    }

    static double[] gaussian(Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * scale;
        }
        return v;
    }

    static Matrix random(Random rnd, int rows, int cols, DType dtype) {
        return backend().fromArray(rows, cols, gaussian(rnd, rows * cols, 2.0), dtype);
    }

    /** A matrix of strictly positive values (for log, sqrt, division). */
    static Matrix positive(Random rnd, int rows, int cols, DType dtype) {
        double[] v = gaussian(rnd, rows * cols, 2.0);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.25;
        }
        return backend().fromArray(rows, cols, v, dtype);
    }

    static double[] round(double[] v, DType dtype) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dtype.round(v[i]);
        }
        return out;
    }

    /** Asserts the shape, then every element within {@code tol * max(|expected|, floor)}. */
    static void assertClose(double[] expected, int rows, int cols, Matrix got, double tol, double floor) {
        assertEquals(rows, got.rows(), "rows of " + got);
        assertEquals(cols, got.cols(), "cols of " + got);
        double[] g = got.toArray();
        assertEquals(expected.length, g.length, "length");
        for (int i = 0; i < g.length; i++) {
            double e = expected[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, g[i], "element " + i + " of " + got);
                continue;
            }
            double bound = tol * Math.max(Math.abs(e), floor);
            if (!(Math.abs(g[i] - e) <= bound)) {
                fail("element (" + i / Math.max(cols, 1) + ", " + i % Math.max(cols, 1) + ") of " + got + ": expected "
                        + e + " but got " + g[i] + " (tolerance " + bound + ")");
            }
        }
    }

    static void assertClose(double[] expected, Matrix got) {
        assertClose(expected, got.rows(), got.cols(), got, tol(got.dtype()), 1e-300);
    }

    /**
     * Asserts sums or dot products: element {@code i} within {@code bound(dtype, k) * scale[i]}, where
     * {@code scale[i]} is the sum of the absolute values of its {@code k} terms.
     */
    static void assertSum(double[] expected, double[] scale, int k, Matrix got) {
        double[] g = got.toArray();
        assertEquals(expected.length, g.length, "length");
        double rel = got.dtype() == DType.FLOAT64 ? F64_TOL : Math.max(k, 1) * F32_UNIT;
        for (int i = 0; i < g.length; i++) {
            double bound = rel * scale[i] + Double.MIN_VALUE;
            if (!(Math.abs(g[i] - expected[i]) <= bound)) {
                fail("element " + i + " of " + got + ": expected " + expected[i] + " but got " + g[i]
                        + " (tolerance " + bound + ")");
            }
        }
    }

    /** {@code op(a) · op(b)} and, in {@code scale}, {@code |op(a)| · |op(b)|}. */
    static double[] matmul(double[] a, int ar, int ac, boolean ta, double[] b, int br, int bc, boolean tb,
            double[] scale) {
        ReferenceProduct r = ReferenceProduct.of(a, ar, ac, ta, b, br, bc, tb);
        if (scale != null) {
            System.arraycopy(r.magnitude(), 0, scale, 0, scale.length);
        }
        return r.value();
    }
}
