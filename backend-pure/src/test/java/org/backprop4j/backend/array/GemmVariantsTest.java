package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every matrix-product variant of this module against one independent reference (a plain double triple loop
 * written here), on odd sizes, all four transpose cases, several {@code alpha}/{@code beta}, and
 * {@code beta = 0} over a NaN-filled output — in the manner of EJML's {@code TestMatrixMatrixMult_DDRM} and
 * netlib's {@code DgemmTest}.
 *
 * <p><b>Tolerances</b> are relative to the standard bound of a computed product,
 * {@code |C - C_computed| <= gamma * (|alpha| |op(A)| |op(B)| + |beta| |C|)} element by element, so that
 * cancellation in a dot product does not make a correct result look wrong:
 * <ul>
 *   <li>float64: {@code 1e-12}; a sum of k = 3072 products in a different order is off by at most
 *       {@code k * 2^-53 = 3.4e-13} of that bound;</li>
 *   <li>float32: {@code 1e-6}. Inputs are floats and both products accumulate in double (error ~ k * 1e-16),
 *       then round C to float at each write-back, once per KC = 256 step of the inner dimension: at most
 *       {@code ceil(3072 / 256) + 2 = 14} roundings of {@code 2^-24 = 6e-8} each, i.e. 8.4e-7. (A float
 *       accumulator, as in BLAS {@code sgemm}, could be off by k * 6e-8 = 1.8e-4 and would fail here.)</li>
 * </ul>
 * A wrong index, a missing term or a wrong transpose gives an error of order one, far above both.
 */
class GemmVariantsTest {

    /** The products under test, each on its own backend instance. */
    static Stream<Named<ArrayBackend>> variants() {
        return Stream.of(
                Named.of("naive i-j-k", new NaiveBackend()),
                Named.of("pure, single-threaded path", new PureBackend(new BlockedGemm(1, Long.MAX_VALUE))),
                Named.of("pure, 2 threads from size 0", new PureBackend(new BlockedGemm(2, 0))),
                Named.of("pure, 3 uneven bands from size 0", new PureBackend(new BlockedGemm(3, 0))),
                Named.of("pure, defaults", new PureBackend()));
    }

    /** {m, k, n}: degenerate, thin, odd, and across the MC = 64, KC = 256 and NC = 512 block edges. */
    private static final int[][] SIZES = {
        {1, 1, 1}, {1, 37, 1}, {1, 300, 129}, {129, 300, 1}, {5, 1, 7}, {7, 13, 5}, {3, 0, 4},
        {65, 257, 67}, {4, 513, 1030}, {257, 300, 129},
    };

    /** {alpha, beta}. */
    private static final double[][] SCALARS = {{1, 0}, {1.5, -0.5}, {-2, 1}, {0.25, 3}};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        variants().forEach(v -> {
            for (DType dtype : DType.values()) {
                out.add(Arguments.of(v, dtype));
            }
        });
        return out.stream();
    }

    /** The reference product and the element-wise bound {@code |op(A)| |op(B)|}. */
    private static double[][] reference(double[] a, int ar, int ac, boolean ta, double[] b, int br, int bc, boolean tb) {
        int m = ta ? ac : ar;
        int k = ta ? ar : ac;
        int n = tb ? br : bc;
        double[] prod = new double[m * n];
        double[] abs = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double t = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[p * ac + i] : a[i * ac + p];
                    double y = tb ? b[j * bc + p] : b[p * bc + j];
                    s += x * y;
                    t += Math.abs(x * y);
                }
                prod[i * n + j] = s;
                abs[i * n + j] = t;
            }
        }
        return new double[][] {prod, abs};
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-12 : 1e-6;
    }

    /** Asserts {@code c == alpha * ref + beta * c0} within the bound described in the class comment. */
    private static void assertProduct(double[][] ref, double alpha, double beta, double[] c0, Matrix c, DType dtype,
                                      String what) {
        double[] got = c.toArray();
        double tol = tolerance(dtype);
        for (int i = 0; i < got.length; i++) {
            double old = beta == 0 ? 0 : beta * c0[i];
            double expected = alpha * ref[0][i] + old;
            double bound = Math.abs(alpha) * ref[1][i] + Math.abs(old);
            double err = Math.abs(got[i] - expected);
            if (!(err <= tol * bound + Double.MIN_NORMAL)) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + expected
                        + " (|err| " + err + " > " + tol + " * bound " + bound + ")");
            }
        }
    }

    private static void checkAllCases(ArrayBackend backend, DType dtype, int m, int k, int n, Random rnd) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int ar = ta ? k : m;
                int ac = ta ? m : k;
                int br = tb ? n : k;
                int bc = tb ? k : n;
                double[] a = Fixtures.uniform(rnd, ar * ac, -1, 1, dtype);
                double[] b = Fixtures.uniform(rnd, br * bc, -1, 1, dtype);
                double[][] ref = reference(a, ar, ac, ta, b, br, bc, tb);
                Matrix ma = backend.fromArray(ar, ac, a, dtype);
                Matrix mb = backend.fromArray(br, bc, b, dtype);
                String shape = m + "x" + k + "x" + n + (ta ? " A.T" : "") + (tb ? " B.T" : "") + " " + dtype;
                for (double[] ab : SCALARS) {
                    double[] c0 = Fixtures.uniform(rnd, m * n, -1, 1, dtype);
                    Matrix c = backend.fromArray(m, n, c0, dtype);
                    c.gemm(ab[0], ma, ta, mb, tb, ab[1]);
                    assertProduct(ref, ab[0], ab[1], c0, c, dtype, shape + " alpha=" + ab[0] + " beta=" + ab[1]);
                }
                double[] nan = new double[m * n];
                Arrays.fill(nan, Double.NaN);
                Matrix c = backend.fromArray(m, n, nan, dtype);
                c.gemm(0.5, ma, ta, mb, tb, 0.0);
                assertTrue(c.allFinite(), shape + ": beta = 0 must ignore NaN in the output");
                assertProduct(ref, 0.5, 0.0, nan, c, dtype, shape + " beta=0 over NaN");
                assertArrayEqualsExactly(a, ma.toArray(), shape + ": gemm must not change A");
            }
        }
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual, String what) {
        assertTrue(Arrays.equals(expected, actual), what);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyTransposeCaseAlphaBetaAndOddSizeMatchesTheReference(ArrayBackend backend, DType dtype) {
        Random rnd = new Random(42);
        for (int[] s : SIZES) {
            checkAllCases(backend, dtype, s[0], s[1], s[2], rnd);
        }
    }

    /** The product sizes of a TwoLayerNet step on CIFAR-10 (N = 200, D = 3072, H = 100), in all transpose cases. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theLargeProductsOfATrainingStepMatchTheReference(ArrayBackend backend, DType dtype) {
        Random rnd = new Random(7);
        int n = 200;
        int d = 3072;
        int h = 100;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int ar = ta ? d : n;
                int ac = ta ? n : d;
                int br = tb ? h : d;
                int bc = tb ? d : h;
                double[] a = Fixtures.uniform(rnd, ar * ac, -1, 1, dtype);
                double[] b = Fixtures.uniform(rnd, br * bc, -1, 1, dtype);
                Matrix c = backend.zeros(n, h, dtype);
                c.fill(Double.NaN);
                c.gemm(1.0, backend.fromArray(ar, ac, a, dtype), ta, backend.fromArray(br, bc, b, dtype), tb, 0.0);
                assertProduct(reference(a, ar, ac, ta, b, br, bc, tb), 1.0, 0.0, new double[n * h], c, dtype,
                        "200x3072x100" + (ta ? " A.T" : "") + (tb ? " B.T" : "") + " " + dtype);
            }
        }
    }

    /**
     * The inner dimension is never split across threads, so every thread count sums each element in the same
     * order: the multi-threaded result is bit-identical to the single-threaded one.
     */
    @Test
    void threadCountDoesNotChangeASingleBit() {
        ArrayBackend one = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE));
        Random rnd = new Random(3);
        for (DType dtype : DType.values()) {
            for (int[] s : new int[][] {{257, 300, 129}, {9, 700, 1100}, {200, 3072, 100}}) {
                double[] a = Fixtures.uniform(rnd, s[0] * s[1], -1, 1, dtype);
                double[] b = Fixtures.uniform(rnd, s[1] * s[2], -1, 1, dtype);
                Matrix expected = one.fromArray(s[0], s[1], a, dtype).dot(one.fromArray(s[1], s[2], b, dtype));
                for (int threads : new int[] {2, 3, 5}) {
                    ArrayBackend many = new PureBackend(new BlockedGemm(threads, 0));
                    Matrix got = many.fromArray(s[0], s[1], a, dtype).dot(many.fromArray(s[1], s[2], b, dtype));
                    Fixtures.assertIdentical(expected, got, Arrays.toString(s) + " on " + threads + " threads " + dtype);
                }
            }
        }
    }

    /** {@code c = c · c.T} and friends: the output aliases an operand, which must be read before it is overwritten. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void anOutputThatIsAlsoAnOperandGivesTheSameProduct(ArrayBackend backend) {
        Random rnd = new Random(5);
        int n = 70;
        double[] a = Fixtures.uniform(rnd, n * n, -1, 1, DType.FLOAT64);
        double[][] ref = reference(a, n, n, false, a, n, n, true);
        Matrix c = backend.fromArray(n, n, a, DType.FLOAT64);
        c.gemm(1.0, c, false, c, true, 0.5);
        assertProduct(ref, 1.0, 0.5, a, c, DType.FLOAT64, "c = c.c^T + 0.5 c");
        Matrix d = backend.fromArray(n, n, a, DType.FLOAT64);
        d.gemm(2.0, d, true, backend.fromArray(n, n, a, DType.FLOAT64), false, 0.0);
        assertProduct(reference(a, n, n, true, a, n, n, false), 2.0, 0.0, a, d, DType.FLOAT64, "d = 2 d^T.a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void anEmptyInnerDimensionScalesTheOutputByBeta(ArrayBackend backend) {
        Matrix a = backend.zeros(3, 0, DType.FLOAT64);
        Matrix b = backend.zeros(0, 2, DType.FLOAT64);
        Matrix c = backend.fromArray(3, 2, new double[] {1, 2, 3, 4, 5, Double.NaN}, DType.FLOAT64);
        c.gemm(1.0, a, false, b, false, 2.0);
        assertEquals(10.0, c.get(2, 0), 0.0);
        c.gemm(1.0, a, false, b, false, 0.0);
        assertEquals(0.0, c.sumOfSquares(), 0.0, "beta = 0 clears the output, NaN included");
        assertFalse(Double.isNaN(c.get(2, 1)));
    }

    @Test
    void invalidThreadSettingsAreRejectedWithTheirValue() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BlockedGemm(0, 10));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertEquals(4, new BlockedGemm(4, 99).threads());
        assertEquals(99, new BlockedGemm(4, 99).parallelThreshold());
    }
}
