package org.backprop4j.models.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerModel;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private final Backend b = Backends.get("pure");
    private final TwoLayerNetConfig config = TwoLayerNetConfig.of(4, 10, 3).withStd(0.1);
    private final ToyData toy = ToyData.notebook(b);

    /** The spec as the configurable TwoLayerNet of format-version-1 checkpoints wrote it. */
    private static ModelSpec v1Spec(String kind, String activation, String layout, String regularization) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("input_size", "4");
        p.put("hidden_size", "10");
        p.put("num_classes", "3");
        p.put("std", "0.1");
        p.put("activation", activation);
        p.put("layout", layout);
        p.put("regularization", regularization);
        p.put("dtype", "float64");
        p.put("reg", "0.25");
        return new ModelSpec(kind, p);
    }

    @Test
    void eachTwoLayerNetIsRebuiltFromItsSpecAsTheSameNet() {
        for (TwoLayerModel net : new TwoLayerModel[] {new TwoLayerNet(b, config, new NumpyRandom(0)),
                new NndlTwoLayerNet(b, config, new NumpyRandom(0)),
                new TwoLayerMLP(b, config, Activation.SIGMOID, new NumpyRandom(0)),
                new TwoLayerMLP(b, config, Activation.RELU, Regularization.L1, new NumpyRandom(0))}) {
            net.setReg(0.3);
            Model copy = ModelCatalog.create(b, net.spec(), new NumpyRandom(7));
            assertEquals(net.getClass(), copy.getClass());
            assertEquals(net.spec(), copy.spec(), "the spec survives the round trip");
            copy.params().assign(net.params());
            assertEquals(net.loss(toy.x(), toy.y()).loss(), copy.loss(toy.x(), toy.y()).loss(), 0.0,
                    net.spec().toString());
        }
    }

    @Test
    void specsWrittenBeforeTheSplitLoadAsTheNetThatComputesTheSame() {
        assertInstanceOf(TwoLayerNet.class, ModelCatalog.create(b, v1Spec("two-layer", "relu", "INPUT_BY_OUTPUT", "l2"),
                new NumpyRandom(0)));
        assertInstanceOf(NndlTwoLayerNet.class, ModelCatalog.create(b, v1Spec("two-layer", "relu", "OUTPUT_BY_INPUT",
                "l2-half"), new NumpyRandom(0)));
        TwoLayerModel mlp = (TwoLayerModel) ModelCatalog.create(b,
                v1Spec("mlp", "sigmoid", "INPUT_BY_OUTPUT", "l2-half"),
                new NumpyRandom(0));
        assertInstanceOf(TwoLayerMLP.class, mlp);
        assertEquals(Activation.SIGMOID, mlp.activation());
        assertEquals(0.25, mlp.reg());
        // the configurable class also wrote two-layer specs with other conventions: the MLP computes them
        TwoLayerModel l1 = (TwoLayerModel) ModelCatalog.create(b,
                v1Spec("two-layer", "sigmoid", "INPUT_BY_OUTPUT", "l1"),
                new NumpyRandom(0));
        assertInstanceOf(TwoLayerMLP.class, l1);
        assertEquals(Regularization.L1, l1.regularization());
        // weights drawn from the generator as the notebook draws them: W1 first
        assertArrayEquals(new NumpyRandom(0).randn(40), l1.params().get("W1").scale(10).toArray(), 1e-15);
    }

    @Test
    void aSpecNoNetStoresSoIsRejectedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create(b,
                v1Spec("two-layer", "sigmoid", "OUTPUT_BY_INPUT", "l2-half"), new NumpyRandom(0)));
        assertTrue(e.getMessage().contains("OUTPUT_BY_INPUT") && e.getMessage().contains("sigmoid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create(b, new ModelSpec("cnn", Map.of()),
                new NumpyRandom(0)));
    }
}
