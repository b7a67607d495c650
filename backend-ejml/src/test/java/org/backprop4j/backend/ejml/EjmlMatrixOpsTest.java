package org.backprop4j.backend.ejml;

import static org.backprop4j.backend.ejml.Ref.assertClose;
import static org.backprop4j.backend.ejml.Ref.assertExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.backprop4j.backend.ejml.Ref.Expected;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every non-product {@link Matrix} operation against plain double loops, on odd shapes, in both dtypes; the
 * element-wise functions against {@link UnaryOp#apply}, the reference (held to hand-computed values by
 * {@code UnaryOpTest}).
 */
class EjmlMatrixOpsTest {

    /** The test's own definition of each binary operation. */
    private static double binary(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
        };
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void elementWiseBinaryAndInPlace(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 1);
        Matrix b = Ref.random(rows, cols, dtype, 2, 0.5, 3); // no zero divisors
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (BinaryOp op : BinaryOp.values()) {
            double[] e = new double[x.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = binary(op, x[i], y[i]);
            }
            Matrix out = a.apply(op, b);
            assertClose("apply " + op, rows, cols, Expected.single(e), out);
            assertEquals(dtype, out.dtype());
            assertArrayEquals(x, a.toArray(), "apply must not change its left operand");
            assertArrayEquals(y, b.toArray(), "apply must not change its right operand");

            Matrix inPlace = a.copy();
            inPlace.applyInPlace(op, b);
            assertClose("applyInPlace " + op, rows, cols, Expected.single(e), inPlace);
        }
        // the operand may be the matrix itself
        Matrix self = a.copy();
        self.muli(self);
        double[] sq = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sq[i] = x[i] * x[i];
        }
        assertClose("x *= x", rows, cols, Expected.single(sq), self);
        // the conveniences route to the same operations
        assertClose("add", rows, cols, Expected.single(sum(x, y, 1)), a.add(b));
        assertClose("sub", rows, cols, Expected.single(sum(x, y, -1)), a.sub(b));
    }

    private static double[] sum(double[] x, double[] y, double sign) {
        double[] e = new double[x.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = x[i] + sign * y[i];
        }
        return e;
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void broadcasts(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 3);
        Matrix row = Ref.random(1, cols, dtype, 4, 0.5, 3);
        Matrix column = Ref.random(rows, 1, dtype, 5, 0.5, 3);
        double[] x = a.toArray();
        double[] r = row.toArray();
        double[] c = column.toArray();
        for (BinaryOp op : BinaryOp.values()) {
            double[] byRow = new double[x.length];
            double[] byColumn = new double[x.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    byRow[i * cols + j] = binary(op, x[i * cols + j], r[j]);
                    byColumn[i * cols + j] = binary(op, x[i * cols + j], c[i]);
                }
            }
            assertClose("broadcastRow " + op, rows, cols, Expected.single(byRow), a.broadcastRow(op, row));
            assertClose("broadcastColumn " + op, rows, cols, Expected.single(byColumn), a.broadcastColumn(op, column));
        }
        assertArrayEquals(x, a.toArray(), "broadcasts must not change the matrix");
        assertArrayEquals(r, row.toArray(), "broadcasts must not change the row vector");
        assertArrayEquals(c, column.toArray(), "broadcasts must not change the column vector");
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void scalars(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 6);
        double[] x = a.toArray();
        double s = 0.3; // not a float: rounding it to float32 is part of what is tested
        for (BinaryOp op : BinaryOp.values()) {
            double[] e = new double[x.length];
            double[] mag = new double[x.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = binary(op, x[i], s);
                // float32 adds float(s), as NumPy: its rounding is measured against |x| + |s|, not |x + s|
                mag[i] = op == BinaryOp.ADD || op == BinaryOp.SUB ? Math.abs(x[i]) + Math.abs(s) : Math.abs(e[i]);
            }
            Expected expected = new Expected(e, mag, 1);
            assertClose("scalar " + op, rows, cols, expected, a.scalar(op, s));
            Matrix inPlace = a.copy();
            inPlace.scalarInPlace(op, s);
            assertClose("scalarInPlace " + op, rows, cols, expected, inPlace);
        }
        assertArrayEquals(x, a.toArray(), "scalar must not change the matrix");
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void elementWiseFunctions(DType dtype, int rows, int cols) {
        // signed values (LOG and SQRT give NaN on the negative ones, as NumPy) and positive ones
        for (Matrix a : new Matrix[] {Ref.random(rows, cols, dtype, 7), Ref.random(rows, cols, dtype, 8, 0.01, 5)}) {
            double[] x = a.toArray();
            for (UnaryOp f : UnaryOp.values()) {
                double[] e = new double[x.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = f.apply(x[i]);
                }
                assertClose("map " + f, rows, cols, Expected.single(e), a.map(f));
                Matrix inPlace = a.copy();
                inPlace.mapInPlace(f);
                assertClose("mapInPlace " + f, rows, cols, Expected.single(e), inPlace);
            }
            assertArrayEquals(x, a.toArray(), "map must not change the matrix");
        }
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void axpyAssignFill(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 9);
        Matrix b = Ref.random(rows, cols, dtype, 10);
        double[] x = a.toArray();
        double[] y = b.toArray();
        double alpha = -0.7;
        double[] e = new double[x.length];
        double[] mag = new double[x.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = x[i] + alpha * y[i];
            mag[i] = Math.abs(x[i]) + Math.abs(alpha * y[i]);
        }
        a.axpy(alpha, b);
        assertClose("axpy", rows, cols, new Expected(e, mag, 2), a);
        assertArrayEquals(y, b.toArray(), "axpy must not change x");

        a.assign(b);
        assertExactly("assign", rows, cols, y, a);
        b.fill(0.1);
        assertExactly("fill", rows, cols, filled(x.length, dtype.round(0.1)), b);
        assertExactly("assign copies, it does not share", rows, cols, y, a);
        Matrix full = Ref.EJML.full(rows, cols, -3.5, dtype);
        assertExactly("full", rows, cols, filled(x.length, -3.5), full);
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void creationCopiesAndConversions(DType dtype, int rows, int cols) {
        Random rnd = new Random(11);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        Matrix a = Ref.EJML.fromArray(rows, cols, v, dtype);
        assertExactly("fromArray rounds to the dtype", rows, cols, Ref.round(v, dtype), a);
        assertEquals(dtype, a.dtype());
        assertEquals("(" + rows + ", " + cols + ")", a.shape());
        assertEquals((long) rows * cols, a.size());

        Matrix created = a.create(rows, cols, v);
        assertExactly("create", rows, cols, Ref.round(v, dtype), created);
        assertEquals(dtype, created.dtype());
        v[0] = 1e6;
        assertEquals(dtype.round(a.toArray()[0]), created.get(0, 0), "create copies its array");

        Matrix z = a.zeros(cols, rows);
        assertExactly("zeros", cols, rows, new double[v.length], z);
        assertEquals(dtype, z.dtype());

        Matrix copy = a.copy();
        assertNotSame(a, copy);
        copy.set(0, 0, 42);
        assertEquals(42, copy.get(0, 0));
        assertEquals(a.toArray()[0], a.get(0, 0), "a copy is independent");

        DType other = dtype == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64;
        Matrix converted = a.toDType(other);
        assertEquals(other, converted.dtype());
        assertExactly("toDType", rows, cols, Ref.round(a.toArray(), other), converted);
        Matrix same = a.toDType(dtype);
        assertNotSame(a, same, "toDType copies even to the same dtype");
        assertExactly("toDType same", rows, cols, a.toArray(), same);

        double[] x = a.toArray();
        double[] t = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        assertExactly("transpose", cols, rows, t, a.transpose());

        double[][] nested = a.toRows();
        assertEquals(rows, nested.length);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(x[i * cols + j], nested[i][j]);
                assertEquals(x[i * cols + j], a.get(i, j));
            }
        }
        assertExactly("fromRows(double[][])", rows, cols, x, Ref.EJML.fromRows(nested, dtype));
        assertExactly("fromRows(RowSource)", rows, cols, x, Ref.EJML.fromRows(rows, cols, dtype,
                (r, buffer) -> System.arraycopy(x, r * cols, buffer, 0, cols)));
        assertSame(a, Ref.EJML.convert(a), "convert keeps a matrix of this backend");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void printsShapeDtypeAndSmallContents(DType dtype) {
        Matrix a = Ref.EJML.fromArray(2, 2, new double[] {0.1, 2, -3, 4.5}, dtype);
        assertEquals("ejml " + dtype + " (2, 2) [[0.1, 2.0], [-3.0, 4.5]]", a.toString());
        assertEquals("ejml " + dtype + " (20, 20)", Ref.EJML.zeros(20, 20, dtype).toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void setRoundsToTheDtype(DType dtype) {
        Matrix a = Ref.EJML.zeros(2, 3, dtype);
        a.set(1, 2, 0.1);
        assertEquals(dtype.round(0.1), a.get(1, 2));
        assertEquals(dtype == DType.FLOAT32 ? (double) 0.1f : 0.1, a.toArray()[5]);
        assertEquals(0.0, a.get(0, 0));
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void reductions(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 12);
        double[] x = a.toArray();
        for (int axis = 0; axis < 2; axis++) {
            int outRows = axis == 0 ? 1 : rows;
            int outCols = axis == 0 ? cols : 1;
            assertClose("sum(" + axis + ")", outRows, outCols, Ref.sum(x, rows, cols, axis), a.sum(axis));
            int[] arg = Ref.argmax(x, rows, cols, axis);
            assertArrayEquals(arg, a.argmax(axis), "argmax(" + axis + ")");
            double[] max = new double[arg.length];
            for (int l = 0; l < arg.length; l++) {
                max[l] = axis == 0 ? x[arg[l] * cols + l] : x[l * cols + arg[l]];
            }
            assertExactly("max(" + axis + ")", outRows, outCols, max, a.max(axis));
            Expected sum = Ref.sum(x, rows, cols, axis);
            double[] mean = new double[sum.value().length];
            for (int l = 0; l < mean.length; l++) {
                mean[l] = sum.value()[l] / (axis == 0 ? rows : cols);
            }
            double[] meanMag = sum.magnitude().clone();
            for (int l = 0; l < meanMag.length; l++) {
                meanMag[l] /= axis == 0 ? rows : cols;
            }
            assertClose("mean(" + axis + ")", outRows, outCols, new Expected(mean, meanMag, sum.terms() + 1),
                    a.mean(axis));
        }
        double total = 0;
        double abs = 0;
        double squares = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            total += v;
            abs += Math.abs(v);
            squares += v * v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        // full reductions return double and accumulate in double in both dtypes
        assertEquals(total, a.sum(), 1e-12 * abs, "sum");
        assertEquals(squares, a.sumOfSquares(), 1e-12 * squares, "sumOfSquares");
        assertEquals(Math.sqrt(squares), a.norm(), 1e-12 * Math.sqrt(squares), "norm");
        assertEquals(total / x.length, a.mean(), 1e-12 * abs / x.length, "mean");
        assertEquals(max, a.max(), "max");
        assertEquals(min, a.min(), "min");
        assertTrue(a.allFinite());
        assertArrayEquals(x, a.toArray(), "reductions must not change the matrix");
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void argmaxAndMaxTakeTheFirstOfTiesAndPropagateNaN(DType dtype, int rows, int cols) {
        Matrix a = Ref.integers(rows, cols, dtype, 13);
        double[] x = a.toArray();
        for (int axis = 0; axis < 2; axis++) {
            assertArrayEquals(Ref.argmax(x, rows, cols, axis), a.argmax(axis), "argmax with ties, axis " + axis);
        }
        // a NaN is the maximum, as in NumPy; it wins over a later larger value and an earlier one
        int r = rows / 2;
        int c = cols / 2;
        a.set(r, c, Double.NaN);
        x = a.toArray();
        for (int axis = 0; axis < 2; axis++) {
            int[] arg = a.argmax(axis);
            assertArrayEquals(Ref.argmax(x, rows, cols, axis), arg, "argmax with NaN, axis " + axis);
            assertEquals(axis == 0 ? r : c, arg[axis == 0 ? c : r]);
            assertTrue(Double.isNaN(a.max(axis).get(axis == 0 ? 0 : r, axis == 0 ? c : 0)), "max(axis) is NaN");
        }
        assertTrue(Double.isNaN(a.max()), "max with a NaN");
        assertTrue(Double.isNaN(a.map(UnaryOp.RELU).get(r, c)), "relu keeps NaN, as np.maximum(0, x)");
        assertEquals(0.0, a.map(UnaryOp.RELU_MASK).get(r, c), "NaN > 0 is false");
        assertTrue(Double.isNaN(a.min()), "min with a NaN");
        assertFalse(a.allFinite());
        a.set(r, c, Double.NEGATIVE_INFINITY);
        assertFalse(a.allFinite(), "infinity is not finite");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void maxOfNegativeInfinitiesIsNegativeInfinity(DType dtype) {
        Matrix a = Ref.EJML.full(3, 2, Double.NEGATIVE_INFINITY, dtype);
        assertEquals(Double.NEGATIVE_INFINITY, a.max(0).get(0, 1)); // EJML's maxCols would give -MAX_VALUE
        assertEquals(Double.NEGATIVE_INFINITY, a.max(1).get(2, 0));
        assertEquals(Double.NEGATIVE_INFINITY, a.max());
        assertArrayEquals(new int[] {0, 0}, a.argmax(0));
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("org.backprop4j.backend.ejml.Ref#dtypesAndShapes")
    void indexing(DType dtype, int rows, int cols) {
        Matrix a = Ref.random(rows, cols, dtype, 14);
        double[] x = a.toArray();
        Random rnd = new Random(15);
        int[] idx = new int[rows + 3];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(rows);
        }
        double[] gathered = new double[idx.length * cols];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * cols, gathered, i * cols, cols);
        }
        assertExactly("gatherRows", idx.length, cols, gathered, a.gatherRows(idx));
        assertEquals(dtype, a.gatherRows(idx).dtype());

        int[] columns = new int[rows];
        double[] picked = new double[rows];
        double[] added = x.clone();
        for (int i = 0; i < rows; i++) {
            columns[i] = rnd.nextInt(cols);
            picked[i] = x[i * cols + columns[i]];
            added[i * cols + columns[i]] += -1.0;
        }
        assertExactly("pick", rows, 1, picked, a.pick(columns));
        a.addAt(columns, -1.0);
        assertClose("addAt", rows, cols, Expected.single(added), a);
        int changed = 0;
        double[] after = a.toArray();
        for (int i = 0; i < x.length; i++) {
            changed += after[i] != x[i] ? 1 : 0;
        }
        assertEquals(rows, changed, "addAt changes exactly one element per row");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void emptyMatrices(DType dtype) {
        Matrix e = Ref.EJML.zeros(0, 4, dtype);
        assertEquals(0, e.size());
        assertEquals(0.0, e.sum());
        assertExactly("sum(0) of no rows", 1, 4, new double[4], e.sum(0));
        assertExactly("sum(1) of no rows", 0, 1, new double[0], e.sum(1));
        assertEquals(0, e.argmax(1).length);
        assertExactly("transpose", 4, 0, new double[0], e.transpose());
        Matrix product = Ref.EJML.zeros(3, 4, dtype);
        product.fill(Double.NaN);
        product.gemm(1, Ref.EJML.zeros(0, 3, dtype), true, e, false, 0);
        assertExactly("(0,3).T·(0,4) is the zero (3,4) matrix", 3, 4, new double[12], product);
        assertExactly("gatherRows of nothing", 0, 4, new double[0], Ref.random(5, 4, dtype, 1).gatherRows(new int[0]));
    }
}
