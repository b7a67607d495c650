package org.backprop4j.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The graph as written and parsed back from its bytes: opset, input and outputs, the nodes of each model kind, the
 * initializers' values. (That ONNX Runtime computes the model's probabilities from it is OnnxRuntimeTest's, in cli.)
 */
class OnnxExportTest {

    private static final Backend BACKEND = Backends.select("pure");

    private static ModelProto roundTrip(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OnnxExport.write(m, out);
        return ModelProto.parseFrom(out.toByteArray());
    }

    private static List<String> ops(ModelProto p) {
        return p.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    @Test
    void anFcNetWithBatchnormAndDropoutIsItsTestTimeGraph() throws IOException {
        FullyConnectedNet net = new FullyConnectedNet(BACKEND, FullyConnectedNetConfig.of(6, 5).inputDim(4)
                .numClasses(3).useBatchnorm(true).batchnormParams(0.9, 1e-3).dropout(0.5).dtype(DType.FLOAT32),
                new NumpyRandom(0));
        ModelProto p = roundTrip(net);
        assertEquals(8, p.getIrVersion());
        assertEquals(1, p.getOpsetImportCount());
        assertEquals("", p.getOpsetImport(0).getDomain());
        assertEquals(17, p.getOpsetImport(0).getVersion());
        assertEquals(List.of("Gemm", "BatchNormalization", "Relu", "Gemm", "BatchNormalization", "Relu", "Gemm",
                "Softmax"), ops(p)); // no Dropout: the identity at test time
        NodeProto bn = p.getGraph().getNode(4);
        assertEquals(List.of("relu1", "W2", "b2"), p.getGraph().getNode(3).getInputList());
        assertEquals(List.of("affine2", "gamma2", "beta2", "running_mean2", "running_var2"), bn.getInputList());
        AttributeProto eps = bn.getAttribute(0);
        assertEquals("epsilon", eps.getName());
        assertEquals(1e-3f, eps.getF());
        NodeProto softmax = p.getGraph().getNode(7);
        assertEquals(List.of("scores"), softmax.getInputList());
        assertEquals("axis", softmax.getAttribute(0).getName());
        assertEquals(1, softmax.getAttribute(0).getI());

        ValueInfoProto x = p.getGraph().getInput(0);
        assertEquals("X", x.getName());
        assertEquals(TensorProto.DataType.FLOAT_VALUE, x.getType().getTensorType().getElemType());
        List<TensorShapeProto.Dimension> dims = x.getType().getTensorType().getShape().getDimList();
        assertEquals("N", dims.get(0).getDimParam()); // the batch dimension is dynamic
        assertEquals(4, dims.get(1).getDimValue());
        assertEquals(List.of("scores", "probabilities"),
                p.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(3, p.getGraph().getOutput(1).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("fc", metadata(p).get("kind"));
    }

    @Test
    void initializersHoldTheParametersBitForBit() throws IOException {
        for (DType dtype : DType.values()) {
            TwoLayerMLP net = new TwoLayerMLP(BACKEND, TwoLayerNetConfig.of(4, 5, 3).withStd(0.5).withDType(dtype),
                    Activation.SIGMOID, new NumpyRandom(3));
            ModelProto p = roundTrip(net);
            assertEquals(List.of("Gemm", "Sigmoid", "Gemm", "Softmax"), ops(p));
            Parameters params = net.params();
            for (TensorProto t : p.getGraph().getInitializerList()) {
                double[] expected = params.get(t.getName()).toArray();
                assertEquals(dtype == DType.FLOAT32
                        ? TensorProto.DataType.FLOAT_VALUE
                        : TensorProto.DataType.DOUBLE_VALUE, t.getDataType(), t.getName());
                long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
                assertArrayEquals(t.getName().startsWith("W")
                        ? new long[] {params.get(t.getName()).rows(),
                                params.get(t.getName()).cols()}
                        : new long[] {expected.length}, shape, t.getName());
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (double v : expected) {
                    double got = dtype == DType.FLOAT32 ? b.getFloat() : b.getDouble();
                    assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(got), t.getName());
                }
                assertEquals(0, b.remaining());
            }
            assertEquals(4, p.getGraph().getInitializerCount());
        }
    }

    @Test
    void nndlsWeightsStoredOutputByInputAreTransposedByGemm() throws IOException {
        NndlTwoLayerNet net = new NndlTwoLayerNet(BACKEND, TwoLayerNetConfig.of(4, 5, 3), new NumpyRandom(0));
        ModelProto p = roundTrip(net);
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Softmax"), ops(p));
        for (int i : new int[] {0, 2}) {
            NodeProto gemm = p.getGraph().getNode(i);
            assertEquals("transB", gemm.getAttribute(0).getName());
            assertEquals(1, gemm.getAttribute(0).getI());
        }
        assertEquals(4, p.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals(TensorProto.DataType.DOUBLE_VALUE, p.getGraph().getInput(0).getType().getTensorType()
                .getElemType());
    }

    @Test
    void aThreeLayerConvNetIsReshapeConvReluMaxPoolFlattenAndItsAffineLayers() throws IOException {
        ThreeLayerConvNet net = new ThreeLayerConvNet(BACKEND, ThreeLayerConvNetConfig.defaults().inputDim(3, 6, 8)
                .numFilters(4).filterSize(5).hiddenDim(7).numClasses(3).dtype(DType.FLOAT64), new NumpyRandom(0));
        ModelProto p = roundTrip(net);
        assertEquals(List.of("Reshape", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm", "Softmax"),
                ops(p));
        Map<String, TensorProto> init = new LinkedHashMap<>();
        p.getGraph().getInitializerList().forEach(t -> init.put(t.getName(), t));
        assertEquals(List.of(-1L, 3L, 6L, 8L), longs(init.get("image_shape")), "X's rows viewed as (N, C, H, W)");
        assertEquals(List.of(4L, 3L, 5L, 5L), init.get("W1").getDimsList(), "the filters (F, C, HH, WW)");
        assertEquals(List.of(4L), init.get("b1").getDimsList());
        assertEquals(List.of(4L * 3 * 4, 7L), init.get("W2").getDimsList(), "F * H/2 * W/2 rows");
        NodeProto conv = p.getGraph().getNode(1);
        assertEquals(List.of("images", "W1", "b1"), conv.getInputList());
        Map<String, List<Long>> attributes = new LinkedHashMap<>();
        conv.getAttributeList().forEach(a -> attributes.put(a.getName(), a.getIntsList()));
        assertEquals(Map.of("kernel_shape", List.of(5L, 5L), "pads", List.of(2L, 2L, 2L, 2L), "strides",
                List.of(1L, 1L)), attributes, "stride 1, pad (filter_size - 1) / 2");
        NodeProto pool = p.getGraph().getNode(3);
        assertEquals(List.of(2L, 2L), pool.getAttribute(0).getIntsList());
        assertEquals(List.of(2L, 2L), pool.getAttribute(1).getIntsList());
        assertEquals(3 * 6 * 8, p.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("cnn", metadata(p).get("kind"));
    }

    private static List<Long> longs(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        while (b.remaining() >= Long.BYTES) {
            out.add(b.getLong());
        }
        return out;
    }

    @Test
    void anUnknownKindIsRefusedByName() {
        Model other = new NndlTwoLayerNet(BACKEND, TwoLayerNetConfig.of(4, 5, 3), new NumpyRandom(0));
        Model convnet = new Model() {
            @Override
            public Parameters params() {
                return other.params();
            }

            @Override
            public Matrix scores(Matrix x) {
                return other.scores(x);
            }

            @Override
            public LossGrads loss(Matrix x, int[] y) {
                return other.loss(x, y);
            }

            @Override
            public Backend backend() {
                return BACKEND;
            }

            @Override
            public DType dtype() {
                return DType.FLOAT64;
            }

            @Override
            public ModelSpec spec() {
                return new ModelSpec("convnet", Map.of());
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.graph(convnet));
        assertTrue(e.getMessage().contains("'convnet'"), e.getMessage());
    }

    private static Map<String, String> metadata(ModelProto p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.getMetadataPropsList().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
