package org.backprop4j.conformance.vectors;

import static org.backprop4j.conformance.compare.Compare.assertMatches;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.compare.Tolerances;
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
import org.backprop4j.tensor.Tensor;

/**
 * The convolutional kernels against the NumPy port's outputs in {@link #CONV} ({@code reference/conv_layers.py},
 * written by {@code gen_conv_vectors.py}), in float64: {@code conv_forward/backward} and
 * {@code max_pool_forward/backward}, both the naive loops and the fast path, spatial batchnorm (train steps with their
 * running statistics, then test mode), spatial groupnorm and the {@code conv_relu} / {@code conv_relu_pool}
 * sandwiches, on shapes with stride 2 and 3, pad 0 and 2, H != W, HH != WW, N = 1, C = 1, overlapping and gapped
 * pooling windows. Each comparison allows {@link Tolerances#VECTORS} of the reference's largest magnitude.
 */
public final class ConvVectors {

    /** The kit's file of convolutional cases. */
    public static final String CONV = "/org/backprop4j/conformance/vectors/conv.json";

    private final Backend b;

    private ConvVectors(Backend backend) {
        this.b = backend;
    }

    /** The convolutional vector checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        ConvVectors v = new ConvVectors(backend);
        return List.of(
                new Check("conv_forward/backward naive and fast vs NumPy float64", v::conv),
                new Check("max_pool_forward/backward naive and fast vs NumPy float64", v::maxPool),
                new Check("spatial_batchnorm_forward/backward, running stats, test mode vs NumPy float64",
                        v::spatialBatchnorm),
                new Check("spatial_groupnorm_forward/backward vs NumPy float64", v::spatialGroupnorm),
                new Check("conv_relu_forward/backward, conv_relu_pool_forward/backward vs NumPy float64",
                        v::sandwiches));
    }

    /**
     * A 4-D array of the conv vectors, {@code {"shape": [N, C, H, W], "data": N rows of C*H*W values}}, as a tensor
     * on {@code backend} in {@code dtype}.
     */
    public static Tensor tensor(Backend backend, JsonNode node, DType dtype) {
        JsonNode shape = node.get("shape");
        int n = shape.get(0).intValue();
        int c = shape.get(1).intValue();
        int h = shape.get(2).intValue();
        int w = shape.get(3).intValue();
        Matrix m = backend.fromArray(n, c * h * w, Vectors.doubles(node.get("data")), dtype);
        return Tensor.of(m, c, h, w);
    }

    /** The values of a 4-D array of the conv vectors, C order. */
    public static double[] values(JsonNode node) {
        return Vectors.doubles(node.get("data"));
    }

    /** {@code conv_param} of a case. */
    public static ConvParam convParam(JsonNode p) {
        return new ConvParam(p.get("stride").intValue(), p.get("pad").intValue());
    }

    /** {@code pool_param} of a case. */
    public static PoolParam poolParam(JsonNode p) {
        return new PoolParam(p.get("pool_height").intValue(), p.get("pool_width").intValue(),
                p.get("stride").intValue());
    }

    private static JsonNode cases(String kernel) {
        return Vectors.load(CONV).get(kernel).get("cases");
    }

    private Tensor t(JsonNode c, String key) {
        return tensor(b, c.get(key), DType.FLOAT64);
    }

    private Matrix row(JsonNode c, String key) {
        return Vectors.matrix(b, c.get(key));
    }

    private static void matches(String what, JsonNode expected, Matrix actual) {
        assertMatches(what, expected.has("data") ? values(expected) : Vectors.doubles(expected), actual,
                Tolerances.VECTORS);
    }

    private static void matches(String what, JsonNode c, ConvGrads g) {
        matches(what + " dx", c.get("dx"), g.dx().matrix());
        matches(what + " dw", c.get("dw"), g.dw().matrix());
        matches(what + " db", c.get("db"), g.db());
    }

    private void conv() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("conv")) {
            String n = "conv " + c.get("name").asText();
            ConvParam p = convParam(c.get("conv_param"));
            SpatialForward<ConvCache> naive = k.convForwardNaive(t(c, "x"), t(c, "w"), row(c, "b"), p);
            matches(n + " conv_forward_naive out", c.get("out"), naive.out().matrix());
            matches(n + " conv_backward_naive", c, k.convBackwardNaive(t(c, "dout"), naive.cache()));
            SpatialForward<ConvCache> fast = k.convForward(t(c, "x"), t(c, "w"), row(c, "b"), p);
            matches(n + " conv_forward_fast out", c.get("out"), fast.out().matrix());
            matches(n + " conv_backward_fast", c, k.convBackward(t(c, "dout"), fast.cache()));
        }
    }

    private void maxPool() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("max_pool")) {
            String n = "max_pool " + c.get("name").asText();
            PoolParam p = poolParam(c.get("pool_param"));
            SpatialForward<PoolCache> naive = k.maxPoolForwardNaive(t(c, "x"), p);
            matches(n + " max_pool_forward_naive out", c.get("out"), naive.out().matrix());
            matches(n + " max_pool_backward_naive dx", c.get("dx"),
                    k.maxPoolBackwardNaive(t(c, "dout"), naive.cache()).matrix());
            SpatialForward<PoolCache> fast = k.maxPoolForward(t(c, "x"), p);
            matches(n + " max_pool_forward_fast out", c.get("out"), fast.out().matrix());
            matches(n + " max_pool_backward_fast dx", c.get("dx"),
                    k.maxPoolBackward(t(c, "dout"), fast.cache()).matrix());
        }
    }

    private void spatialBatchnorm() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("spatial_batchnorm")) {
            String n = "spatial_batchnorm " + c.get("name").asText();
            BatchnormParam p = new BatchnormParam(c.get("eps").doubleValue(), c.get("momentum").doubleValue());
            Matrix gamma = row(c, "gamma");
            Matrix beta = row(c, "beta");
            int step = 0;
            for (JsonNode s : c.get("train_steps")) {
                String w = n + " step " + step++;
                SpatialForward<SpatialBatchnormCache> f = k.spatialBatchnormForward(t(s, "x"), gamma, beta, p);
                matches(w + " out", s.get("out"), f.out().matrix());
                SpatialGrads g = k.spatialBatchnormBackward(t(s, "dout"), f.cache());
                matches(w + " dx", s.get("dx"), g.dx().matrix());
                matches(w + " dgamma", s.get("dgamma"), g.dgamma());
                matches(w + " dbeta", s.get("dbeta"), g.dbeta());
                matches(w + " running_mean", s.get("running_mean"), p.runningMean());
                matches(w + " running_var", s.get("running_var"), p.runningVar());
            }
            p.setMode(Mode.TEST);
            matches(n + " test out", c.get("test_out"),
                    k.spatialBatchnormForward(t(c, "test_x"), gamma, beta, p).out().matrix());
        }
    }

    private void spatialGroupnorm() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("spatial_groupnorm")) {
            String n = "spatial_groupnorm " + c.get("name").asText();
            GroupnormParam p = new GroupnormParam(c.get("G").intValue(), c.get("eps").doubleValue());
            SpatialForward<GroupnormCache> f = k.spatialGroupnormForward(t(c, "x"), row(c, "gamma"), row(c, "beta"),
                    p);
            matches(n + " out", c.get("out"), f.out().matrix());
            SpatialGrads g = k.spatialGroupnormBackward(t(c, "dout"), f.cache());
            matches(n + " dx", c.get("dx"), g.dx().matrix());
            matches(n + " dgamma", c.get("dgamma"), g.dgamma());
            matches(n + " dbeta", c.get("dbeta"), g.dbeta());
        }
    }

    private void sandwiches() {
        Kernels k = b.kernels();
        for (JsonNode c : cases("conv_relu")) {
            String n = "conv_relu " + c.get("name").asText();
            SpatialForward<ConvReluCache> f = k.convReluForward(t(c, "x"), t(c, "w"), row(c, "b"),
                    convParam(c.get("conv_param")));
            matches(n + " out", c.get("out"), f.out().matrix());
            matches(n, c, k.convReluBackward(t(c, "dout"), f.cache()));
        }
        for (JsonNode c : cases("conv_relu_pool")) {
            String n = "conv_relu_pool " + c.get("name").asText();
            SpatialForward<ConvReluPoolCache> f = k.convReluPoolForward(t(c, "x"), t(c, "w"), row(c, "b"),
                    convParam(c.get("conv_param")), poolParam(c.get("pool_param")));
            matches(n + " out", c.get("out"), f.out().matrix());
            matches(n, c, k.convReluPoolBackward(t(c, "dout"), f.cache()));
        }
    }
}
