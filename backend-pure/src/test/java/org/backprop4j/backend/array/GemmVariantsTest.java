package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.backend.pure.Simd;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.ReferenceProduct;
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
 *   <li>float32: {@code 1e-6}. Inputs are floats and the naive and scalar blocked products accumulate in
 *       double (error ~ k * 1e-16), then round C to float at each write-back, once per KC = 256 step of the
 *       inner dimension: at most {@code ceil(3072 / 256) + 2 = 14} roundings of {@code 2^-24 = 6e-8} each,
 *       i.e. 8.4e-7, in the worst case. The SIMD product accumulates in float lanes, as BLAS {@code sgemm}
 *       does: its worst case is about {@code KC + 14} roundings (1.6e-5), but that needs every rounding to
 *       err the same way; on these inputs (independent uniform signs) the errors cancel like a random walk
 *       (measured: at most 3.1e-7 of the bound over every size and transpose case here), and it is held to
 *       the same 1e-6.</li>
 * </ul>
 * A wrong index, a missing term or a wrong transpose gives an error of order one, far above both.
 */
class GemmVariantsTest {

    /**
     * The products under test, each on its own backend instance: the scalar blocked product always, the SIMD
     * one when this run has the Vector API ({@code SimdStatusTest} checks that the default test run does).
     */
    static Stream<Named<ArrayBackend>> variants() {
        List<Named<ArrayBackend>> v = new ArrayList<>(List.of(
                Named.of("naive i-j-k", new NaiveBackend()),
                Named.of("pure scalar, single-threaded path", new PureBackend(new BlockedGemm(1, Long.MAX_VALUE))),
                Named.of("pure scalar, 2 threads from size 0", new PureBackend(new BlockedGemm(2, 0))),
                Named.of("pure scalar, 3 uneven bands from size 0", new PureBackend(new BlockedGemm(3, 0)))));
        if (Simd.enabled()) {
            v.add(Named.of("pure SIMD, single-threaded path", new PureBackend(Simd.product(1, Long.MAX_VALUE, 0))));
            v.add(Named.of("pure SIMD, 2 threads from size 0", new PureBackend(Simd.product(2, 0, 0))));
            v.add(Named.of("pure SIMD, 3 uneven bands from size 0", new PureBackend(Simd.product(3, 0, 0))));
        }
        v.add(Named.of("pure, defaults", new PureBackend()));
        return v.stream();
    }

    /**
     * {m, k, n}: degenerate, thin, odd, across the scalar MC = 64, KC = 256 and NC = 512 block edges, and for
     * the SIMD tiles (6 rows, panels of 32 float64 / 64 float32 columns) ragged rows and last panels of 1, 2
     * and 3 vectors in either dtype (44, 52, 84, 100, 129 columns).
     */
    private static final int[][] SIZES = {
            {1, 1, 1}, {1, 37, 1}, {1, 300, 129}, {129, 300, 1}, {5, 1, 7}, {7, 13, 5}, {3, 0, 4},
            {65, 257, 67}, {4, 513, 1030}, {257, 300, 129}, {13, 300, 44}, {11, 260, 52}, {7, 513, 84}, {200, 257, 100},
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
    private static double[][] reference(double[] a, int ar, int ac, boolean ta, double[] b, int br, int bc,
            boolean tb) {
        ReferenceProduct r = ReferenceProduct.of(a, ar, ac, ta, b, br, bc, tb);
        return new double[][] {r.value(), r.magnitude()};
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

    /**
     * Random operands of {@code op(A) (m x k) · op(B) (k x n)}, stored as {@code A} ({@code ar x ac}) and
     * {@code B} ({@code br x bc}), transposed or not.
     */
    private record Operands(int m, int k, int n, boolean ta, boolean tb, DType dtype, double[] a, double[] b) {

        static Operands random(Random rnd, int m, int k, int n, boolean ta, boolean tb, DType dtype) {
            return new Operands(m, k, n, ta, tb, dtype, Fixtures.uniform(rnd, m * k, -1, 1, dtype),
                    Fixtures.uniform(rnd, k * n, -1, 1, dtype));
        }

        int ar() {
            return ta ? k : m;
        }

        int ac() {
            return ta ? m : k;
        }

        int br() {
            return tb ? n : k;
        }

        int bc() {
            return tb ? k : n;
        }

        Matrix a(ArrayBackend backend) {
            return backend.fromArray(ar(), ac(), a, dtype);
        }

        Matrix b(ArrayBackend backend) {
            return backend.fromArray(br(), bc(), b, dtype);
        }

        double[][] reference() {
            return GemmVariantsTest.reference(a, ar(), ac(), ta, b, br(), bc(), tb);
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n + (ta ? " A.T" : "") + (tb ? " B.T" : "") + " " + dtype;
        }
    }

    private static void checkAllCases(ArrayBackend backend, DType dtype, int m, int k, int n, Random rnd) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Operands ops = Operands.random(rnd, m, k, n, ta, tb, dtype);
                double[] a = ops.a();
                double[][] ref = ops.reference();
                Matrix ma = ops.a(backend);
                Matrix mb = ops.b(backend);
                String shape = ops.toString();
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
        assertThreadCountChangesNothing(threads -> new BlockedGemm(threads, threads == 1 ? Long.MAX_VALUE : 0));
        if (Simd.enabled()) {
            assertThreadCountChangesNothing(threads -> Simd.product(threads, threads == 1 ? Long.MAX_VALUE : 0, 0));
        }
    }

    /**
     * The default SIMD product runs products below 2^14 multiply-adds on the scalar kernels (the toy checks'
     * sizes, where the vector kernels would only run their slow uncompiled fallback) and larger ones on the
     * vector kernels: bit for bit the one or the other, chosen by shape alone.
     */
    @Test
    void smallProductsRunTheScalarKernels() {
        assumeTrue(Simd.enabled(), "the Vector API is not in this run");
        Random rnd = new Random(8);
        PureBackend byDefault = new PureBackend(Simd.product(1, Long.MAX_VALUE));
        PureBackend scalar = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE));
        PureBackend vector = new PureBackend(Simd.product(1, Long.MAX_VALUE, 0));
        for (int[] s : new int[][] {{5, 4, 10}, {2, 120, 3}, {25, 25, 26}, {200, 100, 10}}) {
            for (DType dtype : DType.values()) {
                double[] a = Fixtures.uniform(rnd, s[0] * s[1], -1, 1, dtype);
                double[] b = Fixtures.uniform(rnd, s[1] * s[2], -1, 1, dtype);
                Matrix got = byDefault.fromArray(s[0], s[1], a, dtype).dot(byDefault.fromArray(s[1], s[2], b, dtype));
                PureBackend which = (long) s[0] * s[1] * s[2] < (1L << 14) ? scalar : vector;
                Fixtures.assertIdentical(
                        which.fromArray(s[0], s[1], a, dtype).dot(which.fromArray(s[1], s[2], b, dtype)),
                        got, Arrays.toString(s) + " " + dtype + " on " + which.gemm().kernels());
            }
        }
    }

    /** Bands of rows (the first two sizes, as the training step's) and of columns (the third). */
    private static void assertThreadCountChangesNothing(IntFunction<PureProduct> product) {
        PureBackend one = new PureBackend(product.apply(1));
        Random rnd = new Random(3);
        for (DType dtype : DType.values()) {
            for (int[] s : new int[][] {{257, 300, 129}, {200, 3072, 100}, {9, 700, 1100}}) {
                for (boolean ta : new boolean[] {false, true}) {
                    double[] a = Fixtures.uniform(rnd, s[0] * s[1], -1, 1, dtype);
                    double[] b = Fixtures.uniform(rnd, s[1] * s[2], -1, 1, dtype);
                    int ar = ta ? s[1] : s[0];
                    int ac = ta ? s[0] : s[1];
                    Matrix expected = one.zeros(s[0], s[2], dtype);
                    expected.gemm(1.0, one.fromArray(ar, ac, a, dtype), ta, one.fromArray(s[1], s[2], b, dtype), false,
                            0);
                    for (int threads : new int[] {2, 3, 5}) {
                        ArrayBackend many = new PureBackend(product.apply(threads));
                        Matrix got = many.zeros(s[0], s[2], dtype);
                        got.gemm(1.0, many.fromArray(ar, ac, a, dtype), ta, many.fromArray(s[1], s[2], b, dtype), false,
                                0);
                        Fixtures.assertIdentical(expected, got,
                                one.gemm().kernels() + " " + Arrays.toString(s) + (ta ? " A.T" : "")
                                        + " on " + threads + " threads " + dtype);
                    }
                }
            }
        }
    }

    /**
     * The fused bias ({@code affine_forward}'s {@code x.dot(w) + b}) in every transpose case, alpha and beta: the
     * product with the bias is, bit for bit, the same product without it followed by a broadcast add, and both
     * are within the bound of the reference.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pureCases")
    void theFusedBiasIsTheProductPlusABroadcastAdd(PureBackend backend, DType dtype) {
        Random rnd = new Random(9);
        for (int[] s : new int[][] {{1, 1, 1}, {7, 13, 5}, {13, 300, 44}, {65, 257, 100}, {200, 300, 10}}) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Operands ops = Operands.random(rnd, m, k, n, ta, tb, dtype);
                    double[] bias = Fixtures.uniform(rnd, n, -1, 1, dtype);
                    ArrayMatrix ma = (ArrayMatrix) ops.a(backend);
                    ArrayMatrix mb = (ArrayMatrix) ops.b(backend);
                    ArrayMatrix mbias = (ArrayMatrix) backend.fromArray(1, n, bias, dtype);
                    for (double[] ab : new double[][] {{1, 0}, {-2, 1}}) {
                        double[] c0 = Fixtures.uniform(rnd, m * n, -1, 1, dtype);
                        ArrayMatrix fused = (ArrayMatrix) backend.fromArray(m, n, c0, dtype);
                        backend.gemm().gemm(ab[0], ma, ta, mb, tb, ab[1], fused, mbias);
                        Matrix plain = backend.fromArray(m, n, c0, dtype);
                        plain.gemm(ab[0], ma, ta, mb, tb, ab[1]);
                        String what = ops + " alpha=" + ab[0] + " beta=" + ab[1] + " + bias";
                        Fixtures.assertIdentical(plain.addRowVector(mbias), fused, what);
                        double[][] ref = ops.reference();
                        double[] shifted = new double[m * n];
                        for (int i = 0; i < m * n; i++) {
                            shifted[i] = fused.toArray()[i] - bias[i % n];
                        }
                        assertProduct(ref, ab[0], ab[1], c0, backend.fromArray(m, n, shifted, DType.FLOAT64), dtype,
                                what);
                    }
                }
            }
        }
    }

    static Stream<Arguments> pureCases() {
        List<Arguments> out = new ArrayList<>();
        variants().filter(v -> v.getPayload() instanceof PureBackend).forEach(v -> {
            for (DType dtype : DType.values()) {
                out.add(Arguments.of(Named.of(v.getName(), v.getPayload()), dtype));
            }
        });
        return out.stream();
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

    /**
     * As BLAS and the {@code Matrix.gemm} contract: with {@code alpha == 0} the product is not formed, so NaN in
     * the operands does not reach C (the pure products; the textbook loops form it regardless).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pureCases")
    void alphaZeroLeavesTheOperandsOutEvenWhenTheyHoldNaN(PureBackend backend, DType dtype) {
        {
            double[] nan = new double[60 * 70];
            Arrays.fill(nan, Double.NaN);
            Matrix a = backend.fromArray(50, 60, new double[50 * 60], dtype);
            a.set(3, 4, Double.NaN);
            Matrix b = backend.fromArray(60, 70, nan, dtype);
            Matrix c = backend.full(50, 70, 2.0, dtype);
            c.gemm(0.0, a, false, b, false, 0.5);
            assertTrue(c.allFinite(), backend + " " + dtype + ": alpha = 0 must not form the product");
            assertEquals(50 * 70, c.sum(), 0.0, backend + " " + dtype + ": c = 0.5 * c");
        }
    }

    @Test
    void invalidThreadSettingsAreRejectedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockedGemm(0, 10));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertEquals(4, new BlockedGemm(4, 99).threads());
        assertEquals(99, new BlockedGemm(4, 99).parallelThreshold());
    }
}
