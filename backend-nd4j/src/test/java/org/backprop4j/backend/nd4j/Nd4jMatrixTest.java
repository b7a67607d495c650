package org.backprop4j.backend.nd4j;

import static org.backprop4j.backend.nd4j.Ref.assertClose;
import static org.backprop4j.backend.nd4j.Ref.assertSum;
import static org.backprop4j.backend.nd4j.Ref.backend;
import static org.backprop4j.backend.nd4j.Ref.positive;
import static org.backprop4j.backend.nd4j.Ref.random;
import static org.backprop4j.backend.nd4j.Ref.round;
import static org.backprop4j.backend.nd4j.Ref.tol;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every {@link Matrix} operation of the nd4j backend against plain double loops ({@link Ref}). */
class Nd4jMatrixTest {

    private static INDArray arrayOf(Matrix m) {
        return ((Nd4jMatrix) m).array();
    }

    /** The storage invariant: rank 2, row-major, not a view, of the matrix's own dtype. */
    private static void assertPlain(Matrix m) {
        INDArray a = arrayOf(m);
        assertEquals(2, a.rank(), "rank of " + m);
        assertEquals(m.rows(), a.size(0));
        assertEquals(m.cols(), a.size(1));
        assertEquals(m.dtype() == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT, a.dataType());
        if (a.length() > 0) {
            assertEquals('c', a.ordering(), "ordering of " + m);
            assertFalse(a.isView(), "view " + m);
            assertEquals(a.length(), a.data().length(), "buffer of " + m);
        }
    }

    // ------------------------------------------------------------------ identity, elements, creation

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void identityAndRoundTrip(DType dtype, int rows, int cols) {
        double[] v = Ref.gaussian(new Random(1), rows * cols, 3.0);
        Matrix m = backend().fromArray(rows, cols, v, dtype);
        assertEquals("nd4j", m.backendName());
        assertEquals(dtype, m.dtype());
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        assertEquals("(" + rows + ", " + cols + ")", m.shape());
        assertPlain(m);
        assertArrayEquals(round(v, dtype), m.toArray(), 0.0, "fromArray rounds to the dtype, toArray widens exactly");
        double[][] nested = m.toRows();
        assertEquals(rows, nested.length);
        assertEquals(v.length == 0 ? 0 : dtype.round(v[v.length - 1]), nested[rows - 1][cols - 1]);
        assertEquals(dtype.round(v[(rows - 1) * cols]), m.get(rows - 1, 0), 0.0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void setRoundsToDtypeAndChecksBounds(DType dtype) {
        Matrix m = backend().zeros(2, 3, dtype);
        m.set(1, 2, 0.1);
        assertEquals(dtype.round(0.1), m.get(1, 2), 0.0);
        assertEquals(0.0, m.get(0, 0), 0.0);
        assertEquals(dtype == DType.FLOAT64 ? 0.1 : (double) 0.1f, m.toArray()[5], 0.0);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.set(2, 0, 1));
        assertTrue(e.getMessage().contains("(2, 0)") && e.getMessage().contains("(2, 3)"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, -1));
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void creationOnSameBackendAndDtype(DType dtype, int rows, int cols) {
        Matrix m = random(new Random(2), rows, cols, dtype);
        Matrix z = m.zeros(cols, rows);
        assertEquals("nd4j", z.backendName());
        assertEquals(dtype, z.dtype());
        assertClose(new double[rows * cols], cols, rows, z, 0, 1);
        double[] v = Ref.gaussian(new Random(3), rows * cols, 1.0);
        Matrix c = m.create(rows, cols, v);
        assertEquals(dtype, c.dtype());
        assertArrayEquals(round(v, dtype), c.toArray(), 0.0);
        double first = v[0];
        v[0] = 99;
        assertEquals(dtype.round(first), c.get(0, 0), 0.0, "create copies its array");
        assertPlain(c);
        assertThrows(IllegalArgumentException.class, () -> m.create(rows, cols + 1, new double[rows * cols]));
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void copyIsIndependent(DType dtype, int rows, int cols) {
        Matrix m = random(new Random(4), rows, cols, dtype);
        double[] before = m.toArray();
        Matrix c = m.copy();
        assertNotSame(arrayOf(m), arrayOf(c));
        assertArrayEquals(before, c.toArray(), 0.0);
        c.fill(7);
        c.set(0, 0, -1);
        assertArrayEquals(before, m.toArray(), 0.0, "the original is untouched");
        assertPlain(c);
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void toDTypeConverts(DType dtype, int rows, int cols) {
        double[] v = Ref.gaussian(new Random(5), rows * cols, 1.0);
        Matrix m = backend().fromArray(rows, cols, v, dtype);
        for (DType target : DType.values()) {
            Matrix t = m.toDType(target);
            assertEquals(target, t.dtype());
            assertNotSame(arrayOf(m), arrayOf(t), "always a copy");
            assertArrayEquals(round(round(v, dtype), target), t.toArray(), 0.0);
            assertPlain(t);
        }
        Matrix same = m.toDType(dtype);
        same.fill(3);
        assertArrayEquals(round(v, dtype), m.toArray(), 0.0, "toDType(same) is a copy, not the same array");
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void transpose(DType dtype, int rows, int cols) {
        Matrix m = random(new Random(6), rows, cols, dtype);
        double[] a = m.toArray();
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        Matrix mt = m.transpose();
        assertClose(t, cols, rows, mt, 0, 1);
        assertPlain(mt);
        mt.fill(0);
        assertArrayEquals(a, m.toArray(), 0.0, "the transpose is a copy, not a view");
    }

    // ------------------------------------------------------------------ element-wise

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void binaryOps(DType dtype, int rows, int cols) {
        Random rnd = new Random(7);
        for (BinaryOp op : BinaryOp.values()) {
            Matrix x = random(rnd, rows, cols, dtype);
            Matrix y = op == BinaryOp.DIV ? positive(rnd, rows, cols, dtype) : random(rnd, rows, cols, dtype);
            double[] xa = x.toArray();
            double[] ya = y.toArray();
            double[] expected = new double[xa.length];
            for (int i = 0; i < xa.length; i++) {
                expected[i] = op.apply(xa[i], ya[i]);
            }
            Matrix z = x.apply(op, y);
            assertClose(expected, z);
            assertPlain(z);
            assertArrayEquals(xa, x.toArray(), 0.0, op + " leaves its operand unchanged");
            INDArray storage = arrayOf(x);
            long address = storage.data().address();
            x.applyInPlace(op, y);
            assertSame(storage, arrayOf(x));
            assertEquals(address, arrayOf(x).data().address(), "in place: same native buffer");
            assertClose(expected, x);
        }
        Matrix x = random(rnd, rows, cols, dtype);
        double[] twice = x.toArray();
        for (int i = 0; i < twice.length; i++) {
            twice[i] *= 2;
        }
        x.addi(x);
        assertClose(twice, x);
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void broadcastRowAndColumn(DType dtype, int rows, int cols) {
        Random rnd = new Random(8);
        Matrix x = random(rnd, rows, cols, dtype);
        Matrix row = positive(rnd, 1, cols, dtype);
        Matrix col = positive(rnd, rows, 1, dtype);
        double[] xa = x.toArray();
        double[] ra = row.toArray();
        double[] ca = col.toArray();
        for (BinaryOp op : BinaryOp.values()) {
            double[] byRow = new double[xa.length];
            double[] byCol = new double[xa.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    byRow[i * cols + j] = op.apply(xa[i * cols + j], ra[j]);
                    byCol[i * cols + j] = op.apply(xa[i * cols + j], ca[i]);
                }
            }
            Matrix r = x.broadcastRow(op, row);
            Matrix c = x.broadcastColumn(op, col);
            assertClose(byRow, rows, cols, r, tol(dtype), 1e-300);
            assertClose(byCol, rows, cols, c, tol(dtype), 1e-300);
            assertPlain(r);
            assertPlain(c);
        }
        assertArrayEquals(xa, x.toArray(), 0.0);
        assertClose(x.broadcastRow(BinaryOp.ADD, row).toArray(), x.addRowVector(row));
        assertClose(x.broadcastColumn(BinaryOp.DIV, col).toArray(), x.divColumnVector(col));
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void scalarOps(DType dtype, int rows, int cols) {
        Random rnd = new Random(9);
        double s = -1.37;
        for (BinaryOp op : BinaryOp.values()) {
            Matrix x = random(rnd, rows, cols, dtype);
            double[] xa = x.toArray();
            double[] expected = new double[xa.length];
            // NumPy semantics: a Python float meets a float32 array as a float32 (the scalar is rounded
            // first), which matters when x - s cancels; so does ND4J.
            for (int i = 0; i < xa.length; i++) {
                expected[i] = op.apply(xa[i], dtype.round(s));
            }
            assertClose(expected, x.scalar(op, s));
            assertArrayEquals(xa, x.toArray(), 0.0);
            INDArray storage = arrayOf(x);
            x.scalarInPlace(op, s);
            assertSame(storage, arrayOf(x));
            assertClose(expected, x);
        }
    }

    /** An input on which {@code f} is defined and well conditioned. */
    private static Matrix inputFor(UnaryOp f, Random rnd, int rows, int cols, DType dtype) {
        return switch (f) {
            case LOG, SQRT, RECIPROCAL -> positive(rnd, rows, cols, dtype);
            default -> random(rnd, rows, cols, dtype);
        };
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void unaryOps(DType dtype, int rows, int cols) {
        Random rnd = new Random(10);
        for (UnaryOp f : UnaryOp.values()) {
            Matrix x = inputFor(f, rnd, rows, cols, dtype);
            double[] xa = x.toArray();
            double[] expected = new double[xa.length];
            for (int i = 0; i < xa.length; i++) {
                expected[i] = f.apply(xa[i]);
            }
            // |error| <= tol * max(|expected|, 1): relative for large values, absolute near 0 (log near 1).
            assertClose(expected, rows, cols, x.map(f), tol(dtype), 1.0);
            assertArrayEquals(xa, x.toArray(), 0.0, f + " leaves its operand unchanged");
            INDArray storage = arrayOf(x);
            x.mapInPlace(f);
            assertSame(storage, arrayOf(x));
            assertClose(expected, rows, cols, x, tol(dtype), 1.0);
        }
    }

    /** NaN, infinities and signed zeros give exactly what {@link UnaryOp#apply} gives. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void unaryOpsOnSpecialValues(DType dtype) {
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0, 2.0};
        for (UnaryOp f : UnaryOp.values()) {
            Matrix x = backend().fromArray(2, 4, v, dtype);
            double[] got = x.map(f).toArray();
            x.mapInPlace(f);
            double[] gotInPlace = x.toArray();
            for (int i = 0; i < v.length; i++) {
                double e = dtype.round(f.apply(v[i]));
                if (Double.isNaN(e) || Double.isInfinite(e) || e == 0) {
                    assertEquals(e == 0 ? 0.0 : e, got[i] == 0 ? 0.0 : got[i], f + "(" + v[i] + ")");
                    assertEquals(e == 0 ? 0.0 : e, gotInPlace[i] == 0 ? 0.0 : gotInPlace[i],
                            f + "(" + v[i] + ") in place");
                } else {
                    assertEquals(e, got[i], tol(dtype) * Math.abs(e), f + "(" + v[i] + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void axpy(DType dtype, int rows, int cols) {
        Random rnd = new Random(11);
        Matrix y = random(rnd, rows, cols, dtype);
        Matrix x = random(rnd, rows, cols, dtype);
        double[] ya = y.toArray();
        double[] xa = x.toArray();
        double alpha = dtype.round(-0.75);
        double[] expected = new double[ya.length];
        for (int i = 0; i < ya.length; i++) {
            expected[i] = ya[i] + alpha * xa[i];
        }
        INDArray storage = arrayOf(y);
        y.axpy(alpha, x);
        assertSame(storage, arrayOf(y));
        assertClose(expected, rows, cols, y, tol(dtype), 1.0);
        assertArrayEquals(xa, x.toArray(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void assignAndFill(DType dtype, int rows, int cols) {
        Random rnd = new Random(12);
        Matrix m = random(rnd, rows, cols, dtype);
        Matrix s = random(rnd, rows, cols, dtype);
        INDArray storage = arrayOf(m);
        m.assign(s);
        assertSame(storage, arrayOf(m));
        assertArrayEquals(s.toArray(), m.toArray(), 0.0);
        s.fill(0.1);
        assertFalse(m.toArray()[0] == dtype.round(0.1), "assign copies");
        double[] expected = new double[rows * cols];
        Arrays.fill(expected, dtype.round(0.1));
        assertArrayEquals(expected, s.toArray(), 0.0);
        double[] before = m.toArray();
        m.assign(m);
        assertArrayEquals(before, m.toArray(), 0.0, "assigning a matrix to itself changes nothing");
    }

    // ------------------------------------------------------------------ reductions

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void sumsKeepDims(DType dtype, int rows, int cols) {
        Matrix m = random(new Random(13), rows, cols, dtype);
        double[] a = m.toArray();
        double[] colSum = new double[cols];
        double[] colAbs = new double[cols];
        double[] rowSum = new double[rows];
        double[] rowAbs = new double[rows];
        double total = 0;
        double totalAbs = 0;
        double squares = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = a[i * cols + j];
                colSum[j] += v;
                colAbs[j] += Math.abs(v);
                rowSum[i] += v;
                rowAbs[i] += Math.abs(v);
                total += v;
                totalAbs += Math.abs(v);
                squares += v * v;
            }
        }
        Matrix s0 = m.sum(0);
        Matrix s1 = m.sum(1);
        assertEquals("(1, " + cols + ")", s0.shape());
        assertEquals("(" + rows + ", 1)", s1.shape());
        assertEquals(dtype, s0.dtype());
        assertPlain(s0);
        assertPlain(s1);
        assertSum(colSum, colAbs, rows, s0);
        assertSum(rowSum, rowAbs, cols, s1);
        double rel = dtype == DType.FLOAT64 ? Ref.F64_TOL : Ref.F32_TOL;
        assertEquals(total, m.sum(), rel * totalAbs);
        assertEquals(squares, m.sumOfSquares(), rel * squares);
        assertEquals(Math.sqrt(squares), m.norm(), rel * Math.sqrt(squares));
        assertEquals(total / (rows * cols), m.mean(), rel * totalAbs / (rows * cols));
        Matrix mean0 = m.mean(0);
        assertEquals("(1, " + cols + ")", mean0.shape());
        assertEquals(colSum[cols - 1] / rows, mean0.get(0, cols - 1), rel * colAbs[cols - 1] + 1e-300);
        assertThrows(IllegalArgumentException.class, () -> m.sum(2));
    }

    /** ND4J sums float32 in float32; the backend must not lose digits over a large matrix. */
    @Test
    void float32SumsAccumulateInDouble() {
        int n = 1000;
        double[] v = new double[n * n];
        Arrays.fill(v, 0.1);
        Matrix m = backend().fromArray(n, n, v, DType.FLOAT32);
        double exact = (double) 0.1f * n * n;
        assertEquals(exact, m.sum(), exact * 1e-6, "plain float accumulation gives 100354.2 here");
        assertEquals((double) 0.1f * 0.1f * n * n, m.sumOfSquares(), 1e-6 * n * n * 0.01);
        assertEquals((float) ((double) 0.1f * n), m.sum(0).get(0, 7), 0.0);
        assertEquals((float) ((double) 0.1f * n), m.sum(1).get(999, 0), 0.0);
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void maxMinArgmax(DType dtype, int rows, int cols) {
        Matrix m = random(new Random(14), rows, cols, dtype);
        double[] a = m.toArray();
        double[] colMax = new double[cols];
        double[] rowMax = new double[rows];
        int[] colArg = new int[cols];
        int[] rowArg = new int[rows];
        Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = a[i * cols + j];
                if (v > colMax[j]) {
                    colMax[j] = v;
                    colArg[j] = i;
                }
                if (v > rowMax[i]) {
                    rowMax[i] = v;
                    rowArg[i] = j;
                }
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        Matrix m0 = m.max(0);
        Matrix m1 = m.max(1);
        assertEquals("(1, " + cols + ")", m0.shape());
        assertEquals("(" + rows + ", 1)", m1.shape());
        assertArrayEquals(colMax, m0.toArray(), 0.0);
        assertArrayEquals(rowMax, m1.toArray(), 0.0);
        assertArrayEquals(colArg, m.argmax(0));
        assertArrayEquals(rowArg, m.argmax(1));
        assertEquals(max, m.max(), 0.0);
        assertEquals(min, m.min(), 0.0);
    }

    /** NumPy's argmax returns the first index of the maximum; checked on many ties, short and long. */
    @Test
    void argmaxTiesTakeTheFirstIndex() {
        Random rnd = new Random(15);
        for (int trial = 0; trial < 60; trial++) {
            int rows = 1 + rnd.nextInt(40);
            int cols = 1 + rnd.nextInt(trial % 3 == 0 ? 6000 : 20);
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextInt(3);   // values 0, 1, 2: every row and column has ties
            }
            for (DType dtype : DType.values()) {
                Matrix m = backend().fromArray(rows, cols, v, dtype);
                int[] byRow = m.argmax(1);
                int[] byCol = m.argmax(0);
                for (int i = 0; i < rows; i++) {
                    int best = 0;
                    for (int j = 1; j < cols; j++) {
                        best = v[i * cols + j] > v[i * cols + best] ? j : best;
                    }
                    assertEquals(best, byRow[i], "row " + i + " of " + m);
                }
                for (int j = 0; j < cols; j++) {
                    int best = 0;
                    for (int i = 1; i < rows; i++) {
                        best = v[i * cols + j] > v[best * cols + j] ? i : best;
                    }
                    assertEquals(best, byCol[j], "column " + j + " of " + m);
                }
            }
        }
        Matrix constant = backend().full(3, 5000, 4.0, DType.FLOAT64);
        assertArrayEquals(new int[] {0, 0, 0}, constant.argmax(1));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void allFinite(DType dtype) {
        Matrix m = random(new Random(16), 4, 5, dtype);
        assertTrue(m.allFinite());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Matrix c = m.copy();
            c.set(3, 4, bad);
            assertFalse(c.allFinite(), "with " + bad);
        }
        Matrix big = backend().full(2, 3, 1e300, DType.FLOAT64);
        assertTrue(big.allFinite(), "large but finite; the sum would overflow");
        if (dtype == DType.FLOAT32) {
            Matrix overflow = backend().fromArray(1, 1, new double[] {1e39}, dtype);
            assertFalse(overflow.allFinite(), "1e39 rounds to float32 infinity");
        }
    }

    // ------------------------------------------------------------------ indexing

    @ParameterizedTest
    @MethodSource("org.backprop4j.backend.nd4j.Ref#cases")
    void gatherPickAddAt(DType dtype, int rows, int cols) {
        Random rnd = new Random(17);
        Matrix m = random(rnd, rows, cols, dtype);
        double[] a = m.toArray();
        int[] idx = {rows - 1, 0, rows / 2, rows - 1};
        Matrix g = m.gatherRows(idx);
        double[] expected = new double[idx.length * cols];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(a, idx[i] * cols, expected, i * cols, cols);
        }
        assertClose(expected, idx.length, cols, g, 0, 1);
        assertPlain(g);
        g.fill(0);
        assertArrayEquals(a, m.toArray(), 0.0, "gathered rows are a copy");
        Matrix one = m.gatherRows(new int[] {rows - 1});
        assertEquals("(1, " + cols + ")", one.shape());
        assertPlain(one);
        assertEquals("(0, " + cols + ")", m.gatherRows(new int[0]).shape());

        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(cols);
        }
        Matrix p = m.pick(y);
        assertEquals("(" + rows + ", 1)", p.shape());
        assertEquals(dtype, p.dtype());
        for (int i = 0; i < rows; i++) {
            assertEquals(a[i * cols + y[i]], p.get(i, 0), 0.0);
        }
        INDArray storage = arrayOf(m);
        m.addAt(y, -1.0);
        assertSame(storage, arrayOf(m));
        double[] after = m.toArray();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = j == y[i] ? dtype.round(a[i * cols + j] - 1.0) : a[i * cols + j];
                assertEquals(e, after[i * cols + j], 0.0, "(" + i + ", " + j + ")");
            }
        }
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> m.gatherRows(new int[] {rows}));
        assertTrue(e.getMessage().contains("(" + rows + ", " + cols + ")"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.pick(new int[rows + 1]));
        assertThrows(IndexOutOfBoundsException.class, () -> m.addAt(fill(rows, cols), 1.0));
    }

    private static int[] fill(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    // ------------------------------------------------------------------ fromRows, empties

    @ParameterizedTest
    @EnumSource(DType.class)
    void fromRowsFillsInChunks(DType dtype) {
        int rows = 700;
        int cols = 1000;   // 700k elements: 3 chunks of 262 rows, the last one partial
        Matrix m = backend().fromRows(rows, cols, dtype, (r, buf) -> {
            for (int j = 0; j < cols; j++) {
                buf[j] = r * 1000.0 + j + 0.1;
            }
        });
        assertEquals("(700, 1000)", m.shape());
        assertPlain(m);
        double[] a = m.toArray();
        for (int r : new int[] {0, 261, 262, 523, 524, 699}) {
            for (int j : new int[] {0, 1, 999}) {
                assertEquals(dtype.round(r * 1000.0 + j + 0.1), a[r * cols + j], 0.0, "(" + r + ", " + j + ")");
            }
        }
        Matrix nested = backend().fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}}, dtype);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, nested.toArray(), 0.0);
        assertEquals("(0, 4)", backend().fromRows(0, 4, dtype, (r, b) -> {
        }).shape());
    }

    /** Zero-size matrices: ND4J refuses most ops on empty arrays, so the backend answers as NumPy. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void emptyMatrices(DType dtype) {
        Matrix e = backend().zeros(0, 3, dtype);
        assertEquals("(0, 3)", e.shape());
        assertEquals(0, e.toArray().length);
        assertEquals("(0, 3)", e.add(e).shape());
        assertEquals("(0, 3)", e.map(UnaryOp.EXP).shape());
        assertEquals("(0, 3)", e.addRowVector(backend().zeros(1, 3, dtype)).shape());
        assertEquals("(3, 0)", e.transpose().shape());
        assertEquals("(0, 3)", e.copy().shape());
        assertEquals("(0, 3)", e.toDType(DType.FLOAT32).shape());
        assertArrayEquals(new double[3], e.sum(0).toArray(), 0.0);
        assertEquals("(0, 1)", e.sum(1).shape());
        assertEquals(0.0, e.sum(), 0.0);
        assertEquals(0.0, e.sumOfSquares(), 0.0);
        assertTrue(e.allFinite());
        assertEquals(0, e.argmax(1).length);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.max(0));
        assertTrue(ex.getMessage().contains("zero-size"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, e::max);
        e.scalei(2);
        e.fill(1);
        e.addi(e);
        Matrix a = backend().zeros(2, 0, dtype);
        Matrix b = backend().zeros(0, 4, dtype);
        Matrix c = backend().full(2, 4, Double.NaN, dtype);
        c.gemm(1.0, a, false, b, false, 0.0);
        assertArrayEquals(new double[8], c.toArray(), 0.0, "an empty product with beta 0 is 0, even over NaN");
        Matrix d = backend().full(2, 4, 3.0, dtype);
        d.gemm(1.0, a, false, b, false, 0.5);
        assertEquals(1.5, d.get(1, 3), 0.0);
    }

    // ------------------------------------------------------------------ errors

    /** A matrix of another backend; the nd4j backend must reject it before any cast. */
    static Matrix foreign(String backend, DType dtype, int rows, int cols) {
        return (Matrix) Proxy.newProxyInstance(Matrix.class.getClassLoader(),
                new Class<?>[] {Matrix.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "backendName" -> backend;
                        case "dtype" -> dtype;
                        case "rows" -> rows;
                        case "cols" -> cols;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void mismatchesNameBothSidesBeforeAnyCast() {
        Matrix x = backend().zeros(2, 3, DType.FLOAT64);
        Matrix other = foreign("pure", DType.FLOAT64, 2, 3);
        for (Function<Matrix, Object> op : List.<Function<Matrix, Object>>of(
                o -> x.apply(BinaryOp.ADD, o), o -> {
                    x.applyInPlace(BinaryOp.MUL, o);
                    return null;
                },
                o -> {
                    x.axpy(1, o);
                    return null;
                }, o -> {
                    x.assign(o);
                    return null;
                },
                o -> x.broadcastRow(BinaryOp.ADD, foreign("pure", DType.FLOAT64, 1, 3)),
                o -> x.broadcastColumn(BinaryOp.SUB, foreign("pure", DType.FLOAT64, 2, 1)),
                o -> {
                    backend().zeros(2, 2, DType.FLOAT64).gemm(1, x, false, foreign("pure", DType.FLOAT64, 3, 2),
                            false, 0);
                    return null;
                })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(other));
            assertTrue(e.getMessage().contains("'nd4j'") && e.getMessage().contains("'pure'"), e.getMessage());
        }
        Matrix f32 = backend().zeros(2, 3, DType.FLOAT32);
        IllegalArgumentException dt = assertThrows(IllegalArgumentException.class, () -> x.add(f32));
        assertTrue(dt.getMessage().contains("float64") && dt.getMessage().contains("float32"), dt.getMessage());
        IllegalArgumentException sh = assertThrows(IllegalArgumentException.class,
                () -> x.sub(backend().zeros(3, 2, DType.FLOAT64)));
        assertTrue(sh.getMessage().contains("(2, 3)") && sh.getMessage().contains("(3, 2)"), sh.getMessage());
        IllegalArgumentException rv = assertThrows(IllegalArgumentException.class,
                () -> x.addRowVector(backend().zeros(1, 2, DType.FLOAT64)));
        assertTrue(rv.getMessage().contains("(2, 3)") && rv.getMessage().contains("(1, 2)"), rv.getMessage());
        IllegalArgumentException cv = assertThrows(IllegalArgumentException.class,
                () -> x.subColumnVector(backend().zeros(3, 1, DType.FLOAT64)));
        assertTrue(cv.getMessage().contains("(2, 3)") && cv.getMessage().contains("(3, 1)"), cv.getMessage());
        IllegalArgumentException ax = assertThrows(IllegalArgumentException.class,
                () -> x.axpy(2, backend().zeros(2, 2, DType.FLOAT64)));
        assertTrue(ax.getMessage().contains("(2, 3)") && ax.getMessage().contains("(2, 2)"), ax.getMessage());
    }
}
