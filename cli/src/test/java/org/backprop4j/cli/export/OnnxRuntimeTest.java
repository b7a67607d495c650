package org.backprop4j.cli.export;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.eval.PredictCommand;
import org.backprop4j.datasets.Split;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code export CKPT --onnx FILE}, run by ONNX Runtime: on the 1,000 rows of mnist-10k's test split the exported
 * graph's probabilities equal {@code predict}'s to 1e-6 (float32) / 1e-12 (float64) with the same classes, for
 * every model kind and both dtypes (but the float64 cnn, whose Conv ONNX Runtime's CPU provider does not run); its
 * input is {@code X} (N, 784) with a dynamic N.
 */
class OnnxRuntimeTest {

    private static final Backend BACKEND = Backends.select("pure");
    private static final Map<DType, Split> TEST = new EnumMap<>(DType.class);
    private static OrtEnvironment env;

    @BeforeAll
    static void load() throws IOException {
        env = OrtEnvironment.getEnvironment();
        for (DType d : DType.values()) {
            TEST.put(d, new DataOption("mnist-10k").load(BACKEND, d, -1).test().orElseThrow());
        }
    }

    @AfterAll
    static void close() {
        TEST.clear();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.backprop4j.cli.export.ExportModels#kindsAndDtypes")
    void onnxRuntimeComputesPredictsProbabilities(String kind, DType dtype, @TempDir Path dir)
            throws IOException, OrtException {
        Split test = TEST.get(dtype);
        Model m = ExportModels.create(kind, BACKEND, dtype, test.x().cols(), 10, 21);
        Path ckpt = dir.resolve("best.ckpt");
        ExportModels.writeCheckpoint(m, ckpt);
        Path onnx = dir.resolve("model.onnx");
        CliRun.Result r = run("export", ckpt.toString(), "--onnx", onnx.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());

        if (kind.equals("cnn") && dtype == DType.FLOAT64) {
            // the graph is valid ONNX, but ONNX Runtime's CPU provider has no double Conv kernel: the float32 graph,
            // node for node the same, is the one it runs; this fails once ONNX Runtime can run it too
            OrtException e = assertThrows(OrtException.class,
                    () -> env.createSession(onnx.toString(), new OrtSession.SessionOptions()).close());
            assertTrue(e.getMessage().contains("Could not find an implementation for Conv"), e.getMessage());
            assertTrue(r.out().contains("float32"), "export says how to get a graph ONNX Runtime runs: " + r.out());
            return;
        }
        Model loaded = Solver.loadModel(ckpt, BACKEND);
        Matrix scores = loaded.scores(test.x());
        Matrix expected = PredictCommand.probabilities(scores);
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            NodeInfo in = session.getInputInfo().get("X");
            TensorInfo info = (TensorInfo) in.getInfo();
            assertArrayEquals(new long[] {-1, test.x().cols()}, info.getShape()); // N is dynamic
            assertEquals(dtype == DType.FLOAT32 ? OnnxJavaType.FLOAT : OnnxJavaType.DOUBLE, info.type);
            assertEquals(List.of("scores", "probabilities"), List.copyOf(session.getOutputNames()));

            double[][] probabilities = infer(session, test.x(), "probabilities");
            double[][] onnxScores = infer(session, test.x(), "scores");
            double worst = 0;
            double worstScore = 0;
            for (int i = 0; i < probabilities.length; i++) {
                assertEquals(expected.argmax(1)[i], argmax(probabilities[i]), "class of row " + i);
                for (int c = 0; c < 10; c++) {
                    worst = Math.max(worst, Math.abs(probabilities[i][c] - expected.get(i, c)));
                    worstScore = Math.max(worstScore, Math.abs(onnxScores[i][c] - scores.get(i, c)));
                }
            }
            System.out.println(String.format(Locale.ROOT, "ONNX Runtime vs predict, %s %s, %d rows: max |Δp| %.3g, "
                    + "max |Δscore| %.3g, classes identical", kind, dtype, probabilities.length, worst, worstScore));
            assertTrue(worst <= (dtype == DType.FLOAT32 ? 1e-6 : 1e-12), kind + " " + dtype + ": " + worst);

            // another batch size through the same graph
            int[] rows = {3, 1, 4, 1, 5, 9, 2};
            double[][] few = infer(session, test.x().gatherRows(rows), "probabilities");
            assertEquals(rows.length, few.length);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(expected.get(rows[i], 7), few[i][7], dtype == DType.FLOAT32 ? 1e-6 : 1e-12);
            }
        }
    }

    /** The output {@code name} for the rows of {@code x}, widened to double. */
    private static double[][] infer(OrtSession session, Matrix x, String name) throws OrtException {
        long[] shape = {x.rows(), x.cols()};
        double[] v = x.toArray();
        OnnxTensor input;
        if (x.dtype() == DType.FLOAT32) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            input = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
        } else {
            input = OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), shape);
        }
        try (input; OrtSession.Result result = session.run(Map.of("X", input), Set.of(name))) {
            Object out = result.get(name).orElseThrow().getValue();
            if (out instanceof float[][] f) {
                double[][] d = new double[f.length][];
                for (int i = 0; i < f.length; i++) {
                    d[i] = new double[f[i].length];
                    for (int c = 0; c < f[i].length; c++) {
                        d[i][c] = f[i][c];
                    }
                }
                return d;
            }
            return (double[][]) out;
        }
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
