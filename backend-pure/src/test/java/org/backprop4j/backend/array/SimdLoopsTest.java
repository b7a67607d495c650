package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.backend.pure.Simd;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code pure}'s vectorised element-wise loops against the scalar reference loops ({@link ScalarLoops}), on
 * lengths around every vector width (so that both the vector body and the scalar tail run) and on values
 * that include NaN, signed zeros, infinities, subnormals and huge numbers. Element-wise operations, axpy,
 * column sums and the fused ReLU backward must agree bit for bit (the class comment of {@code VectorLoops}
 * says why); the reordered whole-matrix sums within {@code 2 n 2^-53 sum|x|} (each of the two sums is within
 * {@code n 2^-53 sum|x|} of the exact one, Higham), plus one float32 ulp of the result in float32.
 */
class SimdLoopsTest {

    private static final int[] LENGTHS = {1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1031};
    private static final double[] EDGES = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1e-310, -1e-310, 1e-40, 3e38, -3e38, 1e300, 1.0, -1.0};

    private ArrayBackend simd;
    private ArrayBackend scalar;

    @BeforeEach
    void backends() {
        Assumptions.assumeTrue(Simd.enabled(), "the Vector API is not in this run (the scalar fallback run)");
        simd = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE), Simd.loops(0)); // vector lanes at every length
        scalar = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE), ScalarLoops.INSTANCE);
    }

    /** Random values in [-2, 2) with an edge value at every fifth index, rounded to the dtype. */
    private static double[] values(Random rnd, int n, DType dtype, boolean edges) {
        double[] a = Fixtures.uniform(rnd, n, -2, 2, dtype);
        if (edges) {
            for (int i = 0; i < n; i += 5) {
                a[i] = dtype.round(EDGES[rnd.nextInt(EDGES.length)]);
            }
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void elementWiseOperationsAreBitForBitTheScalarOnes(DType dtype) {
        Random rnd = new Random(1);
        for (int n : LENGTHS) {
            double[] a = values(rnd, n, dtype, true);
            double[] b = values(rnd, n, dtype, true);
            double s = dtype.round(rnd.nextDouble() * 4 - 2);
            Matrix va = simd.fromArray(1, n, a, dtype);
            Matrix vb = simd.fromArray(1, n, b, dtype);
            Matrix sa = scalar.fromArray(1, n, a, dtype);
            Matrix sb = scalar.fromArray(1, n, b, dtype);
            String at = " on " + n + " " + dtype;
            for (BinaryOp op : BinaryOp.values()) {
                Fixtures.assertIdentical(sa.apply(op, sb), va.apply(op, vb), op + at);
                Fixtures.assertIdentical(sa.scalar(op, s), va.scalar(op, s), op + " scalar" + at);
                Matrix inPlace = simd.fromArray(1, n, a, dtype);
                inPlace.applyInPlace(op, vb);
                Fixtures.assertIdentical(sa.apply(op, sb), inPlace, op + " in place" + at);
            }
            for (UnaryOp f : UnaryOp.values()) {
                Fixtures.assertIdentical(sa.map(f), va.map(f), f + at);
            }
            for (double alpha : new double[] {-1e-3, 0.1, 2.5}) {
                Matrix vy = simd.fromArray(1, n, a, dtype);
                Matrix sy = scalar.fromArray(1, n, a, dtype);
                vy.axpy(alpha, vb);
                sy.axpy(alpha, sb);
                Fixtures.assertIdentical(sy, vy, "axpy " + alpha + at);
            }
        }
    }

    /** Broadcasts run the loops row by row at an offset into the storage. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void broadcastsAtEveryRowOffsetAreBitForBitTheScalarOnes(DType dtype) {
        Random rnd = new Random(2);
        for (int[] s : new int[][] {{3, 17}, {5, 33}, {4, 100}, {2, 1031}}) {
            double[] a = values(rnd, s[0] * s[1], dtype, true);
            double[] row = values(rnd, s[1], dtype, true);
            double[] col = values(rnd, s[0], dtype, false);
            for (BinaryOp op : BinaryOp.values()) {
                Fixtures.assertIdentical(
                        scalar.fromArray(s[0], s[1], a, dtype).broadcastRow(op, scalar.fromArray(1, s[1], row, dtype)),
                        simd.fromArray(s[0], s[1], a, dtype).broadcastRow(op, simd.fromArray(1, s[1], row, dtype)),
                        op + " row " + s[0] + "x" + s[1] + " " + dtype);
                Fixtures.assertIdentical(
                        scalar.fromArray(s[0], s[1], a, dtype).broadcastColumn(op,
                                scalar.fromArray(s[0], 1, col, dtype)),
                        simd.fromArray(s[0], s[1], a, dtype).broadcastColumn(op, simd.fromArray(s[0], 1, col, dtype)),
                        op + " column " + s[0] + "x" + s[1] + " " + dtype);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void columnSumsAndTheFusedReluBackwardAreBitForBitTheScalarOnes(DType dtype) {
        Random rnd = new Random(3);
        for (int[] s : new int[][] {{1, 1}, {23, 17}, {200, 100}, {3, 1031}, {64, 9}}) {
            double[] z = values(rnd, s[0] * s[1], dtype, true);
            double[] g = values(rnd, s[0] * s[1], dtype, true);
            String at = s[0] + "x" + s[1] + " " + dtype;
            Fixtures.assertIdentical(scalar.fromArray(s[0], s[1], z, dtype).sum(0),
                    simd.fromArray(s[0], s[1], z, dtype).sum(0),
                    "sum(axis=0) " + at);
            ReluCache sc = new ReluCache(scalar.fromArray(s[0], s[1], z, dtype));
            ReluCache vc = new ReluCache(simd.fromArray(s[0], s[1], z, dtype));
            Matrix sg = scalar.fromArray(s[0], s[1], g, dtype);
            Matrix vg = simd.fromArray(s[0], s[1], g, dtype);
            Fixtures.assertIdentical(Kernels.DEFAULT.reluBackward(sg, sc), simd.kernels().reluBackward(vg, vc),
                    "relu_backward " + at);
            // affine_relu_backward: the ReLU gradient and its column sums (db) in one pass
            double[] x = values(rnd, s[0] * 5, dtype, false);
            double[] w = values(rnd, 5 * s[1], dtype, false);
            AffineReluCache scache = new AffineReluCache(new AffineCache(
                    scalar.fromArray(s[0], 5, x, dtype), scalar.fromArray(5, s[1], w, dtype), null), sc);
            AffineReluCache vcache = new AffineReluCache(new AffineCache(
                    simd.fromArray(s[0], 5, x, dtype), simd.fromArray(5, s[1], w, dtype), null), vc);
            for (boolean dx : new boolean[] {true, false}) {
                AffineGrads want = Kernels.DEFAULT.affineReluBackward(sg, scache, dx);
                AffineGrads got = simd.kernels().affineReluBackward(vg, vcache, dx);
                Fixtures.assertIdentical(want.db(), got.db(), "affine_relu_backward db " + at);
                Fixtures.assertClose(want.dw(), got.dw(), dtype == DType.FLOAT64 ? 1e-12 : 1e-5,
                        "affine_relu_backward dw " + at);
                assertEquals(dx, got.dx() != null, "dx only when asked for");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void reorderedSumsStayWithinTheirRoundingBound(DType dtype) {
        Random rnd = new Random(4);
        for (int n : new int[] {1, 31, 32, 33, 1000, 307200}) {
            double[] a = values(rnd, n, dtype, false);
            double abs = 0;
            double squares = 0;
            for (double v : a) {
                abs += Math.abs(v);
                squares += v * v;
            }
            Matrix v = simd.fromArray(1, n, a, dtype);
            Matrix s = scalar.fromArray(1, n, a, dtype);
            assertWithin(s.sum(), v.sum(), 2 * n * 0x1p-53 * abs, dtype, "sum of " + n);
            assertWithin(s.sumOfSquares(), v.sumOfSquares(), 2 * n * 0x1p-53 * squares, dtype,
                    "sum of squares of " + n);
        }
        Matrix nan = simd.fromArray(1, 40, new double[40], dtype);
        nan.set(0, 17, Double.NaN);
        assertTrue(Double.isNaN(nan.sum()) && Double.isNaN(nan.sumOfSquares()), "NaN reaches the sums");
    }

    private static void assertWithin(double want, double got, double bound, DType dtype, String what) {
        double tol = bound + (dtype == DType.FLOAT32 ? Math.ulp((float) want) : 0);
        assertTrue(Math.abs(got - want) <= tol,
                what + " " + dtype + ": " + got + " vs " + want + " (bound " + tol + ")");
    }
}
