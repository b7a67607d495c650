package org.backprop4j.conformance.vectors;

import static org.backprop4j.conformance.compare.Compare.assertMatches;
import static org.backprop4j.conformance.compare.Compare.assertScalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.compare.Tolerances;
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

/**
 * Every kernel and update rule against the NumPy port's outputs in {@link Vectors#KERNELS} (an independent
 * reference, written by {@code gen_vectors.py}), in float64. NumPy sums in another order (pairwise, or in BLAS),
 * so results may differ in the last bits: each comparison allows {@link Tolerances#VECTORS} of the reference's
 * largest magnitude (at least 1).
 */
public final class KernelVectors {

    private final Backend b;

    private KernelVectors(Backend backend) {
        this.b = backend;
    }

    /** The vector checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        KernelVectors v = new KernelVectors(backend);
        return List.of(new Check("affine_forward/backward, affine_relu_forward/backward vs NumPy float64",
                v::affineAndAffineRelu),
                new Check("relu_forward/backward, sigmoid_forward/backward vs NumPy float64", v::reluAndSigmoid),
                new Check("softmax_loss, svm_loss vs NumPy float64", v::softmaxAndSvmLosses),
                new Check("batchnorm_forward/backward/backward_alt, running stats, test mode vs NumPy float64",
                        v::batchnormTrainStepsRunningStatisticsAndTestMode),
                new Check("dropout_forward/backward (seeded mask) vs NumPy float64",
                        v::dropoutMasksComeFromTheSeededGenerator),
                new Check("sgd, sgd_momentum, rmsprop, adam vs optim.py float64", v::updateRulesFollowOptimPy),
                new Check("dropout's np.random.rand draws", v::dropoutUniformsAreNumpys));
    }

    private static JsonNode cases(String kernel) {
        return Vectors.load(Vectors.KERNELS).get(kernel).get("cases");
    }

    private static void matches(String what, JsonNode expected, Matrix actual) {
        assertMatches(what, Vectors.doubles(expected), actual, Tolerances.VECTORS);
    }

    private void affineAndAffineRelu() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("affine")) {
            String n = "affine " + c.get("name").asText();
            Forward<AffineCache> f = k.affineForward(m(b, c, "x"), m(b, c, "w"), m(b, c, "b"));
            matches(n + " out", c.get("out"), f.out());
            AffineGrads g = k.affineBackward(m(b, c, "dout"), f.cache());
            matches(n + " dx", c.get("dx"), g.dx());
            matches(n + " dw", c.get("dw"), g.dw());
            matches(n + " db", c.get("db"), g.db());
        }
        for (JsonNode c : cases("affine_relu")) {
            String n = "affine_relu " + c.get("name").asText();
            Forward<AffineReluCache> f = k.affineReluForward(m(b, c, "x"), m(b, c, "w"), m(b, c, "b"));
            matches(n + " out", c.get("out"), f.out());
            AffineGrads g = k.affineReluBackward(m(b, c, "dout"), f.cache());
            matches(n + " dx", c.get("dx"), g.dx());
            matches(n + " dw", c.get("dw"), g.dw());
            matches(n + " db", c.get("db"), g.db());
        }
    }

    private void reluAndSigmoid() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("relu")) {
            String n = "relu " + c.get("name").asText();
            Forward<ReluCache> f = k.reluForward(m(b, c, "x"));
            matches(n + " out", c.get("out"), f.out());
            matches(n + " dx", c.get("dx"), k.reluBackward(m(b, c, "dout"), f.cache()));
        }
        for (JsonNode c : cases("sigmoid")) {
            String n = "sigmoid " + c.get("name").asText();
            Forward<SigmoidCache> f = k.sigmoidForward(m(b, c, "x"));
            matches(n + " out", c.get("out"), f.out());
            matches(n + " dx", c.get("dx"), k.sigmoidBackward(m(b, c, "dout"), f.cache()));
        }
    }

    private void softmaxAndSvmLosses() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("softmax_loss")) {
            Matrix x = m(b, c, "x");
            String n = "softmax_loss " + c.get("name").asText() + " x " + x.shape() + " " + x.dtype();
            LossResult r = k.softmaxLoss(x, Vectors.ints(c.get("y")));
            assertScalar(n + " loss", c.get("loss").doubleValue(), r.loss(), Tolerances.VECTORS);
            matches(n + " dx", c.get("dx"), r.dx());
        }
        for (JsonNode c : cases("svm_loss")) {
            Matrix x = m(b, c, "x");
            String n = "svm_loss " + c.get("name").asText() + " x " + x.shape() + " " + x.dtype();
            LossResult r = k.svmLoss(x, Vectors.ints(c.get("y")));
            assertScalar(n + " loss", c.get("loss").doubleValue(), r.loss(), Tolerances.VECTORS);
            matches(n + " dx", c.get("dx"), r.dx());
        }
    }

    private void batchnormTrainStepsRunningStatisticsAndTestMode() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("batchnorm")) {
            String n = "batchnorm " + c.get("name").asText();
            BatchnormParam p = new BatchnormParam(c.get("eps").doubleValue(), c.get("momentum").doubleValue());
            Matrix gamma = m(b, c, "gamma");
            Matrix beta = m(b, c, "beta");
            int step = 0;
            for (JsonNode s : c.get("train_steps")) {
                Forward<BatchnormCache> f = k.batchnormForward(m(b, s, "x"), gamma, beta, p);
                matches(n + " step " + step + " out", s.get("out"), f.out());
                // the staged batchnorm_backward and the one-formula batchnorm_backward_alt, each against NumPy
                BatchnormGrads staged = k.batchnormBackward(m(b, s, "dout"), f.cache());
                BatchnormGrads alt = k.batchnormBackwardAlt(m(b, s, "dout"), f.cache());
                for (var g : Map.of("batchnorm_backward", staged, "batchnorm_backward_alt", alt).entrySet()) {
                    String w = n + " step " + step + " " + g.getKey();
                    matches(w + " dx", s.get("dx"), g.getValue().dx());
                    matches(w + " dgamma", s.get("dgamma"), g.getValue().dgamma());
                    matches(w + " dbeta", s.get("dbeta"), g.getValue().dbeta());
                }
                matches(n + " step " + step + " running_mean", s.get("running_mean"), p.runningMean());
                matches(n + " step " + step + " running_var", s.get("running_var"), p.runningVar());
                step++;
            }
            p.setMode(Mode.TEST);
            matches(n + " test out", c.get("test_out"),
                    k.batchnormForward(m(b, c, "test_x"), gamma, beta, p).out());
        }
    }

    private void dropoutMasksComeFromTheSeededGenerator() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("dropout")) {
            String n = "dropout " + c.get("name").asText();
            DropoutParam p = new DropoutParam(c.get("p").doubleValue(), c.get("seed").longValue());
            NumpyRandom rng = new NumpyRandom(99);
            Forward<DropoutCache> f = k.dropoutForward(m(b, c, "x"), p, rng);
            matches(n + " mask", c.get("mask"), f.cache().mask());
            matches(n + " out", c.get("out"), f.out());
            matches(n + " dx", c.get("dx"), k.dropoutBackward(m(b, c, "dout"), f.cache()));
            p.setMode(Mode.TEST);
            Forward<DropoutCache> t = k.dropoutForward(m(b, c, "x"), p, rng);
            matches(n + " test out", c.get("test_out"), t.out());
            matches(n + " test dx", c.get("test_dx"), k.dropoutBackward(m(b, c, "dout"), t.cache()));
        }
    }

    private void updateRulesFollowOptimPy() {
        for (JsonNode c : Vectors.load(Vectors.KERNELS).get("optim").get("cases")) {
            String rule = c.get("rule").asText();
            UpdateRule r = UpdateRule.byName(rule);
            Matrix w = m(b, c, "w0");
            Map<String, Double> hyper = new LinkedHashMap<>();
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
                String n = "" + rule + " step " + i++;
                r.update(w, Vectors.matrix(b, s.get("dw")), config);
                matches(n + " next_w", s.get("next_w"), w);
                for (String state : new String[] {"velocity", "cache", "m", "v"}) {
                    if (s.has(state)) {
                        matches(n + " " + state, s.get(state), config.stateMatrices().get(state));
                    }
                }
                if (s.has("t")) {
                    assertEquals(s.get("t").longValue(), config.t(), n);
                }
                assertEquals(s.get("learning_rate").doubleValue(), config.get("learning_rate"), 0.0, n);
            }
        }
    }

    private Matrix m(Backend backend, JsonNode c, String key) {
        return Vectors.matrix(backend, c.get(key));
    }

    private void dropoutUniformsAreNumpys() {
        for (JsonNode c : cases("dropout")) {
            double[] expected = Vectors.doubles(c.get("uniforms"));
            assertArrayEquals(expected, new NumpyRandom(c.get("seed").longValue()).rand(expected.length), 0.0);
        }
    }
}
