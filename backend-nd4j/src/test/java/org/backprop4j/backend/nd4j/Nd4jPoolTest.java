package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolLoops;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code max_pool_forward_fast} / {@code max_pool_backward_fast} on the nd4j backend (the default's pass, which nd4j
 * keeps: see {@code Nd4jKernels}) against the
 * window loops of {@code max_pool_forward_naive} / {@code max_pool_backward_naive} ({@link PoolLoops}): exactly
 * (a maximum rounds nothing; a pixel under overlapping windows sums its {@code dout} in double and is rounded once to
 * the dtype), also with ties (the gradient goes to each window's
 * first maximum, as {@code np.argmax}).
 */
class Nd4jPoolTest {

    private static final Kernels FUSED = Ref.backend().kernels();

    /**
     * (N, C, H, W, pool_height, pool_width, stride): tiles, overlapping and rectangular windows, N = 1, C = 1, a
     * batch of 100 and large samples; each with and without ties.
     */
    static Stream<Arguments> shapes() {
        int[][] s = {{2, 3, 8, 8, 2, 2, 2}, {1, 1, 5, 7, 3, 3, 2}, {2, 2, 6, 6, 3, 3, 1}, {3, 2, 5, 6, 2, 3, 1},
                {100, 3, 32, 32, 2, 2, 2}, {2, 1, 300, 300, 2, 2, 2}};
        return Stream.of(DType.values())
                .flatMap(
                        d -> Stream.of(s).flatMap(x -> Stream.of(Arguments.of(d, x, false), Arguments.of(d, x, true))));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void forwardAndBackwardMatchTheNaiveLoops(DType dtype, int[] d, boolean ties) {
        Random rnd = new Random(d[0] * 17L + d[2] + (ties ? 1 : 0));
        int size = d[1] * d[2] * d[3];
        double[] values = Ref.gaussian(rnd, d[0] * size, 2.0);
        if (ties) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.floor(Math.abs(values[i])); // mostly 0, 1 and 2: most windows hold a tie
            }
        }
        Tensor x = Tensor.of(Ref.backend().fromArray(d[0], size, values, dtype), d[1], d[2], d[3]);
        PoolParam param = new PoolParam(d[4], d[5], d[6]);
        PoolShape s = PoolShape.of("test", x, param);

        SpatialForward<PoolCache> fwd = FUSED.maxPoolForward(x, param);
        assertEquals("(" + s.n() + ", " + s.c() + ", " + s.hOut() + ", " + s.wOut() + ")", fwd.out().shape());
        assertArrayEquals(PoolLoops.forwardNaive(x.toArray(), s), fwd.out().toArray(), 0.0);

        Tensor dout = Tensor.of(Ref.random(rnd, s.n(), s.c() * s.hOut() * s.wOut(), dtype), s.c(), s.hOut(),
                s.wOut());
        Tensor dx = FUSED.maxPoolBackward(dout, fwd.cache());
        assertEquals(x.shape(), dx.shape());
        // overlapping windows add several dout into one pixel: in double, rounded once to the dtype
        assertArrayEquals(Ref.round(PoolLoops.backwardNaive(dout.toArray(), x.toArray(), s), dtype), dx.toArray(),
                0.0);
    }

    @Test
    void backwardChecksTheShapeOfDout() {
        Random rnd = new Random(3);
        Tensor x = Tensor.of(Ref.random(rnd, 2, 3 * 4 * 4, DType.FLOAT64), 3, 4, 4);
        SpatialForward<PoolCache> fwd = FUSED.maxPoolForward(x, new PoolParam(2, 2, 2));
        Tensor wrong = Tensor.of(Ref.random(rnd, 2, 3 * 2 * 3, DType.FLOAT64), 3, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FUSED.maxPoolBackward(wrong, fwd.cache()));
        assertEquals("max_pool_backward_fast: dout must have the output's shape (2, 3, 2, 2), got (2, 3, 2, 3).",
                e.getMessage());
    }
}
