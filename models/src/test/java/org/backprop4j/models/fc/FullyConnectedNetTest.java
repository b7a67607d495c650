package org.backprop4j.models.fc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.catalog.ModelCatalog;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class FullyConnectedNetTest {

    private final Backend b = Backends.get("pure");

    private Matrix randn(NumpyRandom rng, int rows, int cols) {
        return b.fromArray(rows, cols, rng.randn(rows * cols), DType.FLOAT64);
    }

    private static void assertGradientsCheck(FullyConnectedNet model, Matrix x, int[] y, double bound) {
        LossGrads lg = model.loss(x, y);
        assertEquals(model.params().names(), lg.grads().names(), "one gradient per parameter, same order");
        int layers = model.config().numLayers();
        for (String name : model.params().names()) {
            Matrix num = GradientCheck.evalNumericalGradient(() -> model.loss(x, y).loss(), model.params().get(name));
            Matrix ana = lg.grads().get(name);
            if (model.config().useBatchnorm() && name.matches("b\\d+") && !name.equals("b" + layers)) {
                // batchnorm subtracts the batch mean, so a bias feeding it has a zero gradient: both the
                // analytic and the numeric value are rounding noise and their rel_error means nothing
                assertTrue(ana.map(UnaryOp.ABS).max() < 1e-12, name + " analytic " + ana.max());
                assertTrue(num.map(UnaryOp.ABS).max() < 1e-8, name + " numeric " + num.max());
                continue;
            }
            double e = GradientCheck.relError(num, ana);
            assertTrue(e < bound, name + " relative error " + e);
        }
    }

    @Test
    void threeLayerNetPassesGradientChecksWithAndWithoutReg() {
        NumpyRandom rng = new NumpyRandom(231);
        Matrix x = randn(rng, 2, 15);
        int[] y = rng.randintInt(10, 2);
        for (double reg : new double[] {0, 3.14}) {
            FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(20, 30).inputDim(15)
                    .numClasses(10).reg(reg).weightScale(5e-2).dtype(DType.FLOAT64), rng);
            // without reg, tiny gradients near ReLU kinks make the centred difference itself inexact:
            // NumPy's own check of this draw prints 2.2e-5 for W2, the notebook up to 7.3e-6 for its draw
            assertGradientsCheck(model, x, y, reg == 0 ? 1e-4 : 1e-6);
        }
    }

    @Test
    void batchnormAndSeededDropoutPassGradientChecks() {
        NumpyRandom rng = new NumpyRandom(231);
        Matrix x = randn(rng, 4, 6);
        int[] y = rng.randintInt(5, 4);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(7, 8).inputDim(6).numClasses(5)
                .useBatchnorm(true).dropout(0.75).seed(123L).reg(0.1).weightScale(0.3).dtype(DType.FLOAT64), rng);
        assertEquals(List.of("W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"),
                model.params().names());
        assertTrue(model.deterministic());
        assertGradientsCheck(model, x, y, 1e-5);
    }

    @Test
    void unseededDropoutIsNotDeterministic() {
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(7).inputDim(6).numClasses(5)
                .dropout(0.5).dtype(DType.FLOAT64), new NumpyRandom(0));
        assertFalse(model.deterministic());
    }

    @Test
    void testModeUsesRunningStatisticsNotTheBatchs() {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(5).inputDim(3).numClasses(2)
                .useBatchnorm(true).weightScale(1).dtype(DType.FLOAT64), rng);
        Matrix x = randn(rng, 8, 3);
        // running statistics start at zero: after one training pass they are 0.1 * the batch's
        model.loss(x, new int[8]);
        Matrix s1 = model.scores(x);
        Matrix s2 = model.scores(x.gatherRows(new int[] {0}));
        // in test mode each row is normalised on its own (running stats), so row 0 scores the same alone
        assertEquals(s1.get(0, 0), s2.get(0, 0), 1e-12);
        assertEquals(s1.get(0, 1), s2.get(0, 1), 1e-12);
        // and the running mean moved from zero towards the batch mean by (1 - momentum)
        Matrix running = model.bnParams().get(0).runningMean();
        assertNotEquals(0.0, running.get(0, 0));
    }

    /** cs231n 2019's {@code FullyConnectedNet(dropout=1)}: no dropout layers, so no random draws. */
    @Test
    void dropoutOneMeansNoDropoutLayersAndNoDraws() {
        NumpyRandom data = new NumpyRandom(1);
        Matrix x = randn(data, 6, 5);
        int[] y = {0, 1, 2, 0, 1, 2};
        NumpyRandom rngNone = new NumpyRandom(4);
        NumpyRandom rngOne = new NumpyRandom(4);
        FullyConnectedNet none = new FullyConnectedNet(b, FullyConnectedNetConfig.of(7, 6).inputDim(5).numClasses(3)
                .dtype(DType.FLOAT64), rngNone);
        FullyConnectedNet one = new FullyConnectedNet(b, FullyConnectedNetConfig.of(7, 6).inputDim(5).numClasses(3)
                .dropout(1).dtype(DType.FLOAT64), rngOne);
        assertFalse(one.config().useDropout());
        assertEquals(none.loss(x, y).loss(), one.loss(x, y).loss(), 0.0);
        assertEquals(rngNone.getState(), rngOne.getState(), "the training pass drew nothing");
        assertTrue(one.deterministic());
    }

    /** bn_param's momentum and eps: running = momentum * running + (1 - momentum) * batch statistic. */
    @Test
    void batchnormMomentumAndEpsAreTheConfigs() {
        NumpyRandom data = new NumpyRandom(2);
        Matrix x = randn(data, 8, 5);
        FullyConnectedNet net = new FullyConnectedNet(b, FullyConnectedNetConfig.of(4).inputDim(5).numClasses(3)
                .useBatchnorm(true).batchnormParams(0.25, 1e-3).dtype(DType.FLOAT64), new NumpyRandom(3));
        assertEquals(0.25, net.bnParams().get(0).momentum(), 0.0);
        assertEquals(1e-3, net.bnParams().get(0).eps(), 0.0);
        Matrix affine = x.dot(net.params().get("W1")).addRowVector(net.params().get("b1"));
        net.loss(x, new int[] {0, 1, 2, 0, 1, 2, 0, 1});
        double[] mean = affine.mean(0).toArray();
        double[] running = net.buffers().get("running_mean1").toArray();
        for (int j = 0; j < mean.length; j++) {
            assertEquals((1 - 0.25) * mean[j], running[j], 1e-15, "starting from zero, column " + j);
        }
        assertEquals("0.25", net.spec().properties().get("bn_momentum"));
        assertEquals("0.001", net.spec().properties().get("bn_eps"));
        FullyConnectedNet rebuilt = (FullyConnectedNet) ModelCatalog.create(b, net.spec(),
                new NumpyRandom(0));
        assertEquals(net.config(), rebuilt.config(), "the catalog rebuilds them from the spec");
    }
}
