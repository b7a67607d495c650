package org.backprop4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Model#observeActivations}: each model hands over the hidden outputs of its training forward pass, which
 * equal {@code f(X·W + b)} computed here by hand from its parameters, and nothing in test mode or once unset.
 */
class ActivationSinkTest {

    private final Backend b = Backends.get("pure");
    private final NumpyRandom data = new NumpyRandom(4);
    private final Matrix x = b.fromArray(6, 5, data.normal(0, 1, 30), DType.FLOAT64);
    private final int[] y = {0, 1, 2, 0, 1, 2};

    private record Seen(int layer, String activation, double[] values) {
    }

    private static List<Seen> observe(Model m, Runnable pass) {
        List<Seen> seen = new ArrayList<>();
        m.observeActivations((layer, activation, values) -> seen.add(new Seen(layer, activation, values.toArray())));
        pass.run();
        m.observeActivations(null);
        return seen;
    }

    /** {@code f(in·W + b)} with W of shape (in, out), or {@code f(in·Wᵀ + b)} when {@code transposed}. */
    private static double[] layer(double[] in, int n, Matrix w, Matrix bias, boolean transposed, boolean sigmoid) {
        int d = transposed ? w.cols() : w.rows();
        int h = transposed ? w.rows() : w.cols();
        double[] wv = w.toArray();
        double[] bv = bias.toArray();
        double[] out = new double[n * h];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h; j++) {
                double z = bv[j];
                for (int k = 0; k < d; k++) {
                    z += in[i * d + k] * (transposed ? wv[j * d + k] : wv[k * h + j]);
                }
                out[i * h + j] = sigmoid ? 1 / (1 + Math.exp(-z)) : Math.max(0, z);
            }
        }
        return out;
    }

    @Test
    void theTwoLayerNetsHandOverTheirHiddenLayer() {
        TwoLayerNetConfig config = TwoLayerNetConfig.of(5, 7, 3).withStd(0.5);
        Model[] nets = {new TwoLayerNet(b, config, new NumpyRandom(0)),
                new NndlTwoLayerNet(b, config, new NumpyRandom(0)),
                new TwoLayerMLP(b, config, Activation.RELU, new NumpyRandom(0)),
                new TwoLayerMLP(b, config, Activation.SIGMOID, new NumpyRandom(0))};
        boolean[] transposed = {false, true, false, false};
        String[] activation = {"relu", "relu", "relu", "sigmoid"};
        for (int n = 0; n < nets.length; n++) {
            Model m = nets[n];
            List<Seen> seen = observe(m, () -> m.loss(x, y));
            assertEquals(1, seen.size(), m.spec().toString());
            assertEquals(1, seen.get(0).layer());
            assertEquals(activation[n], seen.get(0).activation());
            assertArrayEquals(layer(x.toArray(), 6, m.params().get("W1"), m.params().get("b1"), transposed[n],
                    activation[n].equals("sigmoid")), seen.get(0).values(), 1e-12, m.spec().toString());
            assertEquals(List.of(), observe(m, () -> m.scores(x)), "test-time passes are not observed");
            List<Integer> after = new ArrayList<>();
            m.observeActivations((layer, a, values) -> after.add(layer));
            m.observeActivations(null);
            m.loss(x, y);
            assertEquals(List.of(), after, "observeActivations(null) stops the hand-over");
        }
    }

    @Test
    void theFullyConnectedNetHandsOverEveryHiddenLayerBeforeDropout() {
        FullyConnectedNet net = new FullyConnectedNet(b, FullyConnectedNetConfig.of(8, 4).inputDim(5).numClasses(3)
                .weightScale(0.5).dropout(0.5).seed(1L).dtype(DType.FLOAT64), new NumpyRandom(0));
        List<Seen> seen = observe(net, () -> net.loss(x, y));
        assertEquals(2, seen.size());
        double[] h1 = layer(x.toArray(), 6, net.params().get("W1"), net.params().get("b1"), false, false);
        assertArrayEquals(h1, seen.get(0).values(), 1e-12);
        assertEquals(1, seen.get(0).layer());
        assertEquals(2, seen.get(1).layer());
        // layer 2's input is layer 1's output after dropout, so only its shape and sign are known by hand
        assertEquals(6 * 4, seen.get(1).values().length);
        assertEquals(0, java.util.Arrays.stream(seen.get(1).values()).filter(v -> v < 0).count());
        assertEquals(List.of(), observe(net, () -> net.scores(x)));
    }

    @Test
    void withoutDropoutTheSecondLayerIsReluOfTheFirstTimesW2() {
        FullyConnectedNet net = new FullyConnectedNet(b, FullyConnectedNetConfig.of(8, 4).inputDim(5).numClasses(3)
                .weightScale(0.5).dtype(DType.FLOAT64), new NumpyRandom(0));
        List<Seen> seen = observe(net, () -> net.loss(x, y));
        double[] h1 = layer(x.toArray(), 6, net.params().get("W1"), net.params().get("b1"), false, false);
        assertArrayEquals(layer(h1, 6, net.params().get("W2"), net.params().get("b2"), false, false),
                seen.get(1).values(), 1e-12);
    }
}
