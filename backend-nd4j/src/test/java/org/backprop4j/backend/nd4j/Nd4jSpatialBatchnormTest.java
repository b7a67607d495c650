package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.kernel.SpatialBatchnormCache;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.kernel.conv.SpatialGrads;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spatial batchnorm on the nd4j backend, whose transposes are native strided copies ({@code PixelRows}), against
 * the {@link Kernels} default on the same matrices, whose transposes run on the Java heap: bit for bit, since a copy
 * rounds nothing and the normalization in between is the same code on the same rows.
 */
class Nd4jSpatialBatchnormTest {

    private static final Kernels FUSED = Ref.backend().kernels();

    /** (N, C, H, W): square and rectangular planes, N = 1, C = 1, a 1-pixel plane, a larger batch. */
    static Stream<Arguments> shapes() {
        int[][] s = {{2, 3, 4, 5}, {1, 2, 3, 3}, {4, 1, 6, 2}, {3, 4, 1, 1}, {20, 3, 16, 16}};
        return Stream.of(DType.values()).flatMap(d -> Stream.of(s).map(x -> Arguments.of(d, x)));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void trainingAndTestModeAreTheDefaultBitForBit(DType dtype, int[] d) {
        Random rnd = new Random(d[0] * 7L + d[1] * 3L + d[2]);
        Tensor x = Tensor.of(Ref.random(rnd, d[0], d[1] * d[2] * d[3], dtype), d[1], d[2], d[3]);
        Matrix gamma = Ref.random(rnd, 1, d[1], dtype);
        Matrix beta = Ref.random(rnd, 1, d[1], dtype);
        BatchnormParam fusedParam = new BatchnormParam();
        BatchnormParam plainParam = new BatchnormParam();

        SpatialForward<SpatialBatchnormCache> fused = FUSED.spatialBatchnormForward(x, gamma, beta, fusedParam);
        SpatialForward<SpatialBatchnormCache> plain = Kernels.DEFAULT.spatialBatchnormForward(x, gamma, beta,
                plainParam);
        assertEquals(x.shape(), fused.out().shape());
        assertArrayEquals(plain.out().toArray(), fused.out().toArray(), 0.0);

        Tensor dout = Tensor.of(Ref.random(rnd, d[0], d[1] * d[2] * d[3], dtype), d[1], d[2], d[3]);
        SpatialGrads g = FUSED.spatialBatchnormBackward(dout, fused.cache());
        SpatialGrads want = Kernels.DEFAULT.spatialBatchnormBackward(dout, plain.cache());
        assertEquals(x.shape(), g.dx().shape());
        assertArrayEquals(want.dx().toArray(), g.dx().toArray(), 0.0);
        assertArrayEquals(want.dgamma().toArray(), g.dgamma().toArray(), 0.0);
        assertArrayEquals(want.dbeta().toArray(), g.dbeta().toArray(), 0.0);

        // test mode: the running averages the training pass left, no cache
        fusedParam.setMode(Mode.TEST);
        plainParam.setMode(Mode.TEST);
        SpatialForward<SpatialBatchnormCache> test = FUSED.spatialBatchnormForward(x, gamma, beta, fusedParam);
        assertNull(test.cache());
        assertArrayEquals(Kernels.DEFAULT.spatialBatchnormForward(x, gamma, beta, plainParam).out().toArray(),
                test.out().toArray(), 0.0);
    }

    @Test
    void backwardChecksTheShapeOfDout() {
        Random rnd = new Random(4);
        Tensor x = Tensor.of(Ref.random(rnd, 2, 3 * 4 * 4, DType.FLOAT64), 3, 4, 4);
        SpatialForward<SpatialBatchnormCache> fwd = FUSED.spatialBatchnormForward(x,
                Ref.random(rnd, 1, 3, DType.FLOAT64), Ref.random(rnd, 1, 3, DType.FLOAT64), new BatchnormParam());
        Tensor wrong = Tensor.of(Ref.random(rnd, 2, 3 * 4 * 2, DType.FLOAT64), 3, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FUSED.spatialBatchnormBackward(wrong, fwd.cache()));
        assertEquals("spatial_batchnorm_backward: dout must have the input's shape (2, 3, 4, 4), got (2, 3, 4, 2).",
                e.getMessage());
    }
}
