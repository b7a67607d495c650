package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

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
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.optim.OptimConfig;
import org.backprop4j.solver.optim.UpdateRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel and update rule on every backend against the NumPy port's outputs in
 * {@code vectors/kernels.json} (an independent reference). NumPy sums in another order (pairwise, or
 * in BLAS), so results may differ in the last bits: each comparison allows 1e-12 of the reference's
 * largest magnitude.
 */
class KernelVectorsTest {

    private static final double TOL = 1e-12;

    static Stream<Backend> backends() {
        return BackendsUnderTest.all();
    }

    private static JsonNode cases(String kernel) {
        return Vectors.load("kernels.json").get(kernel).get("cases");
    }

    /** Asserts {@code max |actual - expected| <= TOL * max(1, max |expected|)}. */
    static void assertMatches(String what, JsonNode expected, Matrix actual) {
        double[] e = Vectors.doubles(expected);
        double[] a = actual.toArray();
        assertEquals(e.length, a.length, what + ": size");
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            if (!(err <= TOL * scale)) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", NumPy gave " + e[i]
                        + " (|err| " + err + " > " + TOL + " * " + scale + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void affineAndAffineRelu(Backend b) {
        Kernels k = b.kernels();
        for (JsonNode c : cases("affine")) {
            String n = b.name() + " affine " + c.get("name").asText();
            Forward<AffineCache> f = k.affineForward(m(b, c, "x"), m(b, c, "w"), m(b, c, "b"));
            assertMatches(n + " out", c.get("out"), f.out());
            AffineGrads g = k.affineBackward(m(b, c, "dout"), f.cache());
            assertMatches(n + " dx", c.get("dx"), g.dx());
            assertMatches(n + " dw", c.get("dw"), g.dw());
            assertMatches(n + " db", c.get("db"), g.db());
        }
        for (JsonNode c : cases("affine_relu")) {
            String n = b.name() + " affine_relu " + c.get("name").asText();
            Forward<AffineReluCache> f = k.affineReluForward(m(b, c, "x"), m(b, c, "w"), m(b, c, "b"));
            assertMatches(n + " out", c.get("out"), f.out());
            AffineGrads g = k.affineReluBackward(m(b, c, "dout"), f.cache());
            assertMatches(n + " dx", c.get("dx"), g.dx());
            assertMatches(n + " dw", c.get("dw"), g.dw());
            assertMatches(n + " db", c.get("db"), g.db());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reluAndSigmoid(Backend b) {
        Kernels k = b.kernels();
        for (JsonNode c : cases("relu")) {
            String n = b.name() + " relu " + c.get("name").asText();
            Forward<ReluCache> f = k.reluForward(m(b, c, "x"));
            assertMatches(n + " out", c.get("out"), f.out());
            assertMatches(n + " dx", c.get("dx"), k.reluBackward(m(b, c, "dout"), f.cache()));
        }
        for (JsonNode c : cases("sigmoid")) {
            String n = b.name() + " sigmoid " + c.get("name").asText();
            Forward<SigmoidCache> f = k.sigmoidForward(m(b, c, "x"));
            assertMatches(n + " out", c.get("out"), f.out());
            assertMatches(n + " dx", c.get("dx"), k.sigmoidBackward(m(b, c, "dout"), f.cache()));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxAndSvmLosses(Backend b) {
        Kernels k = b.kernels();
        for (JsonNode c : cases("softmax_loss")) {
            String n = b.name() + " softmax_loss " + c.get("name").asText();
            LossResult r = k.softmaxLoss(m(b, c, "x"), Vectors.ints(c.get("y")));
            assertEquals(c.get("loss").doubleValue(), r.loss(),
                    TOL * Math.max(1, Math.abs(c.get("loss").doubleValue())), n);
            assertMatches(n + " dx", c.get("dx"), r.dx());
        }
        for (JsonNode c : cases("svm_loss")) {
            String n = b.name() + " svm_loss " + c.get("name").asText();
            LossResult r = k.svmLoss(m(b, c, "x"), Vectors.ints(c.get("y")));
            assertEquals(c.get("loss").doubleValue(), r.loss(),
                    TOL * Math.max(1, Math.abs(c.get("loss").doubleValue())), n);
            assertMatches(n + " dx", c.get("dx"), r.dx());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void batchnormTrainStepsRunningStatisticsAndTestMode(Backend b) {
        Kernels k = b.kernels();
        for (JsonNode c : cases("batchnorm")) {
            String n = b.name() + " batchnorm " + c.get("name").asText();
            BatchnormParam p = new BatchnormParam(c.get("eps").doubleValue(), c.get("momentum").doubleValue());
            Matrix gamma = m(b, c, "gamma");
            Matrix beta = m(b, c, "beta");
            int step = 0;
            for (JsonNode s : c.get("train_steps")) {
                Forward<BatchnormCache> f = k.batchnormForward(m(b, s, "x"), gamma, beta, p);
                assertMatches(n + " step " + step + " out", s.get("out"), f.out());
                // the staged batchnorm_backward and the one-formula batchnorm_backward_alt, each against NumPy
                BatchnormGrads staged = k.batchnormBackward(m(b, s, "dout"), f.cache());
                BatchnormGrads alt = k.batchnormBackwardAlt(m(b, s, "dout"), f.cache());
                for (var g : Map.of("batchnorm_backward", staged, "batchnorm_backward_alt", alt).entrySet()) {
                    String w = n + " step " + step + " " + g.getKey();
                    assertMatches(w + " dx", s.get("dx"), g.getValue().dx());
                    assertMatches(w + " dgamma", s.get("dgamma"), g.getValue().dgamma());
                    assertMatches(w + " dbeta", s.get("dbeta"), g.getValue().dbeta());
                }
                assertMatches(n + " step " + step + " running_mean", s.get("running_mean"), p.runningMean());
                assertMatches(n + " step " + step + " running_var", s.get("running_var"), p.runningVar());
                step++;
            }
            p.setMode(Mode.TEST);
            assertMatches(n + " test out", c.get("test_out"),
                    k.batchnormForward(m(b, c, "test_x"), gamma, beta, p).out());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dropoutMasksComeFromTheSeededGenerator(Backend b) {
        Kernels k = b.kernels();
        for (JsonNode c : cases("dropout")) {
            String n = b.name() + " dropout " + c.get("name").asText();
            DropoutParam p = new DropoutParam(c.get("p").doubleValue(), c.get("seed").longValue());
            NumpyRandom rng = new NumpyRandom(99);
            Forward<DropoutCache> f = k.dropoutForward(m(b, c, "x"), p, rng);
            assertMatches(n + " mask", c.get("mask"), f.cache().mask());
            assertMatches(n + " out", c.get("out"), f.out());
            assertMatches(n + " dx", c.get("dx"), k.dropoutBackward(m(b, c, "dout"), f.cache()));
            p.setMode(Mode.TEST);
            Forward<DropoutCache> t = k.dropoutForward(m(b, c, "x"), p, rng);
            assertMatches(n + " test out", c.get("test_out"), t.out());
            assertMatches(n + " test dx", c.get("test_dx"), k.dropoutBackward(m(b, c, "dout"), t.cache()));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void updateRulesFollowOptimPy(Backend b) {
        for (JsonNode c : Vectors.load("kernels.json").get("optim").get("cases")) {
            String rule = c.get("rule").asText();
            UpdateRule r = UpdateRule.byName(rule);
            Matrix w = m(b, c, "w0");
            java.util.Map<String, Double> hyper = new java.util.LinkedHashMap<>();
            OptimConfig config = new OptimConfig(hyper);
            c.get("initial_config").fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    config.putState(e.getKey(), Vectors.matrix(b, e.getValue()));
                } else if (e.getKey().equals("t")) {
                    config.setT(e.getValue().longValue());
                } else {
                    config.set(e.getKey(), e.getValue().doubleValue());
                }
            });
            int i = 0;
            for (JsonNode s : c.get("steps")) {
                String n = b.name() + " " + rule + " step " + i++;
                r.update(w, Vectors.matrix(b, s.get("dw")), config);
                assertMatches(n + " next_w", s.get("next_w"), w);
                for (String state : new String[] {"velocity", "cache", "m", "v"}) {
                    if (s.has(state)) {
                        assertMatches(n + " " + state, s.get(state), config.stateMatrices().get(state));
                    }
                }
                if (s.has("t")) {
                    assertEquals(s.get("t").longValue(), config.t(), n);
                }
                assertEquals(s.get("learning_rate").doubleValue(), config.get("learning_rate"), 0.0, n);
            }
        }
    }

    private static Matrix m(Backend b, JsonNode c, String key) {
        return Vectors.matrix(b, c.get(key));
    }

    @org.junit.jupiter.api.Test
    void dropoutUniformsAreNumpys() {
        for (JsonNode c : cases("dropout")) {
            double[] expected = Vectors.doubles(c.get("uniforms"));
            assertArrayEquals(expected, new NumpyRandom(c.get("seed").longValue()).rand(expected.length), 0.0);
        }
    }
}
