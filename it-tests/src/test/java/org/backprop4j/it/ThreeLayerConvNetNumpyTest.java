package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.vectors.ConvVectors;
import org.backprop4j.conformance.vectors.Vectors;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ThreeLayerConvNet} against the NumPy port's {@code cnn.py} (conv_notebook.json's {@code gradcheck}, written
 * by {@code gen_conv_vectors.py}) on the notebook's gradient-check setup, on every backend in float64: the same
 * draws give the same parameters, bit for bit, and the loss and every gradient agree with NumPy's.
 */
class ThreeLayerConvNetNumpyTest {

    private static final JsonNode REF = Vectors.load("/vectors/conv_notebook.json").get("three_layer_convnet")
            .get("gradcheck");

    static Stream<Backend> backends() {
        return BackendsUnderTest.all();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lossAndGradientsAreNumpys(Backend b) {
        // np.random.seed(231); X = np.random.randn(2, 3, 16, 16); y = np.random.randint(10, size=2); then the model
        NumpyRandom rng = new NumpyRandom(231);
        Matrix x = b.fromArray(2, 3 * 16 * 16, rng.randn(2 * 3 * 16 * 16), DType.FLOAT64);
        int[] y = rng.randintInt(10, 2);
        assertArrayEquals(Vectors.ints(REF.get("y")), y, "y drawn as NumPy draws it");
        // NumPy 2's SIMD log is sometimes 1 ulp off libm's (Java's), so randn's draws agree to rounding, not bits
        assertTrue(normwise(flat(REF.get("X")), x.toArray()) < 1e-15, "X drawn as NumPy draws it");
        ThreeLayerConvNetConfig config = ThreeLayerConvNetConfig.defaults().inputDim(3, 16, 16)
                .numFilters(REF.get("num_filters").intValue()).filterSize(REF.get("filter_size").intValue())
                .hiddenDim(REF.get("hidden_dim").intValue()).weightScale(REF.get("weight_scale").doubleValue())
                .reg(REF.get("reg").doubleValue()).dtype(DType.FLOAT64);
        ThreeLayerConvNet model = new ThreeLayerConvNet(b, config, rng);
        JsonNode params = REF.get("params");
        List<String> names = new ArrayList<>();
        params.fieldNames().forEachRemaining(names::add);
        assertEquals(names, model.params().names(), "the parameters in cnn.py's order");
        for (String name : names) {
            assertTrue(normwise(flat(params.get(name)), model.params().get(name).toArray()) < 1e-15,
                    name + " drawn as NumPy's");
        }
        LossGrads lg = model.loss(x, y);
        double loss = REF.get("loss").doubleValue();
        // one conv, two affine layers and a softmax over 2 samples: NumPy's BLAS sums in another order, ~1e-16
        assertEquals(loss, lg.loss(), 1e-13 * Math.abs(loss), "loss");
        JsonNode grads = REF.get("grads");
        for (String name : names) {
            double err = normwise(flat(grads.get(name)), lg.grads().get(name).toArray());
            // sums of at most 192 * 2 * 256 products in float64 in a different order: far below 1e-10 of the norm
            assertTrue(err < 1e-10, b.name() + " d" + name + " differs from NumPy's by " + err + " of its norm");
        }
    }

    /** ||a - e|| / ||e||. */
    private static double normwise(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "number of values");
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            num += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), Double.MIN_NORMAL);
    }

    /** Any of the file's arrays, flat in C order: a 4-D {@code {"shape", "data"}} object, rows, or a flat list. */
    private static double[] flat(JsonNode node) {
        return node.isObject() ? ConvVectors.values(node) : Vectors.doubles(node);
    }
}
