package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernels of the nd4j backend, held to the default kernels on the same matrices (they round at
 * the same points, so affine and relu agree bit for bit) and to an independent double-precision reference.
 */
class Nd4jKernelsTest {

    private static final Kernels FUSED = Ref.backend().kernels();

    /** (N, D, M): single elements, a single row, odd sizes, the notebook's training shape. */
    static Stream<Arguments> shapes() {
        int[][] s = {{1, 1, 1}, {1, 7, 3}, {5, 1, 4}, {7, 13, 5}, {200, 3072, 100}};
        return Stream.of(DType.values()).flatMap(d -> Stream.of(s).map(x -> Arguments.of(d, x[0], x[1], x[2])));
    }

    @Test
    void theBackendHandsOutTheFusedKernels() {
        assertInstanceOf(Nd4jKernels.class, FUSED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void affineForwardIsTheDefaultBitForBit(DType dtype, int n, int d, int m) {
        Random rnd = new Random(n * 31 + d);
        Matrix x = Ref.random(rnd, n, d, dtype);
        Matrix w = Ref.random(rnd, d, m, dtype);
        Matrix b = Ref.random(rnd, 1, m, dtype);
        Forward<AffineCache> fused = FUSED.affineForward(x, w, b);
        Forward<AffineCache> plain = Kernels.DEFAULT.affineForward(x, w, b);
        assertArrayEquals(plain.out().toArray(), fused.out().toArray(), 0.0);
        assertSame(x, fused.cache().x());
        assertSame(w, fused.cache().w());
        assertSame(b, fused.cache().b());
        double[] scale = new double[n * m];
        double[] want = Ref.matmul(x.toArray(), n, d, false, w.toArray(), d, m, false, scale);
        double[] bias = b.toArray();
        for (int i = 0; i < want.length; i++) {
            want[i] += bias[i % m];
            scale[i] += Math.abs(bias[i % m]);
        }
        Ref.assertSum(want, scale, d + 1, fused.out());
    }

    @Test
    void affineForwardChecksTheBiasAndTheOperands() {
        Random rnd = new Random(2);
        Matrix x = Ref.random(rnd, 4, 3, DType.FLOAT64);
        Matrix w = Ref.random(rnd, 3, 5, DType.FLOAT64);
        IllegalArgumentException wrongBias = assertThrows(IllegalArgumentException.class,
                () -> FUSED.affineForward(x, w, Ref.random(rnd, 1, 4, DType.FLOAT64)));
        assertEquals(
                "affine_forward: bias b must have shape (1, 5) to match weights w of shape (3, 5), got shape (1, 4).",
                wrongBias.getMessage());
        IllegalArgumentException dtypes = assertThrows(IllegalArgumentException.class,
                () -> FUSED.affineForward(x, w, Ref.random(rnd, 1, 5, DType.FLOAT32)));
        assertTrue(dtypes.getMessage().contains("cannot mix dtypes float64 and float32"), dtypes.getMessage());
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void reluBackwardIsTheDefaultBitForBit(DType dtype, int n, int d, int m) {
        Random rnd = new Random(n + 7L * m);
        Matrix x = Ref.random(rnd, n, m, dtype);
        x.set(0, 0, 0.0);                                  // the kink: no gradient, as (x > 0)
        Matrix dout = Ref.random(rnd, n, m, dtype);
        Matrix fused = FUSED.reluBackward(dout, new ReluCache(x));
        assertArrayEquals(Kernels.DEFAULT.reluBackward(dout, new ReluCache(x)).toArray(), fused.toArray(), 0.0);
        double[] xs = x.toArray();
        double[] ds = dout.toArray();
        double[] want = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            want[i] = xs[i] > 0 ? ds[i] : 0.0;
        }
        assertArrayEquals(want, fused.toArray(), 0.0);
    }

    @Test
    void reluBackwardChecksShapes() {
        Random rnd = new Random(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FUSED.reluBackward(
                Ref.random(rnd, 2, 3, DType.FLOAT64), new ReluCache(Ref.random(rnd, 3, 2, DType.FLOAT64))));
        assertEquals("relu_backward: operands could not be broadcast together with shapes (2, 3) and (3, 2).",
                e.getMessage());
    }

    /** cs231n's softmax_loss in double: the independent reference. Returns the loss; fills {@code dx}. */
    private static double referenceSoftmax(double[] s, int n, int c, int[] y, double[] dx) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, s[i * c + k]);
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp(s[i * c + k] - max);
            }
            for (int k = 0; k < c; k++) {
                double logP = s[i * c + k] - max - Math.log(z);
                if (k == y[i]) {
                    loss -= logP;
                }
                dx[i * c + k] = (Math.exp(logP) - (k == y[i] ? 1 : 0)) / n;
            }
        }
        return loss / n;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void softmaxLossMatchesTheDefaultAndTheReference(DType dtype, int n, int unused, int c) {
        Random rnd = new Random(n * 13L + c);
        Matrix scores = Ref.random(rnd, n, c, dtype);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(c);
        }
        LossResult fused = FUSED.softmaxLoss(scores, y);
        LossResult plain = Kernels.DEFAULT.softmaxLoss(scores, y);
        double[] dx = new double[n * c];
        double want = referenceSoftmax(scores.toArray(), n, c, y, dx);
        // float64: exp and log of Java and libnd4j differ by at most an ulp; float32 rounds every step.
        double tol = dtype == DType.FLOAT64 ? 1e-13 : 1e-5;
        assertEquals(want, fused.loss(), tol * Math.max(1, Math.abs(want)));
        assertEquals(plain.loss(), fused.loss(), tol * Math.max(1, Math.abs(want)));
        Ref.assertClose(dx, n, c, fused.dx(), tol, 1.0 / n);
        Ref.assertClose(plain.dx().toArray(), n, c, fused.dx(), tol, 1.0 / n);
        assertEquals(dtype, fused.dx().dtype());
    }

    /** A score 800 below its row's maximum: cs231n's form stays finite where log(softmax) gives -inf. */
    @Test
    void softmaxLossIsStableForFarApartScores() {
        double[] s = {0, -800, 5, 1000, 0, -1000};
        int[] y = {1, 2};
        Matrix scores = Ref.backend().fromArray(2, 3, s, DType.FLOAT64);
        double[] dx = new double[6];
        double want = referenceSoftmax(s, 2, 3, y, dx);
        LossResult r = FUSED.softmaxLoss(scores, y);
        assertEquals(want, r.loss(), 1e-12 * want);
        assertEquals((805.0067153 + 2000) / 2, r.loss(), 1e-6);
        assertArrayEquals(dx, r.dx().toArray(), 1e-15);
    }

    @Test
    void softmaxLossRejectsBadLabelsAndNonFiniteScores() {
        Matrix scores = Ref.backend().fromArray(2, 3, new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FUSED.softmaxLoss(scores, new int[] {0, 3}));
        assertEquals("labels: y[1] = 3 is outside [0, 3) for scores of shape (2, 3).", e.getMessage());
        scores.set(1, 1, Double.NaN);
        assertThrows(NonFiniteLossException.class, () -> FUSED.softmaxLoss(scores, new int[] {0, 1}));
    }
}
