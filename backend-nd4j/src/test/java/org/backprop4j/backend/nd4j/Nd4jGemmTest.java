package org.backprop4j.backend.nd4j;

import static org.backprop4j.backend.nd4j.Ref.assertSum;
import static org.backprop4j.backend.nd4j.Ref.backend;
import static org.backprop4j.backend.nd4j.Ref.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code C = alpha op(A) op(B) + beta C} for every transpose case, against {@link Ref#matmul}. */
class Nd4jGemmTest {

    /** (m, k, n): scalar, dot, gemv both ways, outer product, odd sizes. */
    private static final int[][] SIZES = {{1, 1, 1}, {1, 9, 1}, {9, 1, 1}, {1, 1, 9}, {7, 13, 1}, {1, 13, 7},
            {7, 13, 5}, {64, 300, 257}};
    private static final double[][] ALPHA_BETA = {{1, 0}, {2.5, 0}, {1, 1}, {-0.5, 0.75}};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] s : SIZES) {
                for (int t = 0; t < 4; t++) {
                    out.add(Arguments.of(dtype, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    /** Runs one gemm and checks it against the reference; returns the result. */
    private static Matrix check(DType dtype, int m, int k, int n, boolean ta, boolean tb, double alpha, double beta,
            long seed) {
        Random rnd = new Random(seed);
        Matrix a = ta ? random(rnd, k, m, dtype) : random(rnd, m, k, dtype);
        Matrix b = tb ? random(rnd, n, k, dtype) : random(rnd, k, n, dtype);
        Matrix c = beta == 0 ? backend().full(m, n, Double.NaN, dtype) : random(rnd, m, n, dtype);
        double[] c0 = c.toArray();
        double[] scale = new double[m * n];
        double[] ab = Ref.matmul(a.toArray(), a.rows(), a.cols(), ta, b.toArray(), b.rows(), b.cols(), tb, scale);
        double[] expected = new double[m * n];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = alpha * ab[i] + (beta == 0 ? 0 : beta * c0[i]);
            scale[i] = Math.abs(alpha) * scale[i] + Math.abs(beta * (beta == 0 ? 0 : c0[i]));
        }
        INDArray storage = ((Nd4jMatrix) c).array();
        long address = storage.data().address();
        double[] aBefore = a.toArray();
        c.gemm(alpha, a, ta, b, tb, beta);
        assertSame(storage, ((Nd4jMatrix) c).array(), "gemm writes into this matrix");
        assertEquals(address, storage.data().address(), "gemm allocates no new output");
        assertEquals(m, c.rows());
        assertEquals(n, c.cols());
        assertTrue(c.allFinite(), "beta == 0 must ignore the NaN already in C");
        assertSum(expected, scale, k + 1, c);
        assertArrayEquals(aBefore, a.toArray(), 0.0, "operands unchanged");
        return c;
    }

    @ParameterizedTest(name = "{0} ({1}x{2})·({2}x{3}) transA={4} transB={5}")
    @MethodSource("cases")
    void everyTransposeCaseWithAlphaBeta(DType dtype, int m, int k, int n, boolean ta, boolean tb) {
        long seed = 31L * m + 7L * k + n + (ta ? 1000 : 0) + (tb ? 2000 : 0);
        for (double[] ab : ALPHA_BETA) {
            check(dtype, m, k, n, ta, tb, ab[0], ab[1], seed++);
        }
    }

    /** The two-layer net's three products at CIFAR-10 size: X·W1, Xᵀ·dH and dH·W1ᵀ. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void cifarSizedProducts(DType dtype) {
        check(dtype, 200, 3072, 100, false, false, 1, 0, 1);     // X (200x3072) · W1 (3072x100)
        check(dtype, 3072, 200, 100, true, false, 1, 0, 2);      // X.T · dH (200x100)
        check(dtype, 200, 100, 3072, false, true, 1, 0, 3);      // dH · W1.T
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void dotHelpersAgreeWithGemm(DType dtype) {
        Random rnd = new Random(40);
        Matrix a = random(rnd, 5, 4, dtype);
        Matrix b = random(rnd, 4, 3, dtype);
        Matrix c = random(rnd, 5, 3, dtype);
        double[] scale = new double[15];
        assertSum(Ref.matmul(a.toArray(), 5, 4, false, b.toArray(), 4, 3, false, scale), scale, 4, a.dot(b));
        assertSum(Ref.matmul(a.toArray(), 5, 4, true, c.toArray(), 5, 3, false, new double[12]),
                Ref.matmul(abs(a), 5, 4, true, abs(c), 5, 3, false, null), 5, a.transposeDot(c));
        assertSum(Ref.matmul(c.toArray(), 5, 3, false, b.toArray(), 4, 3, true, new double[20]),
                Ref.matmul(abs(c), 5, 3, false, abs(b), 4, 3, true, null), 3, c.dotTranspose(b));
    }

    private static double[] abs(Matrix m) {
        double[] v = m.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return v;
    }

    /** {@code C = C · B}: the output is also an input; BLAS must not read what it already wrote. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void outputAliasingAnOperand(DType dtype) {
        Random rnd = new Random(41);
        Matrix c = random(rnd, 6, 6, dtype);
        Matrix b = random(rnd, 6, 6, dtype);
        double[] c0 = c.toArray();
        double[] scale = new double[36];
        double[] cb = Ref.matmul(c0, 6, 6, false, b.toArray(), 6, 6, false, scale);
        double[] expected = new double[36];
        for (int i = 0; i < 36; i++) {
            expected[i] = cb[i] + 0.5 * c0[i];
            scale[i] += Math.abs(0.5 * c0[i]);
        }
        c.gemm(1.0, c, false, b, false, 0.5);
        assertSum(expected, scale, 7, c);
        Matrix d = random(rnd, 6, 6, dtype);
        double[] d0 = d.toArray();
        double[] dd = Ref.matmul(d0, 6, 6, true, d0, 6, 6, false, scale);
        d.gemm(1.0, d, true, d, false, 0.0);
        assertSum(dd, scale, 6, d);
    }

    /** With the thread count fixed, the same product gives the same bits every time. */
    @Test
    void repeatable() {
        Random rnd = new Random(42);
        Matrix a = random(rnd, 200, 777, DType.FLOAT32);
        Matrix b = random(rnd, 777, 99, DType.FLOAT32);
        double[] first = a.dot(b).toArray();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(first, a.dot(b).toArray(), 0.0);
        }
        assertEquals(a.sum(0).get(0, 5), a.sum(0).get(0, 5), 0.0);
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Matrix a = backend().zeros(2, 3, DType.FLOAT64);
        Matrix b = backend().zeros(4, 5, DType.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.dot(b));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 5)"), e.getMessage());
        Matrix out = backend().zeros(3, 3, DType.FLOAT64);
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> out.gemm(1, a, false, backend().zeros(3, 5, DType.FLOAT64), false, 0));
        assertTrue(o.getMessage().contains("(2, 5)") && o.getMessage().contains("(3, 3)"), o.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> a.transposeDot(backend().zeros(3, 2, DType.FLOAT64)));
        assertTrue(t.getMessage().contains("(2, 3).T") && t.getMessage().contains("(3, 2)"), t.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> a.dot(backend().zeros(3, 2, DType.FLOAT32)));
        assertTrue(d.getMessage().contains("float64") && d.getMessage().contains("float32"), d.getMessage());
    }
}
