package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.Mode;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerModel;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof that every backend computes the same thing: every kernel and every model, on random
 * inputs of awkward shapes, gives the same outputs, losses and gradients on every available backend
 * (enumerated through the SPI) to a relative error of 1e-12 in float64, and each backend's gradients
 * agree with numeric gradients to 1e-7.
 *
 * <p>How "relative error" is measured. The notebooks' {@code rel_error} is
 * {@code max |a - b| / max(1e-8, |a| + |b|)} over the entries. Backends sum in different orders
 * (blocked loops, BLAS with FMA), which is exact to the last bits only where a sum does not cancel:
 * an entry that is 10^4 times smaller than the terms that formed it loses four digits in any order.
 * So: (1) on well-conditioned inputs — positive {@code x}, {@code dout} and weights (with, for
 * affine_relu, every other weight column negated so that half the units are off, far from their kink)
 * — no sum cancels, and the notebooks' {@code rel_error} itself must be at most 1e-12 for every
 * kernel output and gradient at every shape; (2) on arbitrary random inputs and for whole models,
 * each tensor must agree normwise, {@code max |a - b| / max |b| <= 1e-12}, which a wrong index or a
 * missing term (an error of order one) fails just the same; a tensor that is zero in exact
 * arithmetic (the bias feeding a batchnorm layer) must be below 1e-12 on every backend.
 *
 * <p>float32: each backend's float32 result is compared with the float64 result of the first backend,
 * normwise ({@code max |a - b| / max |b|}). A float32 operation rounds with relative error at most
 * 2^-24 ≈ 6e-8; a value that passes through a dot product of length K and a handful of element-wise
 * steps collects at most about {@code (K + 10) * 6e-8} of the operands' scale (Higham's bound), and
 * cancellation can only shrink the result's scale relative to the operands by a modest factor on
 * random inputs. The bound used is {@code 8 * (K + 10) * 6e-8}: a correct float32 kernel meets it
 * with room to spare; a wrong term or index (an error of order 1) fails it.
 */
class CrossBackendTest {

    /** (N, D, M) triples: 1x1, N = 1, odd sizes, sizes off any block size, D in the thousands. */
    static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 3}, {5, 1, 4}, {7, 13, 5}, {33, 65, 17}, {129, 257, 67},
            {64, 3072, 10}};

    static Stream<Arguments> shapes() {
        return Stream.of(SHAPES).map(s -> Arguments.of(s[0], s[1], s[2]));
    }

    private static List<Backend> backends() {
        return BackendsUnderTest.all().collect(Collectors.toList());
    }

    @Test
    void allFourBackendsArePresentAndAvailable() {
        List<String> names = backends().stream().map(Backend::name).collect(Collectors.toList());
        assertTrue(names.containsAll(BackendsUnderTest.EXPECTED), names.toString());
    }

    // ------------------------------------------------------------------ agreement helpers

    /** Results of one computation on one backend, by name. */
    private static final class Results {
        final Map<String, double[]> values = new LinkedHashMap<>();

        Results put(String name, Matrix m) {
            values.put(name, m.toArray());
            return this;
        }

        Results put(String name, double v) {
            values.put(name, new double[] {v});
            return this;
        }
    }

    /** Runs {@code compute} on every backend in float64 and asserts pairwise agreement ≤ 1e-12 (see class doc). */
    private static Map<String, Results> assertAgree(String what, Function<Backend, Results> compute) {
        return assertAgree(what, compute, false);
    }

    private static Map<String, Results> assertAgree(String what, Function<Backend, Results> compute, boolean strict) {
        Map<String, Results> byBackend = new LinkedHashMap<>();
        for (Backend b : backends()) {
            byBackend.put(b.name(), compute.apply(b));
        }
        List<String> names = new ArrayList<>(byBackend.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Results a = byBackend.get(names.get(i));
                Results c = byBackend.get(names.get(j));
                for (String key : a.values.keySet()) {
                    double[] x = a.values.get(key);
                    double[] y = c.values.get(key);
                    String pair = what + " " + key + ": " + names.get(i) + " vs " + names.get(j);
                    if (strict) {
                        double e = GradientCheck.relError(x, y);
                        assertTrue(e <= 1e-12, pair + ": rel_error " + e);
                    } else if (maxAbs(x) < 1e-12 && maxAbs(y) < 1e-12) {
                        continue; // zero in exact arithmetic (e.g. a bias feeding batchnorm): both are noise
                    } else {
                        double e = normwise(x, y);
                        assertTrue(e <= 1e-12, pair + ": normwise relative error " + e);
                    }
                }
            }
        }
        return byBackend;
    }

    /** {@code max |x - y| / max(max |x|, max |y|)}. */
    static double normwise(double[] x, double[] y) {
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err = Math.max(err, Math.abs(x[i] - y[i]));
        }
        return err / Math.max(maxAbs(x), maxAbs(y));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Runs {@code compute} in float32 on every backend and compares with {@code reference} (float64). */
    private static void assertFloat32Close(String what, Results reference, int k, Function<Backend, Results> compute) {
        double bound = 8 * (k + 10) * 6e-8;
        for (Backend b : backends()) {
            Results r = compute.apply(b);
            for (String key : reference.values.keySet()) {
                double[] want = reference.values.get(key);
                double[] got = r.values.get(key);
                if (maxAbs(want) < 1e-12) {
                    continue; // zero in exact arithmetic: float32 noise has no scale to be measured against
                }
                double scale = 0;
                double err = 0;
                for (int i = 0; i < want.length; i++) {
                    scale = Math.max(scale, Math.abs(want[i]));
                    err = Math.max(err, Math.abs(got[i] - want[i]));
                }
                assertTrue(err <= bound * Math.max(scale, 1e-30), what + " " + key + " float32 on " + b.name()
                        + ": normwise error " + err / Math.max(scale, 1e-30) + " > " + bound);
            }
        }
    }

    private static Matrix randn(Backend b, DType dtype, long seed, int rows, int cols, double scale) {
        double[] g = new NumpyRandom(seed).randn(rows * cols);
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        return b.fromArray(rows, cols, g, dtype);
    }

    private static int[] labels(long seed, int n, int c) {
        return new NumpyRandom(seed).randintInt(c, n);
    }

    // ------------------------------------------------------------------ kernels

    private static Results affine(Backend b, DType dt, int n, int d, int m, boolean relu) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 1, n, d, 1);
        Matrix w = randn(b, dt, 2, d, m, 1.0 / Math.sqrt(d));
        Matrix bias = randn(b, dt, 3, 1, m, 1);
        Matrix dout = randn(b, dt, 4, n, m, 1);
        Results r = new Results();
        if (relu) {
            Forward<AffineReluCache> f = k.affineReluForward(x, w, bias);
            AffineGrads g = k.affineReluBackward(dout, f.cache());
            return r.put("out", f.out()).put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
        }
        Forward<AffineCache> f = k.affineForward(x, w, bias);
        AffineGrads g = k.affineBackward(dout, f.cache());
        return r.put("out", f.out()).put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
    }

    @ParameterizedTest(name = "affine N={0} D={1} M={2}")
    @MethodSource("shapes")
    void affineAndAffineReluAgree(int n, int d, int m) {
        for (boolean relu : new boolean[] {false, true}) {
            String what = (relu ? "affine_relu " : "affine ") + n + "x" + d + "x" + m;
            Map<String, Results> r = assertAgree(what, b -> affine(b, DType.FLOAT64, n, d, m, relu));
            assertFloat32Close(what, r.values().iterator().next(), Math.max(d, n),
                    b -> affine(b, DType.FLOAT32, n, d, m, relu));
        }
    }

    private static Results activations(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 5, n, d, 3);
        Matrix dout = randn(b, dt, 6, n, d, 1);
        Forward<ReluCache> relu = k.reluForward(x);
        Forward<SigmoidCache> sig = k.sigmoidForward(x);
        return new Results().put("relu", relu.out()).put("relu dx", k.reluBackward(dout, relu.cache()))
                .put("sigmoid", sig.out()).put("sigmoid dx", k.sigmoidBackward(dout, sig.cache()));
    }

    @ParameterizedTest(name = "relu/sigmoid N={0} D={1}")
    @MethodSource("shapes")
    void activationsAgree(int n, int d, int m) {
        Map<String, Results> r = assertAgree("activations " + n + "x" + d, b -> activations(b, DType.FLOAT64, n, d));
        assertFloat32Close("activations", r.values().iterator().next(), 1, b -> activations(b, DType.FLOAT32, n, d));
    }

    private static Results losses(Backend b, DType dt, int n, int c) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 7, n, c, 2);
        int[] y = labels(8, n, c);
        LossResult soft = k.softmaxLoss(x, y);
        LossResult svm = k.svmLoss(x, y);
        return new Results().put("softmax loss", soft.loss()).put("softmax dx", soft.dx())
                .put("svm loss", svm.loss()).put("svm dx", svm.dx());
    }

    @ParameterizedTest(name = "losses N={0} C={1}")
    @MethodSource("shapes")
    void lossesAgree(int n, int d, int m) {
        Map<String, Results> r = assertAgree("losses " + n + "x" + d, b -> losses(b, DType.FLOAT64, n, d));
        assertFloat32Close("losses", r.values().iterator().next(), d, b -> losses(b, DType.FLOAT32, n, d));
    }

    private static Results batchnorm(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        BatchnormParam p = new BatchnormParam();
        Matrix gamma = randn(b, dt, 9, 1, d, 1);
        Matrix beta = randn(b, dt, 10, 1, d, 1);
        Results r = new Results();
        for (int step = 0; step < 2; step++) {
            Matrix x = randn(b, dt, 11 + step, n, d, 2).addScalar(step);
            Forward<BatchnormCache> f = k.batchnormForward(x, gamma, beta, p);
            Matrix dout = randn(b, dt, 13 + step, n, d, 1);
            BatchnormGrads g = k.batchnormBackward(dout, f.cache());
            BatchnormGrads alt = k.batchnormBackwardAlt(dout, f.cache());
            r.put("out" + step, f.out()).put("dx" + step, g.dx()).put("dgamma" + step, g.dgamma())
                    .put("dbeta" + step, g.dbeta()).put("alt dx" + step, alt.dx())
                    .put("alt dgamma" + step, alt.dgamma()).put("alt dbeta" + step, alt.dbeta());
        }
        p.setMode(Mode.TEST);
        return r.put("running_mean", p.runningMean()).put("running_var", p.runningVar())
                .put("test out", k.batchnormForward(randn(b, dt, 15, n, d, 2), gamma, beta, p).out());
    }

    @ParameterizedTest(name = "batchnorm N={0} D={1}")
    @MethodSource("shapes")
    void batchnormAgrees(int n, int d, int m) {
        if (n < 2) {
            return; // a batch of one has zero variance: batchnorm's output is beta, its gradient 0/0-free but degenerate
        }
        Map<String, Results> r = assertAgree("batchnorm " + n + "x" + d, b -> batchnorm(b, DType.FLOAT64, n, d));
        // variance and its gradient sum over the N rows
        assertFloat32Close("batchnorm", r.values().iterator().next(), 4 * n, b -> batchnorm(b, DType.FLOAT32, n, d));
    }

    /** The staged {@code batchnorm_backward} and the one-formula {@code _alt} agree on every backend (float64). */
    @ParameterizedTest(name = "batchnorm_backward = batchnorm_backward_alt, N={0} D={1}")
    @MethodSource("shapes")
    void batchnormBackwardFormsAgree(int n, int d, int m) {
        if (n < 2) {
            return;
        }
        for (Backend b : backends()) {
            Results r = batchnorm(b, DType.FLOAT64, n, d);
            for (String g : List.of("dx", "dgamma", "dbeta")) {
                for (int step = 0; step < 2; step++) {
                    double e = normwise(r.values.get(g + step), r.values.get("alt " + g + step));
                    assertTrue(e <= 1e-12, b.name() + " " + g + step + ": staged vs alt normwise error " + e);
                }
            }
        }
    }

    private static Results dropout(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        DropoutParam p = new DropoutParam(0.6, null);
        NumpyRandom rng = new NumpyRandom(16);
        Forward<DropoutCache> f = k.dropoutForward(randn(b, dt, 17, n, d, 1), p, rng);
        return new Results().put("out", f.out()).put("dx", k.dropoutBackward(randn(b, dt, 18, n, d, 1), f.cache()));
    }

    @ParameterizedTest(name = "dropout N={0} D={1}")
    @MethodSource("shapes")
    void dropoutAgrees(int n, int d, int m) {
        Map<String, Results> r = assertAgree("dropout " + n + "x" + d, b -> dropout(b, DType.FLOAT64, n, d));
        assertFloat32Close("dropout", r.values().iterator().next(), 1, b -> dropout(b, DType.FLOAT32, n, d));
    }

    // ------------------------------------------------------------------ well-conditioned inputs

    /**
     * Inputs under which no sum cancels: x, dout, w and b positive; for affine_relu every other weight
     * column and its bias negated, so those units are off, their outputs at least 0.5 below the kink,
     * and every gradient is still a sum of like-signed terms (the masked columns contribute nothing).
     */
    private static Results wellConditionedAffine(Backend b, int n, int d, int m, boolean relu, boolean withNumeric) {
        Kernels k = b.kernels();
        Matrix x = uniform(b, 31, n, d, 0.5, 1.5);
        Matrix w = uniform(b, 32, d, m, 0.5, 1.5);
        Matrix bias = uniform(b, 33, 1, m, 0.5, 1.5);
        for (int c = 1; relu && c < m; c += 2) {
            for (int r = 0; r < d; r++) {
                w.set(r, c, -w.get(r, c));
            }
            bias.set(0, c, -bias.get(0, c));
        }
        w.scalei(1.0 / d);
        Matrix dout = uniform(b, 34, n, m, 0.5, 1.5);
        Results r = new Results();
        AffineGrads g;
        if (relu) {
            Forward<AffineReluCache> f = k.affineReluForward(x, w, bias);
            g = k.affineReluBackward(dout, f.cache());
            r.put("out", f.out());
        } else {
            Forward<AffineCache> f = k.affineForward(x, w, bias);
            g = k.affineBackward(dout, f.cache());
            r.put("out", f.out());
        }
        r.put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
        if (withNumeric) {
            // the scalar whose gradients these are: sum(layer(x, w, b) * dout)
            java.util.function.DoubleSupplier f = relu
                    ? () -> k.affineReluForward(x, w, bias).out().mul(dout).sum()
                    : () -> k.affineForward(x, w, bias).out().mul(dout).sum();
            boolean big = (long) n * d * m > 100_000;
            String what = b.name() + (relu ? " affine_relu " : " affine ") + n + "x" + d + "x" + m;
            // f is linear in each argument here (every unit stays on its side of the kink for steps up to
            // 0.5), so the centred difference has no truncation error at any step; the step 1e-2 instead
            // of 1e-5 divides the rounding noise of f (~eps * |f| / h, large for large outputs) by 1000
            checkNumeric(what + " dx", f, x, g.dx(), big, 1e-2);
            checkNumeric(what + " dw", f, w, g.dw(), big, 1e-2);
            checkNumeric(what + " db", f, bias, g.db(), big, 1e-2);
        }
        return r;
    }

    private static Matrix uniform(Backend b, long seed, int rows, int cols, double lo, double hi) {
        return b.fromArray(rows, cols, new NumpyRandom(seed).uniform(lo, hi, rows * cols), DType.FLOAT64);
    }

    @ParameterizedTest(name = "well-conditioned affine N={0} D={1} M={2}")
    @MethodSource("shapes")
    void wellConditionedAffineAgreesToTheNotebooksRelErrorAndToNumericGradients(int n, int d, int m) {
        for (boolean relu : new boolean[] {false, true}) {
            assertAgree("well-conditioned " + (relu ? "affine_relu " : "affine ") + n + "x" + d + "x" + m,
                    b -> wellConditionedAffine(b, n, d, m, relu, true), true);
        }
    }

    // ------------------------------------------------------------------ numeric gradients per backend

    /** (N, C) of the loss checks: the centred difference resolves entries of (p - y) / N only while N·C is small. */
    static Stream<Arguments> lossShapes() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(1, 7), Arguments.of(5, 3), Arguments.of(7, 13),
                Arguments.of(50, 10));
    }

    @ParameterizedTest(name = "numeric loss gradients N={0} C={1}")
    @MethodSource("lossShapes")
    void lossGradientsMatchNumericOnesOnEveryBackend(int n, int c) {
        for (Backend b : backends()) {
            Kernels k = b.kernels();
            // the notebook's 0.001-scaled scores: every class has probability ~1/C, no margin near its kink
            Matrix scores = randn(b, DType.FLOAT64, 7, n, c, 0.001);
            int[] y = labels(8, n, c);
            checkNumeric(b.name() + " softmax " + n + "x" + c, () -> k.softmaxLoss(scores, y).loss(), scores,
                    k.softmaxLoss(scores, y).dx(), false);
            checkNumeric(b.name() + " svm " + n + "x" + c, () -> k.svmLoss(scores, y).loss(), scores,
                    k.svmLoss(scores, y).dx(), false);
            Matrix x = randn(b, DType.FLOAT64, 9, n, c, 1);
            Matrix dout = randn(b, DType.FLOAT64, 10, n, c, 1);
            checkNumeric(b.name() + " sigmoid " + n + "x" + c, () -> k.sigmoidForward(x).out().mul(dout).sum(), x,
                    k.sigmoidBackward(dout, k.sigmoidForward(x).cache()), false);
            checkNumeric(b.name() + " relu " + n + "x" + c, () -> k.reluForward(x).out().mul(dout).sum(), x,
                    k.reluBackward(dout, k.reluForward(x).cache()), false);
            if (n >= 2 && n <= 7) {
                // batchnorm couples the rows of the batch: beyond a few rows its gradient entries drop
                // towards the centred difference's noise, so it is checked on the notebook's small batches
                Matrix gamma = randn(b, DType.FLOAT64, 11, 1, c, 1);
                Matrix beta = randn(b, DType.FLOAT64, 12, 1, c, 1);
                BatchnormCache cache = k.batchnormForward(x, gamma, beta, new BatchnormParam()).cache();
                for (var form : Map.of("batchnorm_backward", k.batchnormBackward(dout, cache),
                        "batchnorm_backward_alt", k.batchnormBackwardAlt(dout, cache)).entrySet()) {
                    BatchnormGrads g = form.getValue();
                    String bn = b.name() + " " + form.getKey() + " " + n + "x" + c;
                    checkNumeric(bn + " dx", () -> k.batchnormForward(x, gamma, beta, new BatchnormParam()).out()
                            .mul(dout).sum(), x, g.dx(), false);
                    checkNumeric(bn + " dgamma", () -> k.batchnormForward(x, gamma, beta, new BatchnormParam()).out()
                            .mul(dout).sum(), gamma, g.dgamma(), false);
                    checkNumeric(bn + " dbeta", () -> k.batchnormForward(x, gamma, beta, new BatchnormParam()).out()
                            .mul(dout).sum(), beta, g.dbeta(), false);
                }
            }
            DropoutParam seeded = new DropoutParam(0.6, 3L);
            NumpyRandom rng = new NumpyRandom(0);
            checkNumeric(b.name() + " dropout " + n + "x" + c,
                    () -> k.dropoutForward(x, seeded, rng).out().mul(dout).sum(),
                    x, k.dropoutBackward(dout, k.dropoutForward(x, seeded, rng).cache()), false);
        }
    }

    /**
     * All entries for small matrices; 40 random entries (cs231n's grad_check_sparse) for large ones. A
     * gradient that is zero in exact arithmetic (a bias feeding batchnorm) has no relative error to
     * speak of: there both the analytic and the numeric values must be rounding noise.
     */
    private static void checkNumeric(String what, java.util.function.DoubleSupplier f, Matrix x, Matrix analytic,
            boolean sparse) {
        checkNumeric(what, f, x, analytic, sparse, GradientCheck.DEFAULT_H, 1e-7);
    }

    private static void checkNumeric(String what, java.util.function.DoubleSupplier f, Matrix x, Matrix analytic,
            boolean sparse, double h) {
        checkNumeric(what, f, x, analytic, sparse, h, 1e-7);
    }

    private static void checkNumeric(String what, java.util.function.DoubleSupplier f, Matrix x, Matrix analytic,
            boolean sparse, double h, double bound) {
        if (sparse) {
            double e = GradientCheck.gradCheckSparse(f, x, analytic, 40, h, new NumpyRandom(0));
            assertTrue(e <= bound, what + ": numeric vs analytic rel_error " + e + " (40 sampled entries)");
            return;
        }
        Matrix numeric = GradientCheck.evalNumericalGradient(f, x, h);
        if (maxAbs(analytic.toArray()) < 1e-12) {
            assertTrue(maxAbs(numeric.toArray()) < 1e-8, what + ": a zero gradient, but numerically "
                    + maxAbs(numeric.toArray()));
            return;
        }
        double e = GradientCheck.relError(numeric, analytic);
        assertTrue(e <= bound, what + ": numeric vs analytic rel_error " + e);
    }

    // ------------------------------------------------------------------ models

    /**
     * Model cases: kind, N, D, H, C, the input scale, and the bound of the numeric check (0: none).
     * The centred difference resolves a gradient entry only down to its rounding noise
     * ({@code ~eps * loss / h}, about 1e-10), so the cases are sized as the notebooks' checks are:
     * toy-like inputs and few parameters, checked to the notebooks' 1e-7. Deeper nets are checked to
     * the bounds their notebooks print: the three-layer net (cs231n: "on the order of e-7 or
     * smaller"; its unregularized biases have entries near the noise) to 1e-6, and the batchnorm and
     * dropout net to 1e-5 — ReLUs after a normalized batch sit near their kinks and the normalization
     * adds curvature, and the cs231n batchnorm notebook's own check prints 1e-6 .. 1e-4. Every layer of
     * that net is also checked on its own to 1e-7 (the kernel checks above). The D = 3072 case is checked across
     * backends only: many of its W1 entries are below the rounding noise; the affine kernel's numeric
     * check at D = 3072 (well-conditioned, above) covers that size.
     */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("two-layer cs231n", 17, 40, 9, 6, 10.0, 1e-7),
                Arguments.of("two-layer nndl layout", 9, 13, 7, 5, 10.0, 1e-7),
                Arguments.of("mlp sigmoid l1", 6, 11, 8, 4, 10.0, 1e-7),
                Arguments.of("mlp relu", 6, 10, 10, 4, 10.0, 1e-7),
                Arguments.of("mlp relu", 33, 3072, 50, 10, 1.0, 0.0),
                Arguments.of("fc batchnorm dropout", 8, 15, 16, 6, 1.0, 1e-5),
                Arguments.of("fc 3 layers", 2, 15, 20, 10, 1.0, 1e-6),
                Arguments.of("fc 3 layers", 64, 300, 40, 10, 1.0, 0.0));
    }

    private static Model model(String kind, Backend b, DType dt, int d, int h, int c) {
        NumpyRandom rng = new NumpyRandom(42);
        switch (kind) {
            case "two-layer cs231n":
                return reg(new TwoLayerNet(b, TwoLayerNetConfig.of(d, h, c).withStd(0.1).withDType(dt), rng));
            case "two-layer nndl layout":
                return reg(new NndlTwoLayerNet(b, TwoLayerNetConfig.of(d, h, c).withStd(0.1).withDType(dt), rng));
            case "mlp sigmoid l1":
                return reg(
                        new TwoLayerMLP(b, TwoLayerNetConfig.of(d, h, c).withStd(0.3).withDType(dt), Activation.SIGMOID,
                                Regularization.L1, rng));
            case "mlp relu":
                return reg(new TwoLayerMLP(b, TwoLayerNetConfig.of(d, h, c)
                        .withStd(Math.min(0.1, 1 / Math.sqrt(d))).withDType(dt), Activation.RELU, rng));
            case "fc batchnorm dropout":
                return new FullyConnectedNet(b, FullyConnectedNetConfig.of(h, h - 3).inputDim(d).numClasses(c)
                        .useBatchnorm(true).dropout(0.7).seed(5L).reg(0.5).weightScale(0.3).dtype(dt), rng);
            default:
                // the notebook's three-layer check: hidden (20, 30) for H = 20, weight scale 5e-2, reg 3.14
                return new FullyConnectedNet(b, FullyConnectedNetConfig.of(h, h + h / 2).inputDim(d).numClasses(c)
                        .reg(3.14).weightScale(5e-2).dtype(dt), rng);
        }
    }

    private static TwoLayerModel reg(TwoLayerModel net) {
        net.setReg(0.05);
        return net;
    }

    private static Results modelResults(String kind, Backend b, DType dt, int n, int d, int h, int c, double scale) {
        Model model = model(kind, b, dt, d, h, c);
        Matrix x = randn(b, dt, 21, n, d, scale);
        int[] y = labels(22, n, c);
        LossGrads lg = model.loss(x, y);
        Results r = new Results().put("loss", lg.loss()).put("scores", model.scores(x));
        lg.grads().forEach(r::put);
        return r;
    }

    @ParameterizedTest(name = "{0} N={1} D={2}")
    @MethodSource("models")
    void modelsAgreeAcrossBackendsAndWithNumericGradients(String kind, int n, int d, int h, int c, double scale,
            double bound) {
        Map<String, Results> r = assertAgree(kind, b -> modelResults(kind, b, DType.FLOAT64, n, d, h, c, scale));
        assertFloat32Close(kind, r.values().iterator().next(), d + h + n,
                b -> modelResults(kind, b, DType.FLOAT32, n, d, h, c, scale));
        for (Backend b : bound > 0 ? backends() : List.<Backend>of()) {
            Model model = model(kind, b, DType.FLOAT64, d, h, c);
            Matrix x = randn(b, DType.FLOAT64, 21, n, d, scale);
            int[] y = labels(22, n, c);
            LossGrads lg = model.loss(x, y);
            assertEquals(model.params().names(), lg.grads().names());
            for (String name : model.params().names()) {
                Matrix p = model.params().get(name);
                checkNumeric(b.name() + " " + kind + " " + name, () -> model.loss(x, y).loss(), p,
                        lg.grads().get(name), false, GradientCheck.DEFAULT_H, bound);
            }
        }
    }
}
