package org.backprop4j.backend.ejml;

import static org.backprop4j.backend.ejml.Ref.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gemm} in every transpose case, with several alpha and beta, on odd shapes, through both the
 * single-threaded and the concurrent EJML kernels, against the textbook triple loop.
 */
class EjmlGemmTest {

    private static final EjmlBackend SINGLE = new EjmlBackend(-1);
    private static final EjmlBackend CONCURRENT = new EjmlBackend(0);
    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    /** (m, k, n): the product is (m, k)·(k, n). */
    private static final int[][] SIZES = {{1, 1, 1}, {1, 17, 1}, {17, 1, 1}, {1, 1, 17}, {17, 1, 17}, {1, 17, 17},
            {7, 13, 5}, {13, 7, 16}, {257, 300, 31}, {31, 257, 300}};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int[] s : SIZES) {
                for (boolean concurrent : new boolean[] {false, true}) {
                    out.add(Arguments.of(dtype, s[0], s[1], s[2], concurrent));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} ({1}x{2})·({2}x{3}) concurrent={4}")
    @MethodSource("cases")
    void everyTransposeAlphaAndBeta(DType dtype, int m, int k, int n, boolean concurrent) {
        EjmlBackend backend = concurrent ? CONCURRENT : SINGLE;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                Matrix a = stored(backend, transA ? k : m, transA ? m : k, dtype, 1);
                Matrix b = stored(backend, transB ? n : k, transB ? k : n, dtype, 2);
                Matrix c0 = stored(backend, m, n, dtype, 3);
                for (double alpha : new double[] {1, -0.75, 2.5}) {
                    for (double beta : new double[] {0, 1, -0.5}) {
                        Matrix c = c0.copy();
                        c.gemm(alpha, a, transA, b, transB, beta);
                        String what = "gemm(" + alpha + ", a" + (transA ? ".T" : "") + ", b" + (transB ? ".T" : "")
                                + ", " + beta + ")";
                        assertClose(what, m, n, Ref.gemm(alpha, a.toArray(), a.rows(), a.cols(), transA,
                                b.toArray(), b.rows(), b.cols(), transB, beta, c0.toArray()), c);
                    }
                }
            }
        }
    }

    private static Matrix stored(EjmlBackend backend, int rows, int cols, DType dtype, long seed) {
        return backend.fromArray(rows, cols, Ref.random(rows, cols, dtype, seed).toArray(), dtype);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void conveniencesUseTheRightTransposes(DType dtype) {
        Matrix x = Ref.random(7, 13, dtype, 4);
        Matrix w = Ref.random(13, 5, dtype, 5);
        Matrix d = Ref.random(7, 5, dtype, 6);
        assertClose("dot", 7, 5, Ref.gemm(1, x.toArray(), 7, 13, false, w.toArray(), 13, 5, false, 0, null), x.dot(w));
        assertClose("transposeDot", 13, 5, Ref.gemm(1, x.toArray(), 7, 13, true, d.toArray(), 7, 5, false, 0, null),
                x.transposeDot(d));
        assertClose("dotTranspose", 7, 13, Ref.gemm(1, d.toArray(), 7, 5, false, w.toArray(), 13, 5, true, 0, null),
                d.dotTranspose(w));
    }

    /** The two-layer net's three products on CIFAR-10 sized data, which the default threshold sends to the concurrent kernels. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void cifarSizedProductsThroughTheConcurrentPath(DType dtype) {
        EjmlBackend backend = new EjmlBackend();
        assertEquals(MULTICORE, backend.concurrent(200, 100, 3072),
                "X·W1 runs concurrently with the default threshold");
        assertEquals(MULTICORE, backend.concurrent(3072, 100, 200),
                "Xᵀ·dH runs concurrently with the default threshold");
        assertEquals(MULTICORE, backend.concurrent(200, 3072, 100),
                "dH·W1ᵀ runs concurrently with the default threshold");
        assertFalse(backend.concurrent(7, 5, 13), "a small product stays on one thread");
        assertFalse(backend.concurrent(1, 3072, 3072), "a single output row cannot be split");

        Matrix x = stored(backend, 200, 3072, dtype, 7);
        Matrix w1 = stored(backend, 3072, 100, dtype, 8);
        Matrix dh = stored(backend, 200, 100, dtype, 9);
        assertClose("X·W1", 200, 100, Ref.gemm(1, x.toArray(), 200, 3072, false, w1.toArray(), 3072, 100, false, 0,
                null), x.dot(w1));
        assertClose("Xᵀ·dH", 3072, 100, Ref.gemm(1, x.toArray(), 200, 3072, true, dh.toArray(), 200, 100, false, 0,
                null), x.transposeDot(dh));
        assertClose("dH·W1ᵀ", 200, 3072, Ref.gemm(1, dh.toArray(), 200, 100, false, w1.toArray(), 3072, 100, true, 0,
                null), dh.dotTranspose(w1));
        Matrix acc = stored(backend, 200, 100, dtype, 10);
        double[] old = acc.toArray();
        acc.gemm(0.5, x, false, w1, false, 1.0);
        assertClose("C += 0.5 X·W1", 200, 100, Ref.gemm(0.5, x.toArray(), 200, 3072, false, w1.toArray(), 3072, 100,
                false, 1.0, old), acc);
    }

    @ParameterizedTest(name = "{0} concurrent={1}")
    @MethodSource("dtypesAndPaths")
    void betaZeroIgnoresNaNInTheOutput(DType dtype, boolean concurrent) {
        EjmlBackend backend = concurrent ? CONCURRENT : SINGLE;
        Matrix a = stored(backend, 6, 4, dtype, 11);
        Matrix b = stored(backend, 4, 5, dtype, 12);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                Matrix ta = transA ? a.transpose() : a;
                Matrix tb = transB ? b.transpose() : b;
                Matrix c = backend.full(6, 5, Double.NaN, dtype);
                c.gemm(2, ta, transA, tb, transB, 0);
                assertTrue(c.allFinite(), "beta 0 must overwrite NaN, transA=" + transA + " transB=" + transB);
                assertClose("2 a·b", 6, 5, Ref.gemm(2, a.toArray(), 6, 4, false, b.toArray(), 4, 5, false, 0, null), c);
            }
        }
    }

    static Stream<Arguments> dtypesAndPaths() {
        return Stream.of(DType.values()).flatMap(d -> Stream.of(Arguments.of(d, false), Arguments.of(d, true)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void alphaZeroScalesOnlyAsBlasDoes(DType dtype) {
        Matrix a = Ref.EJML.full(3, 4, Double.POSITIVE_INFINITY, dtype);
        Matrix b = Ref.random(4, 2, dtype, 13);
        Matrix c = Ref.random(3, 2, dtype, 14);
        double[] old = c.toArray();
        c.gemm(0, a, false, b, false, 0.5);
        double[] half = old.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] *= 0.5;
        }
        assertArrayEquals(half, c.toArray(), "alpha 0: C = beta C, the product is not formed");
        c.gemm(0, a, false, b, false, 0);
        assertArrayEquals(new double[6], c.toArray(), "alpha 0 and beta 0 clear C");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void theOutputMayAlsoBeAnOperand(DType dtype) {
        Matrix c = Ref.random(5, 5, dtype, 15);
        Matrix b = Ref.random(5, 5, dtype, 16);
        double[] old = c.toArray();
        c.gemm(1.5, c, true, b, false, 0.5);
        assertClose("C = 1.5 C.T·B + 0.5 C", 5, 5, Ref.gemm(1.5, old, 5, 5, true, b.toArray(), 5, 5, false, 0.5, old),
                c);
        double[] before = c.toArray();
        c.gemm(1, c, false, c, false, 0);
        assertClose("C = C·C", 5, 5, Ref.gemm(1, before, 5, 5, false, before, 5, 5, false, 0, null), c);
    }

    @Test
    void theThresholdComesFromTheSystemPropertyOrTheConstructor() {
        assertEquals(EjmlBackend.DEFAULT_CONCURRENT_THRESHOLD,
                EjmlBackend.thresholdFromProperty(null));
        assertEquals(1234, EjmlBackend.thresholdFromProperty(" 1234 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EjmlBackend.thresholdFromProperty("lots"));
        assertTrue(e.getMessage().contains(EjmlBackend.THRESHOLD_PROPERTY) && e.getMessage().contains("'lots'"),
                e.getMessage());
        assertFalse(SINGLE.concurrent(10_000, 10_000, 10_000), "a negative threshold means never");
        assertEquals(MULTICORE, CONCURRENT.concurrent(2, 1, 1), "threshold 0 means always (from two rows)");
    }
}
