package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvLoops;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code conv_forward_fast} / {@code conv_backward_fast} of the nd4j backend ({@code Nd4jConv}) against the textbook
 * loops ({@link ConvLoops}, in double on the values actually stored), normwise: float64 within
 * {@value Ref#F64_TOL} of the reference's largest magnitude, float32 within {@value Ref#F32_TOL} per term of the
 * longest sum (conformance's {@code Tolerances.contract}).
 */
class Nd4jConvTest {

    private static final Kernels FUSED = Ref.backend().kernels();

    /**
     * (N, C, H, W, F, HH, WW, stride, pad): stride 1 and 2, pad 0, 1 and 2, rectangular inputs and filters, 1x1
     * filters, N = 1, C = 1, a batch cut into several chunks and bands (the brief's size), and samples too large to
     * share a chunk.
     */
    static Stream<Arguments> shapes() {
        int[][] s = {{2, 3, 7, 7, 4, 3, 3, 1, 1}, {3, 2, 9, 9, 5, 3, 3, 2, 1}, {1, 1, 5, 5, 1, 1, 1, 1, 0},
                {2, 3, 6, 8, 3, 2, 4, 2, 0}, {4, 1, 5, 7, 2, 3, 5, 1, 2}, {1, 3, 4, 4, 2, 4, 4, 1, 0},
                {100, 3, 31, 31, 25, 3, 3, 2, 1}, {3, 2, 64, 64, 2, 3, 3, 1, 1}};
        return Stream.of(DType.values()).flatMap(d -> Stream.of(s).map(x -> Arguments.of(d, x)));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void forwardAndBackwardMatchTheNaiveLoops(DType dtype, int[] d) {
        Random rnd = new Random(d[0] * 131L + d[2] * 7L + d[5]);
        Tensor x = Tensor.of(Ref.random(rnd, d[0], d[1] * d[2] * d[3], dtype), d[1], d[2], d[3]);
        Tensor w = Tensor.of(Ref.random(rnd, d[4], d[1] * d[5] * d[6], dtype), d[1], d[5], d[6]);
        Matrix b = Ref.random(rnd, 1, d[4], dtype);
        ConvParam param = new ConvParam(d[7], d[8]);
        ConvShape s = ConvShape.of("test", x, w, b, param);

        SpatialForward<ConvCache> fwd = FUSED.convForward(x, w, b, param);
        assertEquals("(" + s.n() + ", " + s.f() + ", " + s.hOut() + ", " + s.wOut() + ")", fwd.out().shape());
        assertClose(ConvLoops.forward(x.toArray(), w.toArray(), b.toArray(), s), fwd.out().flatten(), s.patch() + 1);

        Tensor dout = Tensor.of(Ref.random(rnd, s.n(), s.f() * s.positions(), dtype), s.f(), s.hOut(), s.wOut());
        double[][] want = ConvLoops.backward(dout.toArray(), x.toArray(), w.toArray(), s, true);
        ConvGrads g = FUSED.convBackward(dout, fwd.cache());
        int positions = s.n() * s.positions();
        assertEquals(x.shape(), g.dx().shape());
        assertEquals(w.shape(), g.dw().shape());
        assertClose(want[0], g.dx().flatten(), s.f() * s.hh() * s.ww());
        assertClose(want[1], g.dw().flatten(), positions);
        assertClose(want[2], g.db(), positions);

        // without dx, the same dw and db; after a naive forward pass (no lowered input), lowered again
        ConvGrads noDx = FUSED.convBackward(dout, fwd.cache(), false);
        assertNull(noDx.dx());
        assertArrayEquals(g.dw().toArray(), noDx.dw().toArray(), 0.0);
        assertArrayEquals(g.db().toArray(), noDx.db().toArray(), 0.0);
        ConvGrads fromNaive = FUSED.convBackward(dout, FUSED.convForwardNaive(x, w, b, param).cache());
        assertArrayEquals(g.dx().toArray(), fromNaive.dx().toArray(), 0.0);
        assertArrayEquals(g.dw().toArray(), fromNaive.dw().toArray(), 0.0);

        // the lowered input has the default's layout: the default's backward pass takes this cache
        ConvGrads plain = Kernels.DEFAULT.convBackward(dout, fwd.cache());
        assertClose(want[1], plain.dw().flatten(), positions);
        assertClose(want[0], plain.dx().flatten(), s.f() * s.hh() * s.ww());
    }

    @Test
    void repeatedCallsGiveTheSameBits() {
        Random rnd = new Random(5);
        Tensor x = Tensor.of(Ref.random(rnd, 100, 3 * 31 * 31, DType.FLOAT64), 3, 31, 31);
        Tensor w = Tensor.of(Ref.random(rnd, 25, 27, DType.FLOAT64), 3, 3, 3);
        Matrix b = Ref.random(rnd, 1, 25, DType.FLOAT64);
        ConvParam param = new ConvParam(2, 1);
        SpatialForward<ConvCache> fwd = FUSED.convForward(x, w, b, param);
        Tensor dout = Tensor.of(Ref.random(rnd, 100, 25 * 16 * 16, DType.FLOAT64), 25, 16, 16);
        ConvGrads first = FUSED.convBackward(dout, fwd.cache());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(fwd.out().toArray(), FUSED.convForward(x, w, b, param).out().toArray(), 0.0);
            ConvGrads again = FUSED.convBackward(dout, fwd.cache());
            assertArrayEquals(first.dw().toArray(), again.dw().toArray(), 0.0);
            assertArrayEquals(first.db().toArray(), again.db().toArray(), 0.0);
            assertArrayEquals(first.dx().toArray(), again.dx().toArray(), 0.0);
        }
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Random rnd = new Random(6);
        Tensor x = Tensor.of(Ref.random(rnd, 2, 3 * 5 * 5, DType.FLOAT64), 3, 5, 5);
        Tensor w = Tensor.of(Ref.random(rnd, 4, 2 * 3 * 3, DType.FLOAT64), 2, 3, 3);
        Matrix b = Ref.random(rnd, 1, 4, DType.FLOAT64);
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> FUSED.convForward(x, w, b, new ConvParam(1, 1)));
        assertEquals("conv_forward_fast: filters w of shape (4, 2, 3, 3) have 2 channels but x of shape (2, 3, 5, 5)"
                + " has 3.", channels.getMessage());

        Tensor w3 = Tensor.of(Ref.random(rnd, 4, 27, DType.FLOAT64), 3, 3, 3);
        SpatialForward<ConvCache> fwd = FUSED.convForward(x, w3, b, new ConvParam(1, 1));
        Tensor wrong = Tensor.of(Ref.random(rnd, 2, 4 * 4 * 5, DType.FLOAT64), 4, 4, 5);
        IllegalArgumentException dout = assertThrows(IllegalArgumentException.class,
                () -> FUSED.convBackward(wrong, fwd.cache(), false));
        assertEquals("conv_backward_fast: dout must have the output's shape (2, 4, 5, 5), got (2, 4, 4, 5).",
                dout.getMessage());

        Tensor f32 = Tensor.of(Ref.random(rnd, 2, 4 * 5 * 5, DType.FLOAT32), 4, 5, 5);
        IllegalArgumentException dtypes = assertThrows(IllegalArgumentException.class,
                () -> FUSED.convBackward(f32, fwd.cache()));
        assertTrue(dtypes.getMessage().contains("cannot mix dtypes float32 and float64"), dtypes.getMessage());
    }

    /**
     * Normwise: {@code max |got - expected| <= bound * max |expected|}, the bound {@value Ref#F64_TOL} for float64
     * and {@value Ref#F32_TOL} per term of the longest sum for float32.
     */
    static void assertClose(double[] expected, Matrix got, int terms) {
        double[] g = got.toArray();
        assertEquals(expected.length, g.length, "elements of " + got);
        double scale = 0;
        double err = 0;
        int worst = 0;
        for (int i = 0; i < g.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double e = Math.abs(g[i] - expected[i]);
            if (!(e <= err)) {
                err = e;
                worst = i;
            }
        }
        double bound = (got.dtype() == DType.FLOAT64 ? Ref.F64_TOL : Ref.F32_TOL * terms) * scale;
        if (!(err <= bound)) {
            fail("element " + worst + " of " + got + ": expected " + expected[worst] + " but got " + g[worst]
                    + " (normwise error " + err / scale + ", bound " + bound / scale + ")");
        }
    }
}
