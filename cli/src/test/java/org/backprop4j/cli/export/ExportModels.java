package org.backprop4j.cli.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.Tensor;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every model kind the checkpoints hold, with seeded random parameters and batchnorm statistics (not the zero
 * biases and unit gammas of a fresh model, so that a mix-up of entries shows), for the export tests.
 */
public final class ExportModels {

    /**
     * The kinds: cs231n's and nndl's two-layer nets, the mlp with either activation, fc plain, with batchnorm and
     * dropout, and cs231n's ThreeLayerConvNet.
     */
    public static final String[] KINDS = {"two-layer", "two-layer-nndl", "mlp-relu", "mlp-sigmoid", "fc",
            "fc-batchnorm-dropout", "cnn"};

    private ExportModels() {
    }

    /** Every kind in both dtypes. */
    public static Stream<Arguments> kindsAndDtypes() {
        return Stream.of(KINDS).flatMap(k -> Stream.of(DType.FLOAT64, DType.FLOAT32)
                .map(d -> Arguments.of(k, d)));
    }

    /** A model of {@code kind} with {@code d} inputs and {@code c} classes, every value drawn from {@code seed}. */
    public static Model create(String kind, Backend backend, DType dtype, int d, int c, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        TwoLayerNetConfig two = TwoLayerNetConfig.of(d, 7, c).withStd(0.3).withDType(dtype);
        Model m = switch (kind) {
            case "two-layer" -> new TwoLayerNet(backend, two, rng);
            case "two-layer-nndl" -> new NndlTwoLayerNet(backend, two, rng);
            case "mlp-relu" -> new TwoLayerMLP(backend, two, Activation.RELU, rng);
            case "mlp-sigmoid" -> new TwoLayerMLP(backend, two, Activation.SIGMOID, rng);
            case "fc" -> new FullyConnectedNet(backend,
                    FullyConnectedNetConfig.of(9, 6).inputDim(d).numClasses(c).weightScale(0.3).dtype(dtype), rng);
            case "fc-batchnorm-dropout" -> new FullyConnectedNet(backend, FullyConnectedNetConfig.of(9, 6).inputDim(d)
                    .numClasses(c).useBatchnorm(true).dropout(0.75).weightScale(0.3).dtype(dtype), rng);
            case "cnn" -> {
                // one-channel square images of side sqrt(d) (even: the 2x2 pooling halves it), e.g. (1, 28, 28)
                int side = (int) Math.round(Math.sqrt(d));
                yield new ThreeLayerConvNet(backend, ThreeLayerConvNetConfig.defaults().inputDim(1, side, side)
                        .numFilters(3).filterSize(3).hiddenDim(5).numClasses(c).weightScale(0.3).dtype(dtype), rng);
            }
            default -> throw new IllegalArgumentException(kind);
        };
        for (Map.Entry<String, Matrix> e : m.params()) {
            fill(e.getValue(), rng, e.getKey().startsWith("gamma") ? 1 : 0, 0.3, backend);
        }
        for (Map.Entry<String, Matrix> e : m.buffers()) {
            // a running variance is positive
            fill(e.getValue(), rng, e.getKey().startsWith("running_var") ? 1.5 : 0, 0.4, backend);
        }
        return m;
    }

    /**
     * Writes {@code model} as a checkpoint that {@code eval}, {@code predict} and {@code export} read: its spec,
     * parameters and buffers (a training state of iteration 0).
     */
    public static void writeCheckpoint(Model model, Path file) throws IOException {
        Map<String, Tensor> params = tensors(model.params());
        Map<String, Tensor> buffers = tensors(model.buffers());
        CheckpointFile.write(file, new Checkpoint(
                model.spec(), Map.of(), 0, 0, 0, new double[0], new double[0], new double[0],
                new NumpyRandom(0).getState(), params, params, buffers, Map.of()));
    }

    private static Map<String, Tensor> tensors(Parameters p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, Tensor.of(v)));
        return out;
    }

    /** Asserts that {@code actual} holds the very bits of {@code expected}'s parameters and buffers. */
    public static void assertSameValues(Model expected, Model actual) {
        for (Parameters[] pair : new Parameters[][] {{expected.params(), actual.params()},
                {expected.buffers(), actual.buffers()}}) {
            assertEquals(pair[0].names(), pair[1].names());
            pair[0].forEach((name, m) -> assertArrayEquals(bits(m), bits(pair[1].get(name)), name));
        }
    }

    private static long[] bits(Matrix m) {
        return Arrays.stream(m.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static void fill(Matrix m, NumpyRandom rng, double mean, double scale, Backend backend) {
        double[] v = rng.randn(m.rows() * m.cols());
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + scale * (mean > 0 ? Math.abs(v[i]) : v[i]);
        }
        m.assign(backend.fromArray(m.rows(), m.cols(), v, m.dtype()));
    }
}
