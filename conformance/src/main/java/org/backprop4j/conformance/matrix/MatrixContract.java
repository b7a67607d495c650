package org.backprop4j.conformance.matrix;

import static org.backprop4j.conformance.compare.Compare.assertClose;
import static org.backprop4j.conformance.compare.Compare.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.compare.Tolerances;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.ReferenceProduct;
import org.backprop4j.matrix.UnaryOp;

/**
 * The contract every backend's {@link Matrix} must meet, checked against plain double loops written here and
 * {@link ReferenceProduct} (an independent reference), in both dtypes, on shapes from 1x1 to 200x3072.
 * Tolerances: {@link Tolerances#contract}.
 */
public final class MatrixContract {

    private final Backend backend;

    private MatrixContract(Backend backend) {
        this.backend = backend;
    }

    /** The contract's checks on {@code backend}, each in float64 and float32. */
    public static List<Check> checks(Backend backend) {
        MatrixContract c = new MatrixContract(backend);
        List<Check> checks = new ArrayList<>();
        for (DType dtype : DType.values()) {
            checks.addAll(c.checks(dtype));
        }
        return checks;
    }

    private List<Check> checks(DType dtype) {
        return List.of(
                check("zeros, fromArray, toArray, get, toRows", dtype, () -> createsZerosAndRoundTripsArrays(dtype)),
                check("fromArray copies its input", dtype, () -> fromArrayCopiesItsInput(dtype)),
                check("fromRows", dtype, () -> fromRowsFillsRowByRow(dtype)),
                check("set, create, rowVector, full", dtype,
                        () -> setRoundsToTheDtypeAndCreateStaysOnTheBackend(dtype)),
                check("copy, toDType", dtype, () -> copyIsIndependentAndToDTypeConverts(dtype)),
                check("transpose", dtype, () -> transposes(dtype)),
                check("apply, applyInPlace (every BinaryOp)", dtype,
                        () -> elementWiseBinaryOpsMatchTheReference(dtype)),
                check("broadcastRow, broadcastColumn", dtype, () -> broadcastsRowAndColumnVectors(dtype)),
                check("scalar, scalarInPlace, axpy", dtype, () -> scalarOpsAndAxpy(dtype)),
                check("map, mapInPlace (every UnaryOp)", dtype, () -> unaryOpsMatchTheirDefinitions(dtype)),
                check("gemm (every transpose case, alpha, beta)", dtype,
                        () -> gemmHandlesEveryTransposeCaseAlphaAndBeta(dtype)),
                check("dot, transposeDot, dotTranspose", dtype, () -> dotVariantsMatchNumpy(dtype)),
                check("dot X(200x3072) W1(3072x100)", dtype, () -> largeProductOfATrainingStep(dtype)),
                check("sum, max, mean, sumOfSquares, norm, min", dtype,
                        () -> reductionsKeepDimsAndMatchTheReference(dtype)),
                check("argmax", dtype, () -> argmaxTakesTheFirstOfTiesLikeNumpy(dtype)),
                check("allFinite", dtype, () -> allFiniteSeesNanAndInfinity(dtype)),
                check("gatherRows, pick, addAt", dtype, () -> gatherPickAndAddAt(dtype)),
                check("addAt(columns, values), setAt", dtype, () -> addAtAColumnAndSetAt(dtype)),
                check("assign, fill", dtype, () -> assignAndFill(dtype)),
                check("shape mismatches name both shapes", dtype, () -> shapeMismatchesNameBothShapes(dtype)));
    }

    private static Check check(String name, DType dtype, Check.Body body) {
        return new Check("Matrix " + name + " " + dtype, body);
    }

    private Backend backend() {
        return backend;
    }

    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {7, 1}, {7, 13}, {33, 65}, {130, 47}};

    // ------------------------------------------------------------------ helpers

    private static double[] random(Random rnd, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return a;
    }

    private static double[] rounded(double[] a, DType dtype) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.round(out[i]);
        }
        return out;
    }

    private Matrix make(int rows, int cols, double[] data, DType dtype) {
        return backend().fromArray(rows, cols, data, dtype);
    }

    // ------------------------------------------------------------------ creation and elements

    private void createsZerosAndRoundTripsArrays(DType dtype) {
        Random rnd = new Random(1);
        for (int[] s : SHAPES) {
            Matrix z = backend().zeros(s[0], s[1], dtype);
            assertEquals(backend().name(), z.backendName());
            assertEquals(dtype, z.dtype());
            assertClose(new double[s[0] * s[1]], z, s[0], s[1], 0, "zeros");
            double[] a = random(rnd, s[0] * s[1], -3, 3);
            Matrix m = make(s[0], s[1], a, dtype);
            assertArrayEquals(rounded(a, dtype), m.toArray(), 0.0, "fromArray/toArray " + m.shape());
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    assertEquals(dtype.round(a[r * s[1] + c]), m.get(r, c), 0.0, "get " + m.shape());
                }
            }
            double[][] rows = m.toRows();
            assertEquals(s[0], rows.length, "toRows " + m.shape());
            assertEquals(m.get(s[0] - 1, s[1] - 1), rows[s[0] - 1][s[1] - 1], 0.0, "toRows " + m.shape());
            assertEquals("(" + s[0] + ", " + s[1] + ")", m.shape());
        }
    }

    private void fromArrayCopiesItsInput(DType dtype) {
        double[] a = {1, 2, 3, 4, 5, 6};
        Matrix m = make(2, 3, a, dtype);
        a[0] = 99;
        assertEquals(1.0, m.get(0, 0), 0.0);
    }

    private void fromRowsFillsRowByRow(DType dtype) {
        Matrix m = backend().fromRows(3, 4, dtype, (r, buf) -> {
            for (int c = 0; c < buf.length; c++) {
                buf[c] = 10 * r + c;
            }
        });
        assertClose(new double[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, m, 3, 4, 0, "fromRows");
        Matrix n = backend().fromRows(new double[][] {{1, 2}, {3, 4}}, dtype);
        assertClose(new double[] {1, 2, 3, 4}, n, 2, 2, 0, "fromRows(double[][])");
        assertThrows(IllegalArgumentException.class, () -> backend().fromRows(new double[][] {{1, 2}, {3}}, dtype));
    }

    private void setRoundsToTheDtypeAndCreateStaysOnTheBackend(DType dtype) {
        Matrix m = backend().zeros(2, 2, dtype);
        m.set(1, 0, 0.1);
        assertEquals(dtype.round(0.1), m.get(1, 0), 0.0);
        Matrix c = m.create(1, 3, new double[] {0.1, 2, 3});
        assertEquals(backend().name(), c.backendName());
        assertEquals(dtype, c.dtype());
        assertEquals(dtype.round(0.1), c.get(0, 0), 0.0);
        Matrix row = backend().rowVector(new double[] {1, 2, 3}, dtype);
        assertEquals(1, row.rows());
        assertEquals(3, row.cols());
        Matrix full = backend().full(2, 3, 2.5, dtype);
        assertClose(new double[] {2.5, 2.5, 2.5, 2.5, 2.5, 2.5}, full, 2, 3, 0, "full");
    }

    private void copyIsIndependentAndToDTypeConverts(DType dtype) {
        Matrix m = make(2, 2, new double[] {1.1, 2, 3, 4}, dtype);
        Matrix c = m.copy();
        assertNotSame(m, c);
        c.set(0, 0, 7);
        assertEquals(dtype.round(1.1), m.get(0, 0), 0.0);
        DType other = dtype == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64;
        Matrix t = m.toDType(other);
        assertEquals(other, t.dtype());
        assertEquals(other.round(dtype.round(1.1)), t.get(0, 0), 0.0);
        Matrix same = m.toDType(dtype);
        same.set(1, 1, -1);
        assertEquals(4.0, m.get(1, 1), 0.0, "toDType must copy even to the same dtype");
    }

    private void transposes(DType dtype) {
        Random rnd = new Random(2);
        for (int[] s : SHAPES) {
            double[] a = rounded(random(rnd, s[0] * s[1], -1, 1), dtype);
            double[] t = new double[a.length];
            for (int r = 0; r < s[0]; r++) {
                for (int c = 0; c < s[1]; c++) {
                    t[c * s[0] + r] = a[r * s[1] + c];
                }
            }
            assertClose(t, make(s[0], s[1], a, dtype).transpose(), s[1], s[0], 0, "transpose");
        }
    }

    // ------------------------------------------------------------------ element-wise

    private void elementWiseBinaryOpsMatchTheReference(DType dtype) {
        Random rnd = new Random(3);
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            double[] a = rounded(random(rnd, n, -2, 2), dtype);
            double[] b = rounded(random(rnd, n, 0.5, 2), dtype);
            for (BinaryOp op : BinaryOp.values()) {
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = op.apply(a[i], b[i]);
                }
                Matrix ma = make(s[0], s[1], a, dtype);
                Matrix mb = make(s[0], s[1], b, dtype);
                assertClose(expected, ma.apply(op, mb), s[0], s[1], Tolerances.contract(dtype, 1), "apply " + op);
                assertArrayEquals(a, ma.toArray(), 0.0, "apply must not change its operand");
                ma.applyInPlace(op, mb);
                assertClose(expected, ma, s[0], s[1], Tolerances.contract(dtype, 1), "applyInPlace " + op);
            }
        }
    }

    private void broadcastsRowAndColumnVectors(DType dtype) {
        Random rnd = new Random(4);
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            double[] a = rounded(random(rnd, rows * cols, -2, 2), dtype);
            double[] row = rounded(random(rnd, cols, 0.5, 2), dtype);
            double[] col = rounded(random(rnd, rows, 0.5, 2), dtype);
            for (BinaryOp op : BinaryOp.values()) {
                double[] er = new double[rows * cols];
                double[] ec = new double[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        er[r * cols + c] = op.apply(a[r * cols + c], row[c]);
                        ec[r * cols + c] = op.apply(a[r * cols + c], col[r]);
                    }
                }
                Matrix m = make(rows, cols, a, dtype);
                assertClose(er, m.broadcastRow(op, make(1, cols, row, dtype)), rows, cols,
                        Tolerances.contract(dtype, 1),
                        "broadcastRow " + op);
                assertClose(ec, m.broadcastColumn(op, make(rows, 1, col, dtype)), rows, cols,
                        Tolerances.contract(dtype, 1),
                        "broadcastColumn " + op);
            }
        }
    }

    private void scalarOpsAndAxpy(DType dtype) {
        Random rnd = new Random(5);
        double[] a = rounded(random(rnd, 7 * 13, -2, 2), dtype);
        double[] x = rounded(random(rnd, 7 * 13, -2, 2), dtype);
        double s = 0.75;
        for (BinaryOp op : BinaryOp.values()) {
            double[] expected = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                expected[i] = op.apply(a[i], s);
            }
            Matrix m = make(7, 13, a, dtype);
            assertClose(expected, m.scalar(op, s), 7, 13, Tolerances.contract(dtype, 1), "scalar " + op);
            m.scalarInPlace(op, s);
            assertClose(expected, m, 7, 13, Tolerances.contract(dtype, 1), "scalarInPlace " + op);
        }
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] + -0.3 * x[i];
        }
        Matrix m = make(7, 13, a, dtype);
        m.axpy(-0.3, make(7, 13, x, dtype));
        assertClose(expected, m, 7, 13, Tolerances.contract(dtype, 2), "axpy");
    }

    private void unaryOpsMatchTheirDefinitions(DType dtype) {
        Random rnd = new Random(6);
        double[] a = rounded(random(rnd, 33 * 65, -4, 4), dtype);
        a[0] = 0.0;
        a[1] = -0.0;
        double[] positive = rounded(random(rnd, 33 * 65, 0.01, 9), dtype);
        for (UnaryOp f : UnaryOp.values()) {
            double[] in = (f == UnaryOp.LOG || f == UnaryOp.SQRT || f == UnaryOp.RECIPROCAL) ? positive : a;
            double[] expected = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                expected[i] = dtype.round(f.apply(in[i]));
            }
            Matrix m = make(33, 65, in, dtype);
            assertClose(expected, m.map(f), 33, 65, Tolerances.contract(dtype, 4), "map " + f);
            m.mapInPlace(f);
            assertClose(expected, m, 33, 65, Tolerances.contract(dtype, 4), "mapInPlace " + f);
        }
        Matrix nan = make(1, 2, new double[] {Double.NaN, -1}, dtype);
        assertTrue(Double.isNaN(nan.map(UnaryOp.RELU).get(0, 0)), "relu keeps NaN, as np.maximum(0, nan)");
        Matrix edge = make(1, 3, new double[] {0.0, -0.0, 1e-300}, dtype);
        assertClose(new double[] {0, 0, dtype == DType.FLOAT64 ? 1 : 0}, edge.map(UnaryOp.RELU_MASK), 1, 3, 0,
                "RELU_MASK is (x > 0)");
    }

    // ------------------------------------------------------------------ products

    private static double[] referenceProduct(double[] a, int ar, int ac, boolean ta, double[] b, int br, int bc,
            boolean tb) {
        return ReferenceProduct.of(a, ar, ac, ta, b, br, bc, tb).value();
    }

    private void gemmHandlesEveryTransposeCaseAlphaAndBeta(DType dtype) {
        Random rnd = new Random(7);
        int[][] mkn = {{1, 1, 1}, {1, 5, 1}, {5, 1, 7}, {7, 13, 5}, {33, 65, 17}, {130, 47, 67}, {64, 300, 129}};
        for (int[] d : mkn) {
            int m = d[0];
            int k = d[1];
            int n = d[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int ar = ta ? k : m;
                    int ac = ta ? m : k;
                    int br = tb ? n : k;
                    int bc = tb ? k : n;
                    double[] a = rounded(random(rnd, ar * ac, -1, 1), dtype);
                    double[] b = rounded(random(rnd, br * bc, -1, 1), dtype);
                    double[] c0 = rounded(random(rnd, m * n, -1, 1), dtype);
                    double[] ab = referenceProduct(a, ar, ac, ta, b, br, bc, tb);
                    double alpha = 1.5;
                    double beta = -0.5;
                    double[] expected = new double[m * n];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = alpha * ab[i] + beta * c0[i];
                    }
                    String what = "gemm " + m + "x" + k + "x" + n + (ta ? " transA" : "") + (tb ? " transB" : "");
                    Matrix c = make(m, n, c0, dtype);
                    c.gemm(alpha, make(ar, ac, a, dtype), ta, make(br, bc, b, dtype), tb, beta);
                    assertClose(expected, c, m, n, Tolerances.contract(dtype, k), what);

                    double[] nan = new double[m * n];
                    Arrays.fill(nan, Double.NaN);
                    Matrix fresh = make(m, n, nan, dtype);
                    fresh.gemm(1.0, make(ar, ac, a, dtype), ta, make(br, bc, b, dtype), tb, 0.0);
                    assertClose(ab, fresh, m, n, Tolerances.contract(dtype, k), what + " beta=0 over NaN");
                }
            }
        }
    }

    private void dotVariantsMatchNumpy(DType dtype) {
        Random rnd = new Random(8);
        double[] x = rounded(random(rnd, 9 * 31, -1, 1), dtype);
        double[] w = rounded(random(rnd, 31 * 4, -1, 1), dtype);
        double[] d = rounded(random(rnd, 9 * 4, -1, 1), dtype);
        Matrix mx = make(9, 31, x, dtype);
        Matrix mw = make(31, 4, w, dtype);
        Matrix md = make(9, 4, d, dtype);
        assertClose(referenceProduct(x, 9, 31, false, w, 31, 4, false), mx.dot(mw), 9, 4,
                Tolerances.contract(dtype, 31), "dot");
        assertClose(referenceProduct(x, 9, 31, true, d, 9, 4, false), mx.transposeDot(md), 31, 4,
                Tolerances.contract(dtype, 9), "X.T.dot(dout)");
        assertClose(referenceProduct(d, 9, 4, false, w, 31, 4, true), md.dotTranspose(mw), 9, 31,
                Tolerances.contract(dtype, 4), "dout.dot(W.T)");
    }

    private void largeProductOfATrainingStep(DType dtype) {
        Random rnd = new Random(9);
        int n = 200;
        int d = 3072;
        int h = 100;
        double[] x = rounded(random(rnd, n * d, -1, 1), dtype);
        double[] w = rounded(random(rnd, d * h, -1, 1), dtype);
        assertClose(referenceProduct(x, n, d, false, w, d, h, false), make(n, d, x, dtype).dot(make(d, h, w, dtype)),
                n, h, Tolerances.contract(dtype, d), "X(200x3072).dot(W1)");
    }

    // ------------------------------------------------------------------ reductions

    private void reductionsKeepDimsAndMatchTheReference(DType dtype) {
        Random rnd = new Random(10);
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            double[] a = rounded(random(rnd, rows * cols, -5, 5), dtype);
            Matrix m = make(rows, cols, a, dtype);
            double[] s0 = new double[cols];
            double[] s1 = new double[rows];
            double[] m0 = new double[cols];
            double[] m1 = new double[rows];
            Arrays.fill(m0, Double.NEGATIVE_INFINITY);
            Arrays.fill(m1, Double.NEGATIVE_INFINITY);
            double total = 0;
            double squares = 0;
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = a[r * cols + c];
                    s0[c] += v;
                    s1[r] += v;
                    m0[c] = Math.max(m0[c], v);
                    m1[r] = Math.max(m1[r], v);
                    total += v;
                    squares += v * v;
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
            double tol = Tolerances.contract(dtype, Math.max(rows, cols));
            assertClose(s0, m.sum(0), 1, cols, tol, "sum(axis=0)");
            assertClose(s1, m.sum(1), rows, 1, tol, "sum(axis=1)");
            assertClose(m0, m.max(0), 1, cols, 0, "max(axis=0)");
            assertClose(m1, m.max(1), rows, 1, 0, "max(axis=1)");
            assertEquals(total, m.sum(), Tolerances.contract(dtype, rows * cols) * Math.max(1, 5.0 * rows * cols),
                    "sum() " + m.shape());
            assertEquals(squares, m.sumOfSquares(), Tolerances.contract(dtype, rows * cols) * Math.max(1, squares),
                    "sumOfSquares " + m.shape());
            assertEquals(Math.sqrt(squares), m.norm(), Tolerances.contract(dtype, rows * cols) * Math.max(1, squares),
                    "norm " + m.shape());
            assertEquals(max, m.max(), 0.0, "max() " + m.shape());
            assertEquals(min, m.min(), 0.0, "min() " + m.shape());
            double[] mean0 = s0.clone();
            for (int c = 0; c < cols; c++) {
                mean0[c] /= rows;
            }
            assertClose(mean0, m.mean(0), 1, cols, tol, "mean(axis=0)");
        }
    }

    private void argmaxTakesTheFirstOfTiesLikeNumpy(DType dtype) {
        Matrix m = make(3, 4, new double[] {1, 5, 5, 0, 7, 7, 7, 7, -1, -2, -3, -1}, dtype);
        assertArrayEquals(new int[] {1, 0, 0}, m.argmax(1));
        assertArrayEquals(new int[] {1, 1, 1, 1}, m.argmax(0));
        Random rnd = new Random(11);
        double[] a = rounded(random(rnd, 130 * 47, -1, 1), dtype);
        Matrix big = make(130, 47, a, dtype);
        int[] am = big.argmax(1);
        for (int r = 0; r < 130; r++) {
            int best = 0;
            for (int c = 1; c < 47; c++) {
                if (a[r * 47 + c] > a[r * 47 + best]) {
                    best = c;
                }
            }
            assertEquals(best, am[r], "argmax(axis=1) " + big.shape() + " row " + r);
        }
    }

    private void allFiniteSeesNanAndInfinity(DType dtype) {
        Matrix m = make(2, 2, new double[] {1, 2, 3, 4}, dtype);
        assertTrue(m.allFinite());
        m.set(1, 1, Double.NaN);
        assertFalse(m.allFinite());
        m.set(1, 1, Double.NEGATIVE_INFINITY);
        assertFalse(m.allFinite());
    }

    // ------------------------------------------------------------------ indexing and in-place

    private void gatherPickAndAddAt(DType dtype) {
        double[] a = {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};
        Matrix m = make(4, 3, a, dtype);
        assertClose(new double[] {20, 21, 22, 0, 1, 2, 20, 21, 22}, m.gatherRows(new int[] {2, 0, 2}), 3, 3, 0,
                "gatherRows");
        assertClose(new double[] {2, 10, 21, 31}, m.pick(new int[] {2, 0, 1, 1}), 4, 1, 0, "pick");
        m.addAt(new int[] {2, 0, 1, 1}, -1);
        assertClose(new double[] {0, 1, 1, 9, 11, 12, 20, 20, 22, 30, 30, 32}, m, 4, 3, 0, "addAt");
        assertEquals(0, m.gatherRows(new int[0]).rows());
    }

    /** {@code dx[np.arange(N), y] -= num_pos} and {@code margins[np.arange(N), y] = 0}, with svm_loss's numbers. */
    private void addAtAColumnAndSetAt(DType dtype) {
        Matrix dx = make(4, 3, new double[] {1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0}, dtype);
        Matrix numPos = make(4, 1, new double[] {2, 2, 2, 0}, dtype);
        int[] y = {1, 0, 2, 2};
        dx.addAt(y, numPos.scale(-1));
        assertClose(new double[] {1, -2, 1, -2, 1, 1, 1, 1, -2, 0, 0, 0}, dx, 4, 3, 0, "addAt(y, -num_pos)");
        assertClose(new double[] {2, 2, 2, 0}, numPos, 4, 1, 0, "addAt leaves its values unchanged");
        Matrix m = make(2, 2, new double[] {1.5, -3, 4, 0.25}, dtype);
        m.setAt(new int[] {1, 0}, 0.0);
        assertClose(new double[] {1.5, 0, 0, 0.25}, m, 2, 2, 0, "setAt");
        Matrix big = make(1, 1, new double[] {16777216}, dtype);       // 2^24: float32 cannot add 1 to it
        big.addAt(new int[] {0}, make(1, 1, new double[] {1}, dtype));
        assertEquals(dtype == DType.FLOAT64 ? 16777217 : 16777216, big.get(0, 0), 0.0,
                "the sum is rounded to the dtype");

        Matrix a = backend().zeros(4, 3, dtype);
        assertMessageNames(assertThrows(IllegalArgumentException.class,
                () -> a.addAt(y, backend().zeros(1, 4, dtype))), "(4, 1)", "(1, 4)");
        assertMessageNames(assertThrows(IllegalArgumentException.class,
                () -> a.addAt(y, backend().zeros(4, 1, dtype == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64))),
                "float64", "float32");
        assertThrows(IllegalArgumentException.class, () -> a.addAt(new int[] {0}, backend().zeros(4, 1, dtype)));
        assertThrows(IndexOutOfBoundsException.class,
                () -> a.addAt(new int[] {0, 1, 3, 0}, backend().zeros(4, 1, dtype)));
        assertThrows(IndexOutOfBoundsException.class, () -> a.setAt(new int[] {0, -1, 0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> a.setAt(new int[] {0}, 1));
    }

    private void assignAndFill(DType dtype) {
        Matrix m = backend().zeros(2, 3, dtype);
        m.fill(1.5);
        assertClose(new double[] {1.5, 1.5, 1.5, 1.5, 1.5, 1.5}, m, 2, 3, 0, "fill");
        Matrix src = make(2, 3, new double[] {1, 2, 3, 4, 5, 6}, dtype);
        m.assign(src);
        assertClose(new double[] {1, 2, 3, 4, 5, 6}, m, 2, 3, 0, "assign");
        src.set(0, 0, 9);
        assertEquals(1.0, m.get(0, 0), 0.0, "assign copies");
    }

    // ------------------------------------------------------------------ errors

    private void shapeMismatchesNameBothShapes(DType dtype) {
        Matrix a = backend().zeros(5, 3, dtype);
        Matrix b = backend().zeros(3, 5, dtype);
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.add(b)), "(5, 3)", "(3, 5)");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.addi(b)), "(5, 3)", "(3, 5)");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.axpy(1, b)), "(5, 3)", "(3, 5)");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.assign(b)), "(5, 3)", "(3, 5)");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.dot(a)), "(5, 3)", "not aligned");
        assertMessageNames(assertThrows(IllegalArgumentException.class,
                () -> a.addRowVector(backend().zeros(1, 5, dtype))), "(1, 5)", "(5, 3)");
        assertMessageNames(assertThrows(IllegalArgumentException.class,
                () -> a.subColumnVector(backend().zeros(3, 1, dtype))), "(3, 1)", "(5, 3)");
        Matrix out = backend().zeros(2, 2, dtype);
        assertMessageNames(assertThrows(IllegalArgumentException.class,
                () -> out.gemm(1, a, false, b, false, 0)), "(5, 5)", "(2, 2)");
        assertThrows(IndexOutOfBoundsException.class, () -> a.pick(new int[] {0, 1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> a.pick(new int[] {0}));
        assertThrows(IndexOutOfBoundsException.class, () -> a.gatherRows(new int[] {5}));
        assertThrows(IllegalArgumentException.class, () -> a.sum(2));
        assertThrows(IllegalArgumentException.class, () -> backend().fromArray(2, 2, new double[3], dtype));
    }
}
