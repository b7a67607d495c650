package org.backprop4j.backend.pure.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvLoops;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pure}'s {@code conv_forward_fast} / {@code conv_backward_fast} ({@link LoweredConv}) against two independent
 * references on the same inputs: the textbook loops {@link ConvLoops} in double, and the {@link Kernels#DEFAULT}
 * im2col pass (one product over all samples). Shapes cover stride 1, 2 and 3, pad 0, 1 and 2, rectangular filters,
 * N = 1, C = 1, 1x1 filters, odd sizes and F that is not a multiple of any register tile (6 rows; 4-, 8- or 16-lane
 * vectors), on the products {@code pure} can run: single-threaded, forced onto 2 and 3 threads from size 0 (so the
 * samples are split into chunks even for these small shapes), and the defaults; in the scalar-fallback run of
 * surefire the same list holds the scalar products.
 *
 * <p><b>Bounds.</b> float64: {@code 1e-12} of each tensor's largest magnitude, the cross-backend bound (the sums
 * differ from the references' only in order). float32 against the float64 loops on the same float-rounded inputs:
 * {@code 8 (K + 10) 6e-8} of the scale for a sum of K terms, conformance's {@code Tolerances.float32Agreement},
 * with K the longest sum (the patch C*HH*WW for out, the N*Hout*Wout positions for dw and db, F*HH*WW for dx).
 * A wrong index or a missing term errs by order one.
 */
class LoweredConvTest {

    /** {N, C, H, W, F, HH, WW, stride, pad}. */
    private static final int[][] SHAPES = {
            {2, 3, 4, 4, 3, 4, 4, 2, 1}, // the notebook's linspace shapes
            {4, 3, 5, 5, 2, 3, 3, 1, 1}, // the notebook's gradient check
            {1, 1, 5, 5, 1, 1, 1, 1, 0}, // 1x1 filter, N = C = F = 1
            {3, 2, 9, 11, 7, 3, 5, 2, 2}, // rectangular filter, pad 2, odd sizes
            {2, 3, 8, 8, 33, 4, 4, 2, 0}, // F = 33, no padding
            {2, 2, 10, 10, 3, 4, 4, 3, 0}, // stride 3
            {2, 3, 6, 6, 4, 5, 5, 1, 2}, // 5x5 filter reaching into the padding on both sides
            {1, 4, 6, 9, 13, 2, 3, 1, 0}, // even filter height, stride 1
            {3, 3, 1, 1, 2, 3, 3, 1, 1}, // 1x1 image, all but the centre tap over the padding
            {5, 3, 31, 31, 25, 3, 3, 2, 1}, // the benchmark's shape with fewer samples
    };

    static Stream<Named<PureBackend>> backends() {
        return Stream.of(Named.of("single-threaded from size 0", new PureBackend(Simd.product(1, Long.MAX_VALUE, 0))),
                Named.of("2 threads from size 0", new PureBackend(Simd.product(2, 0, 0))),
                Named.of("3 threads from size 0", new PureBackend(Simd.product(3, 0, 0))),
                Named.of("scalar, 2 threads from size 0", new PureBackend(new BlockedGemm(2, 0))),
                Named.of("defaults", new PureBackend()));
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

    /** Random inputs of one shape, rounded to the dtype so that the double references see the same numbers. */
    private record Inputs(int[] d, double[] x, double[] w, double[] b, double[] dout, ConvShape s) {
        static Inputs of(int[] d, DType dtype, long seed) {
            Random rnd = new Random(seed);
            int n = d[0], c = d[1], h = d[2], wd = d[3], f = d[4], hh = d[5], ww = d[6];
            ConvParam param = new ConvParam(d[7], d[8]);
            int hOut = 1 + (h + 2 * d[8] - hh) / d[7];
            int wOut = 1 + (wd + 2 * d[8] - ww) / d[7];
            ConvShape s = new ConvShape(n, c, h, wd, f, hh, ww, param.stride(), param.pad(), hOut, wOut);
            return new Inputs(d, gaussian(rnd, n * c * h * wd, dtype), gaussian(rnd, f * c * hh * ww, dtype),
                    gaussian(rnd, f, dtype), gaussian(rnd, n * f * hOut * wOut, dtype), s);
        }

        ConvParam param() {
            return new ConvParam(d[7], d[8]);
        }

        Tensor x(PureBackend be, DType dtype) {
            return Tensor.of(be.fromArray(d[0], d[1] * d[2] * d[3], x, dtype), d[1], d[2], d[3]);
        }

        Tensor w(PureBackend be, DType dtype) {
            return Tensor.of(be.fromArray(d[4], d[1] * d[5] * d[6], w, dtype), d[1], d[5], d[6]);
        }

        Matrix b(PureBackend be, DType dtype) {
            return be.fromArray(1, d[4], b, dtype);
        }

        Tensor dout(PureBackend be, DType dtype) {
            return Tensor.of(be.fromArray(d[0], d[4] * s.positions(), dout, dtype), d[4], s.hOut(), s.wOut());
        }
    }

    static double[] gaussian(Random rnd, int n, DType dtype) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = dtype.round(rnd.nextGaussian());
        }
        return a;
    }

    /** The bound for a result whose longest sum has {@code terms} terms. */
    static double bound(DType dtype, int terms) {
        return dtype == DType.FLOAT64 ? 1e-12 : 8 * (terms + 10) * 6e-8;
    }

    /** Every element of {@code actual} within {@code tol} times the largest magnitude of {@code expected}. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-300;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tol * scale)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (|err| " + err + " > " + tol + " * scale " + scale + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void forwardAndBackwardAgreeWithTheLoopsAndTheDefault(PureBackend be, DType dtype, int[] shape) {
        Inputs in = Inputs.of(shape, dtype, 15L + shape[4]);
        ConvShape s = in.s();
        Tensor x = in.x(be, dtype);
        Tensor w = in.w(be, dtype);
        Matrix b = in.b(be, dtype);
        Tensor dout = in.dout(be, dtype);

        SpatialForward<ConvCache> fwd = be.kernels().convForward(x, w, b, in.param());
        assertEquals("(" + s.n() + ", " + s.f() + ", " + s.hOut() + ", " + s.wOut() + ")", fwd.out().shape());
        assertEquals(dtype, fwd.out().dtype());
        double[] loopsOut = ConvLoops.forward(in.x(), in.w(), in.b(), s);
        assertClose(loopsOut, fwd.out().toArray(), bound(dtype, s.patch() + 1), "out vs conv_forward_naive");

        ConvGrads g = be.kernels().convBackward(dout, fwd.cache(), true);
        double[][] loops = ConvLoops.backward(in.dout(), in.x(), in.w(), s, true);
        assertEquals(x.shape(), g.dx().shape());
        assertEquals(w.shape(), g.dw().shape());
        assertEquals("(1, " + s.f() + ")", g.db().shape());
        assertClose(loops[0], g.dx().toArray(), bound(dtype, s.f() * s.hh() * s.ww()), "dx vs conv_backward_naive");
        assertClose(loops[1], g.dw().toArray(), bound(dtype, s.n() * s.positions()), "dw vs conv_backward_naive");
        assertClose(loops[2], g.db().toArray(), bound(dtype, s.n() * s.positions()), "db vs conv_backward_naive");

        if (dtype == DType.FLOAT64) {
            SpatialForward<ConvCache> ref = Kernels.DEFAULT.convForward(x, w, b, in.param());
            assertClose(ref.out().toArray(), fwd.out().toArray(), 1e-12, "out vs the default");
            ConvGrads rg = Kernels.DEFAULT.convBackward(dout, ref.cache(), true);
            assertClose(rg.dx().toArray(), g.dx().toArray(), 1e-12, "dx vs the default");
            assertClose(rg.dw().toArray(), g.dw().toArray(), 1e-12, "dw vs the default");
            assertClose(rg.db().toArray(), g.db().toArray(), 1e-12, "db vs the default");
        }

        ConvGrads noDx = be.kernels().convBackward(dout, fwd.cache(), false);
        assertNull(noDx.dx(), "inputGradient=false leaves dx null");
        assertArrayEquals(g.dw().toArray(), noDx.dw().toArray(), "dw without dx");
        assertArrayEquals(g.db().toArray(), noDx.db().toArray(), "db without dx");
    }

    /** The samples' chunks depend on N only: the gradients have the same bits on 1 and 3 threads. */
    @Test
    void gradientsDoNotDependOnTheThreadCount() {
        int[] shape = {37, 3, 12, 12, 10, 3, 3, 1, 1};
        for (DType dtype : DType.values()) {
            Inputs in = Inputs.of(shape, dtype, 7);
            double[][] seen = null;
            for (PureBackend be : List.of(new PureBackend(Simd.product(1, Long.MAX_VALUE, 0)),
                    new PureBackend(Simd.product(3, 0, 0)))) {
                SpatialForward<ConvCache> fwd = be.kernels().convForward(in.x(be, dtype), in.w(be, dtype),
                        in.b(be, dtype), in.param());
                ConvGrads g = be.kernels().convBackward(in.dout(be, dtype), fwd.cache(), true);
                double[][] now = {fwd.out().toArray(), g.dx().toArray(), g.dw().toArray(), g.db().toArray()};
                if (seen != null) {
                    for (int t = 0; t < now.length; t++) {
                        assertArrayEquals(seen[t], now[t], dtype + " tensor " + t);
                    }
                }
                seen = now;
            }
        }
    }

    /** A cache from the default forward pass (which keeps the lowered input) serves pure's backward pass. */
    @Test
    void backwardAcceptsTheDefaultsCache() {
        PureBackend be = new PureBackend();
        Inputs in = Inputs.of(SHAPES[3], DType.FLOAT64, 3);
        SpatialForward<ConvCache> ref = Kernels.DEFAULT.convForward(in.x(be, DType.FLOAT64), in.w(be, DType.FLOAT64),
                in.b(be, DType.FLOAT64), in.param());
        ConvGrads g = be.kernels().convBackward(in.dout(be, DType.FLOAT64), ref.cache(), true);
        double[][] loops = ConvLoops.backward(in.dout(), in.x(), in.w(), in.s(), true);
        assertClose(loops[0], g.dx().toArray(), 1e-12, "dx");
        assertClose(loops[1], g.dw().toArray(), 1e-12, "dw");
    }

    @Test
    void badShapesAreNamedBeforeAnyWork() {
        PureBackend be = new PureBackend();
        DType dt = DType.FLOAT64;
        Inputs in = Inputs.of(SHAPES[1], dt, 1);
        Tensor x = in.x(be, dt);
        Tensor w = in.w(be, dt);
        Matrix b = in.b(be, dt);
        SpatialForward<ConvCache> fwd = be.kernels().convForward(x, w, b, in.param());

        Tensor wrongDout = Tensor.of(be.zeros(4, 2 * 4 * 5, dt), 2, 4, 5);
        var e = assertThrows(IllegalArgumentException.class,
                () -> be.kernels().convBackward(wrongDout, fwd.cache(), true));
        assertTrue(e.getMessage().contains("(4, 2, 5, 5)") && e.getMessage().contains("(4, 2, 4, 5)"), e.getMessage());

        Tensor floatDout = Tensor.of(be.zeros(4, 2 * 25, DType.FLOAT32), 2, 5, 5);
        e = assertThrows(IllegalArgumentException.class,
                () -> be.kernels().convBackward(floatDout, fwd.cache(), true));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());

        Tensor w2 = Tensor.of(be.zeros(2, 2 * 9, dt), 2, 3, 3);
        e = assertThrows(IllegalArgumentException.class, () -> be.kernels().convForward(x, w2, b, in.param()));
        assertTrue(e.getMessage().contains(w2.shape()) && e.getMessage().contains(x.shape()), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> be.kernels().convForward(x, w, b, new ConvParam(3, 0)));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
    }
}
