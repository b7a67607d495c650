package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.backend.naive.NaiveKernels;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.backend.pure.PureKernels;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code naive} per-element kernels and the {@code pure} fused kernels against the reference: the default
 * kernels ({@link Kernels#DEFAULT}, built from Matrix operations) run on the {@code pure} backend, on the
 * same random inputs. float64: within 1e-12 of each matrix's scale (the kernels differ only in summation
 * order). float32: within 1e-5 — the naive kernels round once per element where the defaults round after
 * every operation, a few float ulps (6e-8 each) apart. The pure kernels round at the same points as the
 * defaults and must agree bit for bit in both dtypes.
 */
class KernelsAgreementTest {

    private static final ArrayBackend REFERENCE = new PureBackend();

    /** Sizes: N samples, D features (over the KC = 256 block), M outputs. */
    private static final int N = 23;
    private static final int D = 301;
    private static final int M = 17;

    static Stream<Named<ArrayBackend>> backends() {
        return Stream.of(Named.of("naive", new NaiveBackend()), Named.of("pure", new PureBackend()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        backends().forEach(b -> {
            for (DType dtype : DType.values()) {
                out.add(Arguments.of(b, dtype));
            }
        });
        return out.stream();
    }

    private static double tolerance(ArrayBackend backend, DType dtype) {
        if (backend instanceof PureBackend) {
            return 0.0;
        }
        return dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
    }

    /** The same numbers on both backends. */
    private static final class Pair {
        final Matrix test;
        final Matrix ref;

        Pair(ArrayBackend backend, int rows, int cols, double[] data, DType dtype) {
            this.test = backend.fromArray(rows, cols, data, dtype);
            this.ref = REFERENCE.fromArray(rows, cols, data, dtype);
        }
    }

    private static Pair random(ArrayBackend backend, Random rnd, int rows, int cols, double scale, DType dtype) {
        double[] a = Fixtures.uniform(rnd, rows * cols, -scale, scale, dtype);
        // exact zeros, where ReLU's derivative convention (x > 0) matters
        for (int i = 0; i < a.length; i += 7) {
            a[i] = 0.0;
        }
        return new Pair(backend, rows, cols, a, dtype);
    }

    @Test
    void eachBackendHandsOutItsOwnKernels() {
        assertInstanceOf(NaiveKernels.class, new NaiveBackend().kernels());
        assertInstanceOf(PureKernels.class, new PureBackend().kernels());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void affineForwardAndBackwardAgree(ArrayBackend backend, DType dtype) {
        Random rnd = new Random(1);
        Kernels k = backend.kernels();
        double tol = tolerance(backend, dtype);
        Pair x = random(backend, rnd, N, D, 1, dtype);
        Pair w = random(backend, rnd, D, M, 0.1, dtype);
        Pair b = random(backend, rnd, 1, M, 1, dtype);
        Forward<AffineCache> got = k.affineForward(x.test, w.test, b.test);
        Forward<AffineCache> want = Kernels.DEFAULT.affineForward(x.ref, w.ref, b.ref);
        Fixtures.assertClose(want.out(), got.out(), tol, "affine_forward out");
        assertEquals(backend.name(), got.out().backendName());
        assertEquals(dtype, got.out().dtype());

        Pair dout = random(backend, rnd, N, M, 1, dtype);
        AffineGrads g = k.affineBackward(dout.test, got.cache());
        AffineGrads r = Kernels.DEFAULT.affineBackward(dout.ref, want.cache());
        assertGrads(r, g, tol, "affine_backward");
    }

    /** The fused bias add must give exactly {@code x.dot(w) + b}, which the ~1e-15 requirement asks for at least. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void pureAffineForwardIsBitIdenticalToDotThenAdd(DType dtype) {
        ArrayBackend pure = new PureBackend();
        Random rnd = new Random(11);
        for (int[] s : new int[][] {{200, 3072, 100}, {200, 100, 10}, {1, 1, 1}, {7, 0, 3}}) {
            Matrix x = pure.fromArray(s[0], s[1], Fixtures.uniform(rnd, s[0] * s[1], -1, 1, dtype), dtype);
            Matrix w = pure.fromArray(s[1], s[2], Fixtures.uniform(rnd, s[1] * s[2], -0.1, 0.1, dtype), dtype);
            Matrix b = pure.fromArray(1, s[2], Fixtures.uniform(rnd, s[2], -1, 1, dtype), dtype);
            Fixtures.assertIdentical(x.dot(w).addRowVector(b), pure.kernels().affineForward(x, w, b).out(),
                    "affine_forward " + s[0] + "x" + s[1] + "x" + s[2]);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void activationsAgree(ArrayBackend backend, DType dtype) {
        Random rnd = new Random(2);
        Kernels k = backend.kernels();
        double tol = tolerance(backend, dtype);
        Pair x = random(backend, rnd, N, M, 3, dtype);
        Pair dout = random(backend, rnd, N, M, 1, dtype);

        Forward<ReluCache> relu = k.reluForward(x.test);
        Forward<ReluCache> reluRef = Kernels.DEFAULT.reluForward(x.ref);
        Fixtures.assertClose(reluRef.out(), relu.out(), tol, "relu_forward");
        Matrix dRelu = k.reluBackward(dout.test, relu.cache());
        Fixtures.assertClose(Kernels.DEFAULT.reluBackward(dout.ref, reluRef.cache()), dRelu, tol, "relu_backward");
        for (int i = 0; i < N * M; i += 7) {
            assertEquals(0.0, dRelu.get(i / M, i % M), 0.0, "relu_backward at x == 0 is 0 (mask x > 0)");
        }

        Forward<SigmoidCache> sig = k.sigmoidForward(x.test);
        Forward<SigmoidCache> sigRef = Kernels.DEFAULT.sigmoidForward(x.ref);
        Fixtures.assertClose(sigRef.out(), sig.out(), tol, "sigmoid_forward");
        Fixtures.assertClose(Kernels.DEFAULT.sigmoidBackward(dout.ref, sigRef.cache()),
                k.sigmoidBackward(dout.test, sig.cache()), tol, "sigmoid_backward");

        Pair w = random(backend, rnd, M, 5, 0.5, dtype);
        Pair b = random(backend, rnd, 1, 5, 0.5, dtype);
        Forward<AffineReluCache> ar = k.affineReluForward(x.test, w.test, b.test);
        Forward<AffineReluCache> arRef = Kernels.DEFAULT.affineReluForward(x.ref, w.ref, b.ref);
        Fixtures.assertClose(arRef.out(), ar.out(), tol, "affine_relu_forward");
        Pair up = random(backend, rnd, N, 5, 1, dtype);
        AffineGrads g = k.affineReluBackward(up.test, ar.cache());
        AffineGrads r = Kernels.DEFAULT.affineReluBackward(up.ref, arRef.cache());
        assertGrads(r, g, tol, "affine_relu_backward");
    }

    /** NaN and signed zeros go through the activations as through the defaults: {@code np.maximum(0, nan)} is NaN. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void activationsTreatNanAndZerosAsTheDefaults(ArrayBackend backend, DType dtype) {
        double[] z = {Double.NaN, -1, -0.0, 0.0, 2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] g = {1, 2, -3, 4, Double.NaN, -6, 7};
        Pair x = new Pair(backend, 1, z.length, z, dtype);
        Pair dout = new Pair(backend, 1, g.length, g, dtype);
        Kernels k = backend.kernels();
        Forward<ReluCache> relu = k.reluForward(x.test);
        assertTrue(Double.isNaN(relu.out().get(0, 0)), "relu(NaN) is NaN");
        Fixtures.assertIdentical(Kernels.DEFAULT.reluForward(x.ref).out(), relu.out(), "relu_forward");
        Fixtures.assertIdentical(Kernels.DEFAULT.reluBackward(dout.ref, new ReluCache(x.ref)),
                k.reluBackward(dout.test, relu.cache()), "relu_backward");
        Forward<SigmoidCache> sig = k.sigmoidForward(x.test);
        Fixtures.assertIdentical(Kernels.DEFAULT.sigmoidForward(x.ref).out(), sig.out(), "sigmoid_forward");
        Fixtures.assertIdentical(Kernels.DEFAULT.sigmoidBackward(dout.ref, new SigmoidCache(
                REFERENCE.fromArray(1, z.length, sig.out().toArray(), dtype))),
                k.sigmoidBackward(dout.test, sig.cache()), "sigmoid_backward");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void lossesAgree(ArrayBackend backend, DType dtype) {
        Random rnd = new Random(3);
        Kernels k = backend.kernels();
        double tol = tolerance(backend, dtype);
        for (double scale : new double[] {0.01, 1, 30}) {
            Pair s = random(backend, rnd, N, 10, scale, dtype);
            int[] y = Fixtures.labels(rnd, N, 10);
            LossResult soft = k.softmaxLoss(s.test, y);
            LossResult softRef = Kernels.DEFAULT.softmaxLoss(s.ref, y);
            assertEquals(softRef.loss(), soft.loss(), Math.max(tol, 1e-14) * Math.abs(softRef.loss()), "softmax loss");
            Fixtures.assertClose(softRef.dx(), soft.dx(), tol, "softmax dx, scale " + scale);
            LossResult svm = k.svmLoss(s.test, y);
            LossResult svmRef = Kernels.DEFAULT.svmLoss(s.ref, y);
            assertEquals(svmRef.loss(), svm.loss(), Math.max(tol, 1e-14) * Math.abs(svmRef.loss()), "svm loss");
            Fixtures.assertClose(svmRef.dx(), svm.dx(), tol, "svm dx, scale " + scale);
        }
    }

    /** Known values: all-zero scores over C classes give softmax loss log C and SVM loss C - 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void lossesOfZeroScoresHaveTheirTextbookValues(ArrayBackend backend) {
        int n = 4;
        int c = 10;
        int[] y = {0, 3, 9, 3};
        Matrix s = backend.zeros(n, c, DType.FLOAT64);
        LossResult soft = backend.kernels().softmaxLoss(s, y);
        assertEquals(Math.log(c), soft.loss(), 1e-15);
        assertEquals((0.1 - 1) / n, soft.dx().get(1, 3), 1e-16);
        assertEquals(0.1 / n, soft.dx().get(1, 4), 1e-16);
        assertEquals(0.0, soft.dx().sum(), 1e-15, "each row of the softmax gradient sums to zero");
        LossResult svm = backend.kernels().svmLoss(s, y);
        assertEquals(c - 1, svm.loss(), 0.0);
        assertEquals(-(c - 1.0) / n, svm.dx().get(2, 9), 0.0);
        assertEquals(1.0 / n, svm.dx().get(2, 0), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void lossesStayFiniteForHugeScoreGapsAndRejectNaN(ArrayBackend backend) {
        Matrix s = backend.fromArray(2, 3, new double[] {0, 1000, -1000, 5, 5, 5}, DType.FLOAT64);
        LossResult r = backend.kernels().softmaxLoss(s, new int[] {2, 0});
        assertEquals((2000 + Math.log(3)) / 2, r.loss(), 1e-12);
        Matrix bad = backend.fromArray(1, 2, new double[] {Double.NaN, 1}, DType.FLOAT64);
        assertThrows(NonFiniteLossException.class, () -> backend.kernels().softmaxLoss(bad, new int[] {1}));
        assertThrows(NonFiniteLossException.class, () -> backend.kernels().svmLoss(bad, new int[] {1}));
        assertThrows(NonFiniteLossException.class, () -> Kernels.DEFAULT.svmLoss(bad, new int[] {1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void kernelErrorsNameBothShapesOrDtypes(ArrayBackend backend) {
        Kernels k = backend.kernels();
        Matrix x = backend.zeros(4, 3, DType.FLOAT64);
        Matrix w = backend.zeros(5, 2, DType.FLOAT64);
        Matrix b = backend.zeros(1, 2, DType.FLOAT64);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> k.affineForward(x, w, b)), "(4, 3)", "(5, 2)");
        Matrix w3 = backend.zeros(3, 2, DType.FLOAT64);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.affineForward(x, w3, backend.zeros(1, 5, DType.FLOAT64))), "(1, 5)", "(3, 2)");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.affineForward(x, backend.zeros(3, 2, DType.FLOAT32), b)), "float64", "float32");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.affineForward(backend.zeros(4, 3, DType.FLOAT32), w3, b)), "float64", "float32");
        AffineCache cache = k.affineForward(x, w3, b).cache();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.affineBackward(backend.zeros(4, 7, DType.FLOAT64), cache)), "(4, 7)", "(3, 2)");
        ReluCache rc = new ReluCache(x);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.reluBackward(backend.zeros(3, 4, DType.FLOAT64), rc)), "(3, 4)", "(4, 3)");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> k.sigmoidBackward(backend.zeros(3, 4, DType.FLOAT64), new SigmoidCache(x))), "(3, 4)", "(4, 3)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> k.softmaxLoss(x, new int[] {0, 1, 3, 0})),
                "y[2] = 3", "(4, 3)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> k.svmLoss(x, new int[] {0})), "4", "(4, 3)");
    }

    private static void assertGrads(AffineGrads expected, AffineGrads actual, double tol, String what) {
        Fixtures.assertClose(expected.dx(), actual.dx(), tol, what + " dx");
        Fixtures.assertClose(expected.dw(), actual.dw(), tol, what + " dw");
        Fixtures.assertClose(expected.db(), actual.db(), tol, what + " db");
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage() != null && t.getMessage().contains(p),
                    "message should contain '" + p + "': " + t.getMessage());
        }
    }
}
