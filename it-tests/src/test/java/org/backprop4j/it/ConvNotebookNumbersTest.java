package org.backprop4j.it;

import static org.backprop4j.conformance.vectors.ConvVectors.convParam;
import static org.backprop4j.conformance.vectors.ConvVectors.poolParam;
import static org.backprop4j.conformance.vectors.ConvVectors.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.compare.Compare;
import org.backprop4j.conformance.compare.Tolerances;
import org.backprop4j.conformance.vectors.ConvVectors;
import org.backprop4j.conformance.vectors.Vectors;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.ConvReluCache;
import org.backprop4j.kernel.ConvReluPoolCache;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.kernel.SpatialBatchnormCache;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.GroupnormCache;
import org.backprop4j.kernel.conv.GroupnormParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.kernel.conv.SpatialGrads;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks of cs231n's ConvolutionalNetworks.ipynb on every backend, against the numbers the notebook prints
 * ({@link NotebookNumbers}) and the NumPy port's {@code conv_notebook.json} ({@code gen_conv_vectors.py}): float64
 * for the notebook's own checks, and float32 against the float64 reference within
 * {@link Tolerances#float32Agreement}. The numeric gradients are the project's {@link GradientCheck}
 * ({@code eval_numerical_gradient_array}, h = 1e-5). A numeric-gradient error is the rounding noise of the centred
 * difference, so each backend's summation order gives its own value: the bounds are one decade above what the
 * notebook printed (and what the NumPy port gives, recorded in the JSON), the notebook's own "should be around".
 */
class ConvNotebookNumbersTest {

    private static final JsonNode REF = Vectors.load("/vectors/conv_notebook.json");

    /** NumPy prints the notebook's arrays with 8 decimals: their rounding is at most 5e-9. */
    private static final double PRINTED_DIGITS = 1e-8;

    static Stream<Backend> backends() {
        return BackendsUnderTest.all();
    }

    private static Tensor t(Backend b, JsonNode node, DType dt) {
        return ConvVectors.tensor(b, node, dt);
    }

    private static Matrix row(Backend b, JsonNode node, DType dt) {
        return Vectors.matrix(b, node, dt);
    }

    private static double relError(Matrix x, double[] y) {
        return GradientCheck.relError(x.toArray(), y);
    }

    private static void assertBelow(String what, double value, double bound) {
        assertTrue(value <= bound, what + " = " + value + " > " + bound);
    }

    /** Within the NumPy vectors' bound, {@link Tolerances#VECTORS} of max(1, max |expected|). */
    private static void matchesNumpy(String what, double[] expected, Matrix actual) {
        Compare.assertMatches(what, expected, actual, Tolerances.VECTORS);
    }

    /** float32 against the float64 reference, normwise, within the kit's bound for sums of length {@code k}. */
    private static void float32Agrees(String what, double[] expected, Matrix actual, int k) {
        assertEquals(DType.FLOAT32, actual.dtype(), what);
        double e = Compare.normwise(actual.toArray(), expected);
        assertBelow(what + " float32 normwise vs float64 NumPy", e, Tolerances.float32Agreement(k));
    }

    private static double[] rowsFlat(double[][] rows) {
        return Stream.of(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    // ------------------------------------------------------------------ naive forward passes, linspace setups

    /** "Convolution: Naive forward pass": difference to {@code correct_out} "around e-8" (printed 2.2e-8). */
    @ParameterizedTest
    @MethodSource("backends")
    void convForwardLinspaceMatchesTheNotebooksCorrectOut(Backend b) {
        JsonNode c = REF.get("conv_forward_linspace");
        double[] correct = rowsFlat(NotebookNumbers.convForwardCorrectOut());
        for (DType dt : DType.values()) {
            Kernels k = b.kernels();
            ConvParam p = convParam(c.get("conv_param"));
            Tensor x = t(b, c.get("x"), dt);
            Tensor w = t(b, c.get("w"), dt);
            Matrix bias = row(b, c.get("b"), dt);
            for (var out : new Tensor[] {k.convForwardNaive(x, w, bias, p).out(), k.convForward(x, w, bias, p).out()}) {
                assertEquals("(2, 3, 2, 2)", out.shape(), b.name());
                if (dt == DType.FLOAT64) {
                    double e = relError(out.matrix(), correct);
                    // the notebook's own difference is the 8-digit rounding of correct_out: ~2.2e-8 on any backend
                    assertBelow(b.name() + " conv_forward linspace rel_error", e, 1e-7);
                    assertEquals(NotebookNumbers.CONV_FORWARD_ERROR_PRINTED, e, 1e-3 * e, b.name());
                    matchesNumpy(b.name() + " conv_forward linspace out", values(c.get("out")), out.matrix());
                } else {
                    // K = C*HH*WW = 48 terms per output
                    float32Agrees(b.name() + " conv_forward linspace", values(c.get("out")), out.matrix(), 48);
                }
            }
        }
    }

    /** "Max-Pooling: Naive forward": difference "on the order of e-8" (printed 4.2e-8). */
    @ParameterizedTest
    @MethodSource("backends")
    void maxPoolForwardLinspaceMatchesTheNotebooksCorrectOut(Backend b) {
        JsonNode c = REF.get("max_pool_forward_linspace");
        double[] correct = rowsFlat(NotebookNumbers.maxPoolForwardCorrectOut());
        PoolParam p = poolParam(c.get("pool_param"));
        for (DType dt : DType.values()) {
            Kernels k = b.kernels();
            Tensor x = t(b, c.get("x"), dt);
            for (var out : new Tensor[] {k.maxPoolForwardNaive(x, p).out(), k.maxPoolForward(x, p).out()}) {
                if (dt == DType.FLOAT64) {
                    double e = relError(out.matrix(), correct);
                    assertBelow(b.name() + " max_pool_forward linspace rel_error", e, 1e-7);
                    assertEquals(NotebookNumbers.MAX_POOL_FORWARD_ERROR_PRINTED, e, 1e-3 * e, b.name());
                    // a maximum is one of the inputs: exact
                    assertArrayEquals(values(c.get("out")), out.matrix().toArray(), 0.0, b.name());
                } else {
                    float32Agrees(b.name() + " max_pool_forward linspace", values(c.get("out")), out.matrix(), 1);
                }
            }
        }
    }

    // ------------------------------------------------------------------ numeric gradient checks

    /**
     * "Convolution: Naive backward pass" (seed 231, x (4, 3, 5, 5), w (2, 3, 3, 3), stride 1, pad 1), for the naive
     * loops and the fast path. The notebook prints dx 1.2e-8 ("around e-8 or less"), dw 2.2e-10, db 3.4e-11: the
     * bounds are one decade above, 1e-7, 1e-9 and 1e-10.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void convBackwardAgreesWithNumericGradients(Backend b) {
        JsonNode c = REF.get("conv_backward");
        Kernels k = b.kernels();
        ConvParam p = convParam(c.get("conv_param"));
        for (boolean fast : new boolean[] {false, true}) {
            String n = b.name() + (fast ? " conv_backward_fast" : " conv_backward_naive");
            Tensor x = t(b, c.get("x"), DType.FLOAT64);
            Tensor w = t(b, c.get("w"), DType.FLOAT64);
            Matrix bias = row(b, c.get("b"), DType.FLOAT64);
            Tensor dout = t(b, c.get("dout"), DType.FLOAT64);
            Function<Matrix, Matrix> fx = m -> conv(k, fast, Tensor.of(m, 3, 5, 5), w, bias, p).out().matrix();
            Function<Matrix, Matrix> fw = m -> conv(k, fast, x, Tensor.of(m, 3, 3, 3), bias, p).out().matrix();
            Function<Matrix, Matrix> fb = m -> conv(k, fast, x, w, m, p).out().matrix();
            Matrix dxNum = GradientCheck.evalNumericalGradientArray(fx, x.matrix(), dout.matrix());
            Matrix dwNum = GradientCheck.evalNumericalGradientArray(fw, w.matrix(), dout.matrix());
            Matrix dbNum = GradientCheck.evalNumericalGradientArray(fb, bias, dout.matrix());
            SpatialForward<ConvCache> f = conv(k, fast, x, w, bias, p);
            ConvGrads g = fast ? k.convBackward(dout, f.cache()) : k.convBackwardNaive(dout, f.cache());
            assertBelow(n + " dx error", GradientCheck.relError(g.dx().matrix(), dxNum), 1e-7);
            assertBelow(n + " dw error", GradientCheck.relError(g.dw().matrix(), dwNum), 1e-9);
            assertBelow(n + " db error", GradientCheck.relError(g.db(), dbNum), 1e-10);
            matchesNumpy(n + " out", values(c.get("out")), f.out().matrix());
            matchesNumpy(n + " dx", values(c.get("dx")), g.dx().matrix());
            matchesNumpy(n + " dw", values(c.get("dw")), g.dw().matrix());
            matchesNumpy(n + " db", Vectors.doubles(c.get("db")), g.db());
        }
        // float32: C*HH*WW = 27 terms per output and per dx entry, N*Hout*Wout = 100 per dw entry
        Tensor x = t(b, c.get("x"), DType.FLOAT32);
        SpatialForward<ConvCache> f = k.convForward(x, t(b, c.get("w"), DType.FLOAT32), row(b, c.get("b"),
                DType.FLOAT32), p);
        ConvGrads g = k.convBackward(t(b, c.get("dout"), DType.FLOAT32), f.cache());
        float32Agrees(b.name() + " conv_forward", values(c.get("out")), f.out().matrix(), 27);
        float32Agrees(b.name() + " conv_backward dx", values(c.get("dx")), g.dx().matrix(), 27);
        float32Agrees(b.name() + " conv_backward dw", values(c.get("dw")), g.dw().matrix(), 100);
        float32Agrees(b.name() + " conv_backward db", Vectors.doubles(c.get("db")), g.db(), 100);
    }

    private static SpatialForward<ConvCache> conv(Kernels k, boolean fast, Tensor x, Tensor w, Matrix b,
            ConvParam p) {
        return fast ? k.convForward(x, w, b, p) : k.convForwardNaive(x, w, b, p);
    }

    /**
     * "Max-Pooling: Naive backward" (seed 231, x (3, 2, 8, 8)): the notebook prints 3.3e-12 ("on the order of
     * e-12"); the max is piecewise linear, so the centred difference is exact up to rounding: bound 1e-11.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void maxPoolBackwardAgreesWithNumericGradients(Backend b) {
        JsonNode c = REF.get("max_pool_backward");
        Kernels k = b.kernels();
        PoolParam p = poolParam(c.get("pool_param"));
        for (boolean fast : new boolean[] {false, true}) {
            String n = b.name() + (fast ? " max_pool_backward_fast" : " max_pool_backward_naive");
            Tensor x = t(b, c.get("x"), DType.FLOAT64);
            Tensor dout = t(b, c.get("dout"), DType.FLOAT64);
            Function<Matrix, Matrix> fx = m -> pool(k, fast, Tensor.of(m, 2, 8, 8), p).out().matrix();
            Matrix dxNum = GradientCheck.evalNumericalGradientArray(fx, x.matrix(), dout.matrix());
            SpatialForward<PoolCache> f = pool(k, fast, x, p);
            Tensor dx = fast ? k.maxPoolBackward(dout, f.cache()) : k.maxPoolBackwardNaive(dout, f.cache());
            assertBelow(n + " dx error", GradientCheck.relError(dx.matrix(), dxNum), 1e-11);
            assertArrayEquals(values(c.get("dx")), dx.matrix().toArray(), 0.0, n + " dx vs NumPy (copies of dout)");
        }
        SpatialForward<PoolCache> f = k.maxPoolForward(t(b, c.get("x"), DType.FLOAT32), p);
        float32Agrees(b.name() + " max_pool_backward dx", values(c.get("dx")),
                k.maxPoolBackward(t(b, c.get("dout"), DType.FLOAT32), f.cache()).matrix(), 1);
    }

    private static SpatialForward<PoolCache> pool(Kernels k, boolean fast, Tensor x, PoolParam p) {
        return fast ? k.maxPoolForward(x, p) : k.maxPoolForwardNaive(x, p);
    }

    // ------------------------------------------------------------------ fast against naive, the timing cell's setup

    /**
     * "Fast layers": x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2, pad 1, regenerated with {@link NumpyRandom} as
     * the notebook draws it. The fast path against the naive loops on the same backend: the notebook prints 4.9e-11
     * (forward), 1.9e-11 / 5.2e-13 / 3.5e-14 (dx, dw, db); bounds 1e-9, 1e-9, 1e-9 and 1e-12. Both against the
     * NumPy port's checksums: the naive loops sum in the port's order, the fast path in the GEMM's.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void fastConvAgreesWithNaiveOnTheTimingSetup(Backend b) {
        JsonNode c = REF.get("fast_vs_naive").get("conv");
        NumpyRandom rng = new NumpyRandom(231);
        Tensor x = randn(b, rng, 100, 3, 31, 31);
        Tensor w = randn(b, rng, 25, 3, 3, 3);
        Matrix bias = b.fromArray(1, 25, rng.randn(25), DType.FLOAT64);
        Tensor dout = randn(b, rng, 100, 25, 16, 16);
        assertChecksum(b.name() + " regenerated x", c.get("x"), x.matrix());
        assertChecksum(b.name() + " regenerated dout", c.get("dout"), dout.matrix());
        Kernels k = b.kernels();
        ConvParam p = convParam(c.get("conv_param"));
        SpatialForward<ConvCache> naive = k.convForwardNaive(x, w, bias, p);
        SpatialForward<ConvCache> fast = k.convForward(x, w, bias, p);
        assertBelow(b.name() + " conv forward fast vs naive", GradientCheck.relError(naive.out().matrix(),
                fast.out().matrix()), 1e-9);
        ConvGrads gn = k.convBackwardNaive(dout, naive.cache());
        ConvGrads gf = k.convBackward(dout, fast.cache());
        assertBelow(b.name() + " dx fast vs naive", GradientCheck.relError(gn.dx().matrix(), gf.dx().matrix()), 1e-9);
        assertBelow(b.name() + " dw fast vs naive", GradientCheck.relError(gn.dw().matrix(), gf.dw().matrix()), 1e-9);
        assertBelow(b.name() + " db fast vs naive", GradientCheck.relError(gn.db(), gf.db()), 1e-12);
        matchesChecksums(b.name() + " naive", c, naive.out(), gn);
        matchesChecksums(b.name() + " fast", c, fast.out(), gf);
    }

    private static void matchesChecksums(String what, JsonNode c, Tensor out, ConvGrads g) {
        assertChecksum(what + " out", c.get("out"), out.matrix());
        assertChecksum(what + " dx", c.get("dx"), g.dx().matrix());
        assertChecksum(what + " dw", c.get("dw"), g.dw().matrix());
        matchesNumpy(what + " db", Vectors.doubles(c.get("db_full")), g.db());
    }

    /**
     * "Fast layers", pooling: x (100, 3, 32, 32), 2x2 stride 2. The notebook prints difference 0.0 for the output and
     * dx: a maximum is one of the inputs and dx holds copies of dout, so fast and naive agree exactly.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void fastMaxPoolEqualsNaiveOnTheTimingSetup(Backend b) {
        JsonNode c = REF.get("fast_vs_naive").get("max_pool");
        NumpyRandom rng = new NumpyRandom(231);
        Tensor x = randn(b, rng, 100, 3, 32, 32);
        Tensor dout = randn(b, rng, 100, 3, 16, 16);
        assertChecksum(b.name() + " regenerated x", c.get("x"), x.matrix());
        Kernels k = b.kernels();
        PoolParam p = poolParam(c.get("pool_param"));
        SpatialForward<PoolCache> naive = k.maxPoolForwardNaive(x, p);
        SpatialForward<PoolCache> fast = k.maxPoolForward(x, p);
        assertArrayEquals(naive.out().toArray(), fast.out().toArray(), 0.0, b.name() + " pool out fast vs naive");
        Tensor dxNaive = k.maxPoolBackwardNaive(dout, naive.cache());
        Tensor dxFast = k.maxPoolBackward(dout, fast.cache());
        assertArrayEquals(dxNaive.toArray(), dxFast.toArray(), 0.0, b.name() + " pool dx fast vs naive");
        assertChecksum(b.name() + " pool out", c.get("out"), fast.out().matrix());
        assertChecksum(b.name() + " pool dx", c.get("dx"), dxFast.matrix());
    }

    private static Tensor randn(Backend b, NumpyRandom rng, int n, int c, int h, int w) {
        return Tensor.of(b.fromArray(n, c * h * w, rng.randn(n * c * h * w), DType.FLOAT64), c, h, w);
    }

    /**
     * The NumPy checksums of a big array: the sampled entries to {@link Tolerances#VECTORS} of max(1, |value|), the
     * sum of squares to 1e-12 relative and the sum to 1e-12 of the sum of magnitudes (it cancels). The sums here are
     * compensated, so their rounding is as small as NumPy's pairwise sums'. NumpyRandom's Gaussians are NumPy's up to
     * the last ulp in a few draws of ten thousand, far below these bounds.
     */
    private static void assertChecksum(String what, JsonNode sum, Matrix actual) {
        double[] a = actual.toArray();
        int[] idx = Vectors.ints(sum.get("sample_index"));
        double[] want = Vectors.doubles(sum.get("sample_value"));
        for (int i = 0; i < idx.length; i++) {
            assertEquals(want[i], a[idx[i]], Tolerances.VECTORS * Math.max(1, Math.abs(want[i])),
                    what + " entry " + idx[i]);
        }
        double[] abs = new double[a.length];
        double[] sq = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            abs[i] = Math.abs(a[i]);
            sq[i] = a[i] * a[i];
        }
        double sumAbs = compensatedSum(abs);
        assertEquals(sum.get("sum_abs").doubleValue(), sumAbs, 1e-12 * sumAbs, what + " sum |a|");
        assertEquals(sum.get("sum").doubleValue(), compensatedSum(a), 1e-12 * sumAbs, what + " sum");
        double sumSq = compensatedSum(sq);
        assertEquals(sum.get("sum_sq").doubleValue(), sumSq, 1e-12 * sumSq, what + " sum a^2");
    }

    /** Neumaier's compensated sum. */
    private static double compensatedSum(double[] a) {
        double s = 0;
        double comp = 0;
        for (double v : a) {
            double t = s + v;
            comp += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + comp;
    }

    // ------------------------------------------------------------------ sandwiches

    /**
     * "Convolutional sandwich layers" (seed 231; conv_relu_pool on x (2, 3, 16, 16), conv_relu on x (2, 3, 8, 8)):
     * the notebook prints dx/dw/db errors of 5.8e-9 / 8.4e-9 / 3.6e-10 and 3.6e-9 / 2.2e-10 / 1.3e-10 ("around e-8
     * or less"), the NumPy port 1.7e-8 / 4.3e-9 / 7.5e-10 and 3.0e-9 / 4.6e-10 / 1.6e-10: bounds 1e-7 for dx and dw,
     * 1e-8 for db.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void sandwichesAgreeWithNumericGradientsAndNumpy(Backend b) {
        Kernels k = b.kernels();
        for (String name : new String[] {"conv_relu_pool", "conv_relu"}) {
            JsonNode c = REF.get("sandwiches").get(name);
            boolean pool = name.equals("conv_relu_pool");
            ConvParam cp = convParam(c.get("conv_param"));
            PoolParam pp = pool ? poolParam(c.get("pool_param")) : null;
            Tensor x = t(b, c.get("x"), DType.FLOAT64);
            Tensor w = t(b, c.get("w"), DType.FLOAT64);
            Matrix bias = row(b, c.get("b"), DType.FLOAT64);
            Tensor dout = t(b, c.get("dout"), DType.FLOAT64);
            int side = x.height();
            Function<Matrix, Matrix> fx = m -> sandwich(k, Tensor.of(m, 3, side, side), w, bias, cp, pp);
            Function<Matrix, Matrix> fw = m -> sandwich(k, x, Tensor.of(m, 3, 3, 3), bias, cp, pp);
            Function<Matrix, Matrix> fb = m -> sandwich(k, x, w, m, cp, pp);
            Matrix dxNum = GradientCheck.evalNumericalGradientArray(fx, x.matrix(), dout.matrix());
            Matrix dwNum = GradientCheck.evalNumericalGradientArray(fw, w.matrix(), dout.matrix());
            Matrix dbNum = GradientCheck.evalNumericalGradientArray(fb, bias, dout.matrix());
            ConvGrads g = sandwichGrads(k, x, w, bias, dout, cp, pp);
            String n = b.name() + " " + name;
            assertBelow(n + " dx error", GradientCheck.relError(dxNum, g.dx().matrix()), 1e-7);
            assertBelow(n + " dw error", GradientCheck.relError(dwNum, g.dw().matrix()), 1e-7);
            assertBelow(n + " db error", GradientCheck.relError(dbNum, g.db()), 1e-8);
            matchesNumpy(n + " out", values(c.get("out")), sandwich(k, x, w, bias, cp, pp));
            matchesNumpy(n + " dx", values(c.get("dx")), g.dx().matrix());
            matchesNumpy(n + " dw", values(c.get("dw")), g.dw().matrix());
            matchesNumpy(n + " db", Vectors.doubles(c.get("db")), g.db());
            // float32: 27 terms per conv output and dx entry, N*H*W = 512 (or 128) per dw and db entry
            ConvGrads g32 = sandwichGrads(k, t(b, c.get("x"), DType.FLOAT32), t(b, c.get("w"), DType.FLOAT32),
                    row(b, c.get("b"), DType.FLOAT32), t(b, c.get("dout"), DType.FLOAT32), cp, pp);
            int terms = x.n() * x.planeSize();
            float32Agrees(n + " dx", values(c.get("dx")), g32.dx().matrix(), 27);
            float32Agrees(n + " dw", values(c.get("dw")), g32.dw().matrix(), terms);
            float32Agrees(n + " db", Vectors.doubles(c.get("db")), g32.db(), terms);
        }
    }

    private static Matrix sandwich(Kernels k, Tensor x, Tensor w, Matrix b, ConvParam cp, PoolParam pp) {
        return (pp == null ? k.convReluForward(x, w, b, cp).out() : k.convReluPoolForward(x, w, b, cp, pp).out())
                .matrix();
    }

    private static ConvGrads sandwichGrads(Kernels k, Tensor x, Tensor w, Matrix b, Tensor dout, ConvParam cp,
            PoolParam pp) {
        if (pp == null) {
            SpatialForward<ConvReluCache> f = k.convReluForward(x, w, b, cp);
            return k.convReluBackward(dout, f.cache());
        }
        SpatialForward<ConvReluPoolCache> f = k.convReluPoolForward(x, w, b, cp, pp);
        return k.convReluPoolBackward(dout, f.cache());
    }

    // ------------------------------------------------------------------ spatial batch normalization

    /** Per-channel mean and std (biased, as {@code np.std}) over (N, H, W) of a (N, C, H, W) tensor. */
    private static double[][] channelStats(Tensor t) {
        double[] a = t.toArray();
        int c = t.channels();
        int plane = t.planeSize();
        double[][] out = new double[2][c];
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int n = 0; n < t.n(); n++) {
                for (int i = 0; i < plane; i++) {
                    s += a[(n * c + ch) * plane + i];
                }
            }
            double mean = s / (t.n() * plane);
            double v = 0;
            for (int n = 0; n < t.n(); n++) {
                for (int i = 0; i < plane; i++) {
                    double d = a[(n * c + ch) * plane + i] - mean;
                    v += d * d;
                }
            }
            out[0][ch] = mean;
            out[1][ch] = Math.sqrt(v / (t.n() * plane));
        }
        return out;
    }

    /**
     * "Spatial batch normalization: forward": per-channel means ~0 and stds 0.9999996.. after (printed to 8 digits),
     * then means [6, 7, 8] and stds [3, 4, 5]·0.9999996.. with gamma [3, 4, 5], beta [6, 7, 8]. Test time, after 50
     * training passes on fresh x = 2.3 randn + 13 (regenerated with NumpyRandom): the printed means and stds.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void spatialBatchnormStatisticsAreTheNotebooks(Backend b) {
        JsonNode c = REF.get("spatial_batchnorm").get("train");
        Kernels k = b.kernels();
        Tensor x = t(b, c.get("x"), DType.FLOAT64);
        double[][] before = channelStats(x);
        assertArrayEquals(NotebookNumbers.spatialBatchnormMeansBefore(), before[0], PRINTED_DIGITS, "x means");
        assertArrayEquals(NotebookNumbers.spatialBatchnormStdsBefore(), before[1], PRINTED_DIGITS, "x stds");
        BatchnormParam p = new BatchnormParam();
        Tensor out = k.spatialBatchnormForward(x, b.rowVector(new double[] {1, 1, 1}, DType.FLOAT64),
                b.rowVector(new double[] {0, 0, 0}, DType.FLOAT64), p).out();
        double[][] after = channelStats(out);
        assertArrayEquals(new double[3], after[0], 1e-14, b.name() + " means after");
        assertArrayEquals(NotebookNumbers.spatialBatchnormStdsAfter(), after[1], PRINTED_DIGITS,
                b.name() + " stds after");
        matchesNumpy(b.name() + " out", values(c.get("out_gamma1_beta0")), out.matrix());
        Tensor out2 = k.spatialBatchnormForward(x, b.rowVector(new double[] {3, 4, 5}, DType.FLOAT64),
                b.rowVector(new double[] {6, 7, 8}, DType.FLOAT64), p).out();
        double[][] after2 = channelStats(out2);
        assertArrayEquals(new double[] {6, 7, 8}, after2[0], 1e-13, b.name() + " means after gamma, beta");
        assertArrayEquals(NotebookNumbers.spatialBatchnormStdsAfterGammaBeta(), after2[1], PRINTED_DIGITS,
                b.name() + " stds after gamma, beta");
        matchesNumpy(b.name() + " out gamma, beta", values(c.get("out_gamma_beta")), out2.matrix());

        JsonNode tt = REF.get("spatial_batchnorm").get("test_time");
        NumpyRandom rng = new NumpyRandom(231);
        BatchnormParam bp = new BatchnormParam();
        Matrix ones = b.rowVector(new double[] {1, 1, 1, 1}, DType.FLOAT64);
        Matrix zeros = b.rowVector(new double[4], DType.FLOAT64);
        for (int pass = 0; pass < 50; pass++) {
            k.spatialBatchnormForward(shiftedRandn(b, rng, 2.3, 13), ones, zeros, bp);
        }
        matchesNumpy(b.name() + " running_mean", Vectors.doubles(tt.get("running_mean")), bp.runningMean());
        matchesNumpy(b.name() + " running_var", Vectors.doubles(tt.get("running_var")), bp.runningVar());
        bp.setMode(Mode.TEST);
        double[][] test = channelStats(k.spatialBatchnormForward(shiftedRandn(b, rng, 2.3, 13), ones, zeros, bp).out());
        assertArrayEquals(NotebookNumbers.spatialBatchnormTestTimeMeans(), test[0], PRINTED_DIGITS,
                b.name() + " test-time means");
        assertArrayEquals(NotebookNumbers.spatialBatchnormTestTimeStds(), test[1], PRINTED_DIGITS,
                b.name() + " test-time stds");
    }

    /** {@code scale * np.random.randn(10, 4, 11, 12) + shift}, as the notebook computes it. */
    private static Tensor shiftedRandn(Backend b, NumpyRandom rng, double scale, double shift) {
        double[] v = rng.randn(10 * 4 * 11 * 12);
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * v[i] + shift;
        }
        return Tensor.of(b.fromArray(10, 4 * 11 * 12, v, DType.FLOAT64), 4, 11, 12);
    }

    /**
     * "Spatial batch normalization: backward" (seed 231, x (2, 3, 4, 5)): the notebook prints dx 2.8e-7 ("expect
     * errors of magnitudes between 1e-12~1e-06"), dgamma 7.1e-12, dbeta 3.3e-12: bounds 1e-6, 1e-10, 1e-10.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void spatialBatchnormBackwardAgreesWithNumericGradients(Backend b) {
        JsonNode c = REF.get("spatial_batchnorm").get("backward");
        Kernels k = b.kernels();
        Tensor x = t(b, c.get("x"), DType.FLOAT64);
        Matrix gamma = row(b, c.get("gamma"), DType.FLOAT64);
        Matrix beta = row(b, c.get("beta"), DType.FLOAT64);
        Tensor dout = t(b, c.get("dout"), DType.FLOAT64);
        BatchnormParam p = new BatchnormParam();
        Matrix dxNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialBatchnormForward(Tensor.of(m, 3, 4, 5), gamma, beta, p).out().matrix(), x.matrix(),
                dout.matrix());
        Matrix dgNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialBatchnormForward(x, m, beta, p).out().matrix(), gamma, dout.matrix());
        Matrix dbNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialBatchnormForward(x, gamma, m, p).out().matrix(), beta, dout.matrix());
        SpatialForward<SpatialBatchnormCache> f = k.spatialBatchnormForward(x, gamma, beta, p);
        SpatialGrads g = k.spatialBatchnormBackward(dout, f.cache());
        assertBelow(b.name() + " spatial batchnorm dx error", GradientCheck.relError(dxNum, g.dx().matrix()), 1e-6);
        assertBelow(b.name() + " spatial batchnorm dgamma error", GradientCheck.relError(dgNum, g.dgamma()), 1e-10);
        assertBelow(b.name() + " spatial batchnorm dbeta error", GradientCheck.relError(dbNum, g.dbeta()), 1e-10);
        matchesNumpy(b.name() + " dx", values(c.get("dx")), g.dx().matrix());
        matchesNumpy(b.name() + " dgamma", Vectors.doubles(c.get("dgamma")), g.dgamma());
        matchesNumpy(b.name() + " dbeta", Vectors.doubles(c.get("dbeta")), g.dbeta());
        // float32: every statistic and gradient sums over N*H*W = 40 entries, a few times over
        SpatialForward<SpatialBatchnormCache> f32 = k.spatialBatchnormForward(t(b, c.get("x"), DType.FLOAT32),
                row(b, c.get("gamma"), DType.FLOAT32), row(b, c.get("beta"), DType.FLOAT32), new BatchnormParam());
        SpatialGrads g32 = k.spatialBatchnormBackward(t(b, c.get("dout"), DType.FLOAT32), f32.cache());
        float32Agrees(b.name() + " spatial batchnorm dx", values(c.get("dx")), g32.dx().matrix(), 4 * 40);
        float32Agrees(b.name() + " spatial batchnorm dgamma", Vectors.doubles(c.get("dgamma")), g32.dgamma(), 4 * 40);
    }

    // ------------------------------------------------------------------ spatial group normalization

    /**
     * "Group normalization: forward" (G = 2, x (2, 6, 4, 5)): per (sample, group) means ~0 and stds
     * {@code sqrt(var / (var + eps))}. The public run's printed stds after ([0.99999834 ...]) fit that for no single
     * eps, so its implementation differed; see {@code conv_notebook.json}'s note. The stds before are the printed ones.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void spatialGroupnormStatisticsArePerGroup(Backend b) {
        JsonNode c = REF.get("spatial_groupnorm").get("forward");
        Kernels k = b.kernels();
        Tensor x = t(b, c.get("x"), DType.FLOAT64);
        double[][] before = groupStats(x, 2);
        assertArrayEquals(NotebookNumbers.spatialGroupnormMeansBefore(), before[0], PRINTED_DIGITS, "x means");
        assertArrayEquals(NotebookNumbers.spatialGroupnormStdsBefore(), before[1], PRINTED_DIGITS, "x stds");
        Tensor out = k.spatialGroupnormForward(x, b.rowVector(new double[] {1, 1, 1, 1, 1, 1}, DType.FLOAT64),
                b.rowVector(new double[6], DType.FLOAT64), new GroupnormParam(2)).out();
        double[][] after = groupStats(out, 2);
        assertArrayEquals(new double[4], after[0], 1e-14, b.name() + " means after");
        for (int i = 0; i < 4; i++) {
            double var = before[1][i] * before[1][i];
            assertEquals(Math.sqrt(var / (var + 1e-5)), after[1][i], 1e-12, b.name() + " std after, group " + i);
        }
        matchesNumpy(b.name() + " out", values(c.get("out")), out.matrix());
    }

    /** Mean and std of each (sample, group) of a (N, C, H, W) tensor: {@code x.reshape(N*G, -1)} per row. */
    private static double[][] groupStats(Tensor t, int groups) {
        double[] a = t.toArray();
        int size = t.sampleSize() / groups;
        int rows = t.n() * groups;
        double[][] out = new double[2][rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < size; i++) {
                s += a[r * size + i];
            }
            double mean = s / size;
            double v = 0;
            for (int i = 0; i < size; i++) {
                v += (a[r * size + i] - mean) * (a[r * size + i] - mean);
            }
            out[0][r] = mean;
            out[1][r] = Math.sqrt(v / size);
        }
        return out;
    }

    /**
     * "Spatial group normalization: backward" (seed 231, G = 2): the notebook prints dx 5.1e-8 ("expect errors of
     * magnitudes between 1e-12~1e-07"), dgamma 3.9e-12, dbeta 1.3e-11; the NumPy port 7.4e-8 / 9.5e-12 / 3.4e-12:
     * bounds 1e-6, 1e-10, 1e-10.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void spatialGroupnormBackwardAgreesWithNumericGradients(Backend b) {
        JsonNode c = REF.get("spatial_groupnorm").get("backward");
        Kernels k = b.kernels();
        Tensor x = t(b, c.get("x"), DType.FLOAT64);
        Matrix gamma = row(b, c.get("gamma"), DType.FLOAT64);
        Matrix beta = row(b, c.get("beta"), DType.FLOAT64);
        Tensor dout = t(b, c.get("dout"), DType.FLOAT64);
        GroupnormParam p = new GroupnormParam(c.get("G").intValue());
        Matrix dxNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialGroupnormForward(Tensor.of(m, 6, 4, 5), gamma, beta, p).out().matrix(), x.matrix(),
                dout.matrix());
        Matrix dgNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialGroupnormForward(x, m, beta, p).out().matrix(), gamma, dout.matrix());
        Matrix dbNum = GradientCheck.evalNumericalGradientArray(
                m -> k.spatialGroupnormForward(x, gamma, m, p).out().matrix(), beta, dout.matrix());
        SpatialForward<GroupnormCache> f = k.spatialGroupnormForward(x, gamma, beta, p);
        SpatialGrads g = k.spatialGroupnormBackward(dout, f.cache());
        assertBelow(b.name() + " spatial groupnorm dx error", GradientCheck.relError(dxNum, g.dx().matrix()), 1e-6);
        assertBelow(b.name() + " spatial groupnorm dgamma error", GradientCheck.relError(dgNum, g.dgamma()), 1e-10);
        assertBelow(b.name() + " spatial groupnorm dbeta error", GradientCheck.relError(dbNum, g.dbeta()), 1e-10);
        matchesNumpy(b.name() + " dx", values(c.get("dx")), g.dx().matrix());
        matchesNumpy(b.name() + " dgamma", Vectors.doubles(c.get("dgamma")), g.dgamma());
        matchesNumpy(b.name() + " dbeta", Vectors.doubles(c.get("dbeta")), g.dbeta());
        // float32: statistics over a group's C/G*H*W = 60 entries, gamma's gradient over N*H*W = 40
        SpatialForward<GroupnormCache> f32 = k.spatialGroupnormForward(t(b, c.get("x"), DType.FLOAT32),
                row(b, c.get("gamma"), DType.FLOAT32), row(b, c.get("beta"), DType.FLOAT32), p);
        SpatialGrads g32 = k.spatialGroupnormBackward(t(b, c.get("dout"), DType.FLOAT32), f32.cache());
        float32Agrees(b.name() + " spatial groupnorm dx", values(c.get("dx")), g32.dx().matrix(), 4 * 60);
        float32Agrees(b.name() + " spatial groupnorm dgamma", Vectors.doubles(c.get("dgamma")), g32.dgamma(), 4 * 60);
    }
}
