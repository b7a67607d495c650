package org.backprop4j.backend.pure.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.backend.pure.BlockedGemm;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.backend.pure.Simd;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolLoops;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pure}'s {@code max_pool_forward_fast} / {@code max_pool_backward_fast} ({@link WindowPool}) against the
 * textbook window loops {@link PoolLoops#forwardNaive} / {@link PoolLoops#backwardNaive} in double and the
 * {@link Kernels#DEFAULT} pass (whose argmax must be the same, index for index): the 2x2 tiles of the reshape trick,
 * other tiles, overlapping and rectangular windows, N = 1, C = 1, odd sizes, and an input large enough to be spread
 * over threads. Inputs are distinct random values, so no window has a tie. A maximum is one of the inputs, exact in
 * both dtypes; so is the backward pass where windows do not overlap. Overlapping windows add several dout values into
 * one pixel, in another order than the loops': float64 within 1e-12 of the scale, float32 within a few float ulps.
 */
class WindowPoolTest {

    /** {N, C, H, W, pool_height, pool_width, stride}. */
    private static final int[][] SHAPES = {
            {2, 3, 4, 4, 2, 2, 2}, // the notebook's linspace shape
            {3, 2, 8, 8, 2, 2, 2}, // 2x2 tiles
            {1, 1, 6, 6, 3, 3, 3}, // 3x3 tiles
            {3, 2, 7, 9, 3, 3, 2}, // overlapping 3x3 windows, stride 2
            {2, 3, 5, 7, 1, 2, 1}, // rectangular, overlapping along W
            {2, 1, 6, 10, 2, 2, 1}, // 2x2 with stride 1: overlapping, not the reshape trick
            {1, 2, 4, 6, 4, 2, 2}, // a window as tall as the input
            {20, 4, 32, 32, 2, 2, 2}, // over the parallel threshold
    };

    static Stream<Named<PureBackend>> backends() {
        return Stream.of(Named.of("single-threaded", new PureBackend(Simd.product(1, Long.MAX_VALUE, 0))),
                Named.of("3 threads", new PureBackend(Simd.product(3, 0, 0))),
                Named.of("scalar, 2 threads", new PureBackend(new BlockedGemm(2, 0))));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        backends().forEach(b -> {
            for (DType dtype : DType.values()) {
                for (int[] shape : SHAPES) {
                    out.add(Arguments.of(b, dtype, Named.of(Arrays.toString(shape), shape)));
                }
            }
        });
        return out.stream();
    }

    /** {@code n} distinct values in random order, exact in float32: a shuffled ramp of multiples of 2^-10. */
    static double[] distinct(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i - n / 2) / 1024.0;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void poolingAgreesWithTheLoopsAndTheDefault(PureBackend be, DType dtype, int[] d) {
        Random rnd = new Random(31 + d[0] * 7L + d[6]);
        PoolParam param = new PoolParam(d[4], d[5], d[6]);
        double[] xv = distinct(rnd, d[0] * d[1] * d[2] * d[3]);
        Tensor x = Tensor.of(be.fromArray(d[0], d[1] * d[2] * d[3], xv, dtype), d[1], d[2], d[3]);
        PoolShape s = PoolShape.of("test", x, param);

        SpatialForward<PoolCache> fwd = be.kernels().maxPoolForward(x, param);
        assertEquals("(" + s.n() + ", " + s.c() + ", " + s.hOut() + ", " + s.wOut() + ")", fwd.out().shape());
        assertArrayEquals(PoolLoops.forwardNaive(xv, s), fwd.out().toArray(), "out vs max_pool_forward_naive");
        SpatialForward<PoolCache> ref = Kernels.DEFAULT.maxPoolForward(x, param);
        assertArrayEquals(ref.cache().argmax(), fwd.cache().argmax(), "argmax vs the default");

        double[] dv = LoweredConvTest.gaussian(rnd, s.n() * s.c() * s.hOut() * s.wOut(), dtype);
        Tensor dout = Tensor.of(be.fromArray(s.n(), s.c() * s.hOut() * s.wOut(), dv, dtype), s.c(), s.hOut(),
                s.wOut());
        Tensor dx = be.kernels().maxPoolBackward(dout, fwd.cache());
        assertEquals(x.shape(), dx.shape());
        double[] loops = PoolLoops.backwardNaive(dv, xv, s);
        boolean overlap = param.stride() < param.poolHeight() || param.stride() < param.poolWidth();
        double tol = !overlap ? 0.0 : dtype == DType.FLOAT64 ? 1e-12 : 1e-6;
        LoweredConvTest.assertClose(loops, dx.toArray(), tol, "dx vs max_pool_backward_naive");
    }

    /**
     * Windows holding NaN or both infinities leave the 2x2 fast path: the first NaN wins (np.max propagates it), as in
     * the default, and a window of infinities keeps its first maximum.
     */
    @Test
    void nanAndInfinityWindowsMatchTheDefault() {
        PureBackend be = new PureBackend(Simd.product(1, Long.MAX_VALUE, 0));
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] xv = {1, nan, 3, 4, /* */ 2, 5, nan, nan, /* */ -inf, inf, 0, 1, /* */ 7, -inf, 9, inf,
                /* */ -inf, -inf, 1, 2, /* */ 8, 8.5, 3, 4, /* */ inf, 1, 6, 5, /* */ 2, inf, 6, 5};
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(be.fromArray(2, 16, xv, dtype), 1, 4, 4);
            PoolParam param = new PoolParam(2, 2, 2);
            SpatialForward<PoolCache> fast = be.kernels().maxPoolForward(x, param);
            SpatialForward<PoolCache> ref = Kernels.DEFAULT.maxPoolForward(x, param);
            assertArrayEquals(ref.cache().argmax(), fast.cache().argmax(), dtype + " argmax");
            assertArrayEquals(ref.out().toArray(), fast.out().toArray(), dtype + " out");
        }
    }

    @Test
    void badShapesAreNamed() {
        PureBackend be = new PureBackend();
        Tensor x = Tensor.of(be.zeros(2, 3 * 16, DType.FLOAT64), 3, 4, 4);
        SpatialForward<PoolCache> fwd = be.kernels().maxPoolForward(x, new PoolParam(2, 2, 2));
        Tensor wrong = Tensor.of(be.zeros(2, 3 * 4 * 2, DType.FLOAT64), 3, 4, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> be.kernels().maxPoolBackward(wrong, fwd.cache()));
        assertTrue(e.getMessage().contains("(2, 3, 2, 2)") && e.getMessage().contains("(2, 3, 4, 2)"), e.getMessage());
        Tensor floats = Tensor.of(be.zeros(2, 3 * 4, DType.FLOAT32), 3, 2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> be.kernels().maxPoolBackward(floats, fwd.cache()));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> be.kernels().maxPoolForward(x, new PoolParam(3, 3, 2)));
        assertTrue(e.getMessage().contains(x.shape()), e.getMessage());
    }
}
