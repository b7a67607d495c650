package org.backprop4j.interop.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;

/**
 * A model's test-time forward pass as an ONNX graph ({@value #IR_VERSION}, opset {@value #OPSET}), built with the
 * classes protoc generates from ONNX's published {@code onnx.proto}.
 *
 * <p>The graph: input {@value #INPUT} of shape (N, D) with a dynamic batch dimension {@code N}; per hidden layer a
 * {@code Gemm} (the affine layer, {@code transB = 1} for nndl's (H, D)-stored weights), for {@code fc --batchnorm}
 * a {@code BatchNormalization} in inference form (the running mean and variance, {@code epsilon} = bn_eps), then
 * {@code Relu} or {@code Sigmoid}; dropout is left out (the nndl/cs231n inverted dropout is the identity at test
 * time); for {@code cnn} ({@code ThreeLayerConvNet}) a {@code Reshape} of X to (N, C, H, W), {@code Conv} (W1 as
 * (F, C, HH, WW), stride 1, pad (HH - 1) / 2), {@code Relu}, a 2x2 {@code MaxPool} of stride 2 and {@code Flatten},
 * then two {@code Gemm}s with a {@code Relu} between; a last {@code Gemm} gives the outputs {@value #SCORES} (N, C) and {@code Softmax} over axis 1 gives
 * {@value #PROBABILITIES} (N, C). Every tensor is in the model's dtype (ONNX {@code DOUBLE} or {@code FLOAT});
 * parameters are initializers named as the model names them ({@code W1, b1, gamma1, ...}, running statistics
 * {@code running_mean1, running_var1, ...}).
 */
public final class OnnxExport {

    /** The operator set the graph uses (ONNX 1.12's). */
    public static final int OPSET = 17;
    /** The IR version of ONNX 1.12's {@code onnx.proto}. */
    public static final int IR_VERSION = 8;
    /** The input's name. */
    public static final String INPUT = "X";
    /** The output of class scores. */
    public static final String SCORES = "scores";
    /** The output of softmax probabilities. */
    public static final String PROBABILITIES = "probabilities";

    private OnnxExport() {
    }

    /** Writes {@link #graph(Model)} to {@code out} as an ONNX model file (the protobuf's bytes). */
    public static void write(Model model, OutputStream out) throws IOException {
        graph(model).writeTo(out);
    }

    /**
     * The model as ONNX.
     *
     * @throws IllegalArgumentException for a model kind this exporter does not know
     */
    public static ModelProto graph(Model model) {
        ModelSpec spec = model.spec();
        Map<String, String> p = spec.properties();
        Builder g = new Builder(model);
        String h = INPUT;
        int inputs;
        int last;
        switch (spec.kind()) {
            case "two-layer", "mlp" -> {
                boolean byOutput = "OUTPUT_BY_INPUT".equals(p.get("layout"));
                Matrix w1 = model.params().get("W1");
                inputs = byOutput ? w1.cols() : w1.rows();
                h = g.gemm(h, 1, byOutput);
                h = g.activation(h, p.getOrDefault("activation", "relu"), 1);
                last = 2;
                g.gemm(h, last, byOutput, SCORES);
            }
            case "fc" -> {
                inputs = model.params().get("W1").rows();
                int layers = model.params().names().stream().filter(n -> n.startsWith("W")).toList().size();
                boolean batchnorm = Boolean.parseBoolean(p.get("use_batchnorm"));
                for (int i = 1; i < layers; i++) {
                    h = g.gemm(h, i, false);
                    if (batchnorm) {
                        h = g.batchnorm(h, i, Double.parseDouble(p.get("bn_eps")));
                    }
                    h = g.activation(h, "relu", i);
                }
                last = layers;
                g.gemm(h, last, false, SCORES);
            }
            case "cnn" -> {
                // X's rows are the images in C order: Reshape to (N, C, H, W) is free, as Tensor.of is
                long[] chw = Arrays.stream(p.get("input_dim").split(",")).mapToLong(v -> Long.parseLong(v.trim()))
                        .toArray();
                inputs = Math.toIntExact(chw[0] * chw[1] * chw[2]);
                int k = Integer.parseInt(p.get("filter_size"));
                String images = g.node("Reshape", "images",
                        List.of(h, g.int64Initializer("image_shape", -1, chw[0], chw[1], chw[2])), List.of());
                h = g.conv(images, k, (k - 1) / 2);
                h = g.activation(h, "relu", 1);
                h = g.node("MaxPool", "pool1", List.of(h),
                        List.of(intsAttribute("kernel_shape", 2, 2), intsAttribute("strides", 2, 2)));
                h = g.node("Flatten", "flatten1", List.of(h), List.of(intAttribute("axis", 1)));
                h = g.gemm(h, 2, false);
                h = g.activation(h, "relu", 2);
                last = 3;
                g.gemm(h, last, false, SCORES);
            }
            default -> throw new IllegalArgumentException("cannot export a model of kind '" + spec.kind()
                    + "' to ONNX: two-layer, mlp, fc and cnn can be.");
        }
        g.node("Softmax", PROBABILITIES, List.of(SCORES), List.of(intAttribute("axis", 1)));
        // the output width: that of the last layer's bias, a (1, C) row
        int classes = model.params().get("b" + last).cols();
        GraphProto graph = g.graph.setName("backprop4j_" + spec.kind())
                .addInput(valueInfo(INPUT, model.dtype(), -1, inputs))
                .addOutput(valueInfo(SCORES, model.dtype(), -1, classes))
                .addOutput(valueInfo(PROBABILITIES, model.dtype(), -1, classes)).build();
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("backprop4j")
                .setDocString("backprop4j " + spec.kind() + " " + p + ": scores and softmax probabilities of X")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(graph);
        m.addMetadataProps(StringStringEntryProto.newBuilder().setKey("kind").setValue(spec.kind()));
        p.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** The nodes and initializers, in order. */
    private static final class Builder {
        final GraphProto.Builder graph = GraphProto.newBuilder();
        final Model model;

        Builder(Model model) {
            this.model = model;
        }

        /** {@code Gemm(x, W<i>, b<i>)}, with {@code transB} for weights stored (out, in). */
        String gemm(String x, int i, boolean transB) {
            return gemm(x, i, transB, "affine" + i);
        }

        String gemm(String x, int i, boolean transB, String out) {
            String w = initializer("W" + i, model.params().get("W" + i), false);
            String b = initializer("b" + i, model.params().get("b" + i), true);
            return node("Gemm", out, List.of(x, w, b), transB ? List.of(intAttribute("transB", 1)) : List.of());
        }

        /**
         * cs231n's {@code conv_forward} with {@code conv_param = {stride: 1, pad}}: {@code Conv(x, W1, b1)}, the
         * filters W1 (F, C*k*k) as stored given the (F, C, k, k) shape they are a view of.
         */
        String conv(String x, int k, int pad) {
            Matrix w1 = model.params().get("W1");
            String w = initializer("W1", w1, new long[] {w1.rows(), w1.cols() / (k * k), k, k});
            String b = initializer("b1", model.params().get("b1"), true);
            return node("Conv", "conv1", List.of(x, w, b), List.of(intsAttribute("kernel_shape", k, k),
                    intsAttribute("pads", pad, pad, pad, pad), intsAttribute("strides", 1, 1)));
        }

        /** A constant int64 vector, such as the target shape of a {@code Reshape}. */
        String int64Initializer(String name, long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(values.length).setRawData(ByteString.copyFrom(b.array())));
            return name;
        }

        String batchnorm(String x, int i, double eps) {
            List<String> in = new ArrayList<>(List.of(x));
            in.add(initializer("gamma" + i, model.params().get("gamma" + i), true));
            in.add(initializer("beta" + i, model.params().get("beta" + i), true));
            in.add(initializer("running_mean" + i, model.buffers().get("running_mean" + i), true));
            in.add(initializer("running_var" + i, model.buffers().get("running_var" + i), true));
            AttributeProto epsilon = AttributeProto.newBuilder().setName("epsilon")
                    .setType(AttributeProto.AttributeType.FLOAT).setF((float) eps).build();
            return node("BatchNormalization", "batchnorm" + i, in, List.of(epsilon));
        }

        String activation(String x, String activation, int i) {
            return switch (activation) {
                case "relu" -> node("Relu", "relu" + i, List.of(x), List.of());
                case "sigmoid" -> node("Sigmoid", "sigmoid" + i, List.of(x), List.of());
                default -> throw new IllegalArgumentException("cannot export the activation '" + activation
                        + "' to ONNX.");
            };
        }

        String node(String op, String out, List<String> in, List<AttributeProto> attributes) {
            graph.addNode(NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(in).addOutput(out)
                    .addAllAttribute(attributes));
            return out;
        }

        /** A parameter as an initializer: 2-D as stored, or (for {@code vector}) its (1, n) row as 1-D (n). */
        String initializer(String name, Matrix m, boolean vector) {
            return initializer(name, m, vector
                    ? new long[] {(long) m.rows() * m.cols()}
                    : new long[] {m.rows(),
                            m.cols()});
        }

        /** A parameter as an initializer of shape {@code dims}, its values in C order as stored. */
        String initializer(String name, Matrix m, long[] dims) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elementType(m.dtype()));
            for (long d : dims) {
                t.addDims(d);
            }
            double[] v = m.toArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * m.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : v) {
                if (m.dtype() == DType.FLOAT32) {
                    b.putFloat((float) x);
                } else {
                    b.putDouble(x);
                }
            }
            graph.addInitializer(t.setRawData(ByteString.copyFrom(b.array())));
            return name;
        }
    }

    private static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static int elementType(DType dtype) {
        return dtype == DType.FLOAT32 ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.DOUBLE_VALUE;
    }

    /** A tensor (rows, cols) of {@code dtype}; a negative {@code rows} is the dynamic batch dimension {@code N}. */
    private static ValueInfoProto valueInfo(String name, DType dtype, long rows, long cols) {
        TensorShapeProto.Dimension first = rows < 0
                ? TensorShapeProto.Dimension.newBuilder().setDimParam("N").build()
                : TensorShapeProto.Dimension.newBuilder().setDimValue(rows).build();
        TensorShapeProto shape = TensorShapeProto.newBuilder().addDim(first)
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elementType(dtype)).setShape(shape))).build();
    }
}
