package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import com.sun.management.ThreadMXBean;

import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the conformance kit's Matrix contract does not pin down about the array storage: allocation-free
 * in-place operations, float32 arithmetic, NaN and tie rules, row-by-row construction, and errors between
 * the two backends that share this class.
 */
class ArrayMatrixTest {

    private final ArrayBackend pure = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE));
    private final ArrayBackend naive = new NaiveBackend();

    private static long allocatedBytes() {
        return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * Bytes this thread allocates while running {@code op} ten times, once warm. The SIMD loops allocate their
     * vectors until the JIT's optimizing compiler has compiled them, which it does in the background after a
     * number of runs that varies with the machine's load; so ten warm-up runs and ten measured runs are
     * repeated, up to 200 times, until the measured runs allocate fewer than {@code target} bytes, and the
     * last measurement is returned.
     */
    private static long allocationOf(Runnable op, long target) {
        long bytes = Long.MAX_VALUE;
        for (int round = 0; round < 200 && bytes >= target; round++) {
            for (int i = 0; i < 10; i++) {
                op.run();
            }
            long before = allocatedBytes();
            for (int i = 0; i < 10; i++) {
                op.run();
            }
            bytes = allocatedBytes() - before;
        }
        return bytes;
    }

    /**
     * In-place operations on a 400 x 500 matrix (1.6 MB in float64) allocate nothing: any copy would show
     * as at least 10 x 0.8 MB. A few hundred bytes of slack cover the measuring itself.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void inPlaceOperationsAllocateNothing(DType dtype) {
        Random rnd = new Random(1);
        int r = 400;
        int c = 500;
        Matrix m = pure.fromArray(r, c, Fixtures.uniform(rnd, r * c, 0.5, 1, dtype), dtype);
        Matrix o = pure.fromArray(r, c, Fixtures.uniform(rnd, r * c, 0.5, 1, dtype), dtype);
        Matrix a = pure.fromArray(r, 40, Fixtures.uniform(rnd, r * 40, -1, 1, dtype), dtype);
        Matrix b = pure.fromArray(40, c, Fixtures.uniform(rnd, 40 * c, -1, 1, dtype), dtype);
        int[] cols = Fixtures.labels(rnd, r, c);
        List<Runnable> ops = new ArrayList<>();
        ops.add(() -> m.addi(o));
        ops.add(() -> m.applyInPlace(BinaryOp.DIV, o));
        ops.add(() -> m.scalarInPlace(BinaryOp.MUL, 1.0));
        ops.add(() -> m.mapInPlace(UnaryOp.ABS));
        ops.add(() -> m.axpy(0.0, o));
        ops.add(() -> m.addAt(cols, 0.0));
        ops.add(() -> m.assign(o));
        ops.add(() -> m.fill(0.75));
        ops.add(() -> m.gemm(1.0, a, false, b, false, 0.5));
        for (int i = 0; i < ops.size(); i++) {
            long bytes = allocationOf(ops.get(i), 2048);
            assertTrue(bytes < 2048, "in-place operation #" + i + " allocated " + bytes + " bytes");
        }
    }

    /** Building row by row holds the data once: a 1000 x 1000 float32 matrix costs its 4 MB, not a double[] of 8 MB more. */
    @Test
    void fromRowsFillsTheStorageDirectlyOneRowAtATime() {
        List<Integer> calls = new ArrayList<>();
        Matrix small = pure.fromRows(3, 2, DType.FLOAT32, (row, buf) -> {
            assertEquals(2, buf.length);
            calls.add(row);
            buf[0] = row + 0.1;
            buf[1] = -row;
        });
        assertEquals(List.of(0, 1, 2), calls);
        assertArrayEquals(new double[] {(float) 0.1, 0, (float) 1.1, -1, (float) 2.1, -2}, small.toArray(), 0.0);

        BuildThousandSquare big = new BuildThousandSquare();
        long bytes = allocationOf(big, 10 * (4_000_000L + 100_000));
        assertTrue(bytes < 10 * (4_000_000L + 100_000), "fromRows allocated " + bytes / 10 + " bytes per 4 MB matrix");
        assertEquals(999 + 0.5f, big.last.get(999, 999), 0.0);
    }

    private final class BuildThousandSquare implements Runnable {
        Matrix last;

        @Override
        public void run() {
            last = pure.fromRows(1000, 1000, DType.FLOAT32, (row, buf) -> Arrays.fill(buf, row + 0.5));
        }
    }

    /** float32 results are exactly what Java's float arithmetic gives (double has room for an exact float rounding). */
    @Test
    void float32ArithmeticIsIeeeSinglePrecision() {
        Random rnd = new Random(2);
        int n = 1000;
        float[] x = new float[n];
        float[] y = new float[n];
        double[] xd = new double[n];
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
            y[i] = (float) rnd.nextGaussian();
            xd[i] = x[i];
            yd[i] = y[i];
        }
        Matrix mx = pure.fromArray(1, n, xd, DType.FLOAT32);
        Matrix my = pure.fromArray(1, n, yd, DType.FLOAT32);
        double[] sum = mx.add(my).toArray();
        double[] prod = mx.mul(my).toArray();
        double[] quot = mx.div(my).toArray();
        double[] scaled = mx.scale(0.1).toArray();
        Matrix acc = mx.copy();
        acc.axpy(0.1, my);
        double[] axpy = acc.toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] + y[i], sum[i], 0.0);
            assertEquals(x[i] * y[i], prod[i], 0.0);
            assertEquals(x[i] / y[i], quot[i], 0.0);
            assertEquals(x[i] * 0.1f, scaled[i], 0.0, "a scalar is rounded to float32 first, as NumPy does");
            assertEquals((float) (x[i] + 0.1f * (double) y[i]), axpy[i], 0.0, "axpy rounds alpha as saxpy, then once");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void argmaxTakesTheFirstMaximumAndTheFirstNanLikeNumpy(DType dtype) {
        Matrix m = pure.fromArray(3, 3, new double[] {1, 3, 3, 2, Double.NaN, Double.NaN, -1, -1, -1}, dtype);
        assertArrayEquals(new int[] {1, 1, 0}, m.argmax(1));
        assertArrayEquals(new int[] {1, 1, 1}, m.argmax(0));
        assertTrue(Double.isNaN(m.max(1).get(1, 0)), "max propagates NaN");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void axisReductionsKeepDims(DType dtype) {
        Matrix m = naive.fromArray(2, 3, new double[] {1, 2, 3, 4, 5, 6}, dtype);
        Matrix s0 = m.sum(0);
        Matrix s1 = m.sum(1);
        assertEquals("(1, 3)", s0.shape());
        assertEquals("(2, 1)", s1.shape());
        assertArrayEquals(new double[] {5, 7, 9}, s0.toArray(), 0.0);
        assertArrayEquals(new double[] {6, 15}, s1.toArray(), 0.0);
        assertEquals("(1, 3)", m.max(0).shape());
        assertArrayEquals(new double[] {3, 6}, m.max(1).toArray(), 0.0);
        assertEquals(dtype, s0.dtype());
        assertEquals("naive", s1.backendName());
    }

    @Test
    void reductionsOverNothingFollowNumpy() {
        Matrix empty = pure.zeros(0, 3, DType.FLOAT64);
        assertEquals(0.0, empty.sum(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, empty.sum(0).toArray(), 0.0);
        assertTrue(assertThrows(IllegalArgumentException.class, empty::max).getMessage().contains("zero-size"));
        assertThrows(IllegalArgumentException.class, () -> empty.max(0));
        assertThrows(IllegalArgumentException.class, () -> empty.argmax(0));
    }

    @Test
    void mixingTheTwoArrayBackendsNamesBothBeforeAnyCast() {
        Matrix p = pure.zeros(2, 2, DType.FLOAT64);
        Matrix n = naive.zeros(2, 2, DType.FLOAT64);
        for (Consumer<Matrix> op : List.<Consumer<Matrix>>of(p::add, p::addi, p::assign, p::dot, m -> p.axpy(1, m),
                m -> p.gemm(1, m, false, m, false, 0), m -> p.addRowVector(naive.zeros(1, 2, DType.FLOAT64)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.accept(n));
            assertTrue(e.getMessage().contains("'pure'") && e.getMessage().contains("'naive'"), e.getMessage());
        }
        Matrix converted = pure.convert(n);
        assertEquals("pure", converted.backendName());
        converted.addi(p);
    }

    @Test
    void mixingDtypesAndShapesNamesBoth() {
        Matrix d = pure.zeros(3, 2, DType.FLOAT64);
        Matrix f = pure.zeros(3, 2, DType.FLOAT32);
        for (Consumer<Matrix> op : List.<Consumer<Matrix>>of(d::mul, d::subi, d::assign, m -> d.axpy(2, m),
                m -> d.gemm(1, m, true, m, false, 0),
                m -> d.broadcastColumn(BinaryOp.DIV, pure.zeros(3, 1, DType.FLOAT32)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.accept(f));
            assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float32"), e.getMessage());
        }
        Matrix other = pure.zeros(2, 3, DType.FLOAT64);
        for (Consumer<Matrix> op : List.<Consumer<Matrix>>of(d::sub, d::divi, d::assign, m -> d.axpy(2, m))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.accept(other));
            assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2, 3)"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.gemm(1, d, false, d, false, 0));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("not aligned"), e.getMessage());
    }

    @Test
    void elementAccessIsBoundsCheckedAndShapesAreValidated() {
        Matrix m = pure.zeros(2, 3, DType.FLOAT32);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0)).getMessage().contains("(2, 0)"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.set(0, 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> pure.zeros(-1, 2, DType.FLOAT64));
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> pure.zeros(100_000, 100_000, DType.FLOAT32));
        assertTrue(huge.getMessage().contains("(100000, 100000)"), huge.getMessage());
    }

    @Test
    void toStringShowsBackendDtypeShapeAndLeadingValues() {
        String s = naive.fromArray(2, 2, new double[] {1, 2, 3, 4}, DType.FLOAT64).toString();
        assertEquals("naive float64 (2, 2) [[1.0, 2.0], [3.0, 4.0]]", s);
        String big = pure.zeros(10, 10, DType.FLOAT32).toString();
        assertTrue(big.startsWith("pure float32 (10, 10) [[0.0,") && big.endsWith(", ...]"), big);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyUnaryOpMatchesItsReferenceDefinitionIncludingEdges(DType dtype) {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, 700, -700, 1e308, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0.5, -2.5};
        Matrix m = pure.fromArray(1, edges.length, edges, dtype);
        for (UnaryOp f : UnaryOp.values()) {
            double[] got = m.map(f).toArray();
            for (int i = 0; i < edges.length; i++) {
                double want = dtype.round(f.apply(dtype.round(edges[i])));
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got[i]),
                        f + "(" + edges[i] + ") in " + dtype + ": " + got[i] + " instead of " + want);
            }
        }
    }
}
