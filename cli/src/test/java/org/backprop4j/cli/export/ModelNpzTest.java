package org.backprop4j.cli.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.npy.NpyArray;
import org.backprop4j.datasets.npy.NpyWriter;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.datasets.npy.NpzWriter;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Java → npz → Java, bit for bit, for every model kind and both dtypes; the layout; and what is refused. */
class ModelNpzTest {

    private static final Backend BACKEND = Backends.select("pure");

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.backprop4j.cli.export.ExportModels#kindsAndDtypes")
    void aModelComesBackBitForBit(String kind, DType dtype, @TempDir Path dir) throws IOException {
        Model saved = ExportModels.create(kind, BACKEND, dtype, 5, 3, 1);
        Path file = dir.resolve("model.npz");
        ModelNpz.write(saved, file);
        Model loaded = ExportModels.create(kind, BACKEND, dtype, 5, 3, 2);
        assertNotEquals(bits(saved.params().get("W1")).get(0), bits(loaded.params().get("W1")).get(0));
        ModelNpz.load(file, loaded, "--init-params");
        ExportModels.assertSameValues(saved, loaded);
        assertEquals(kind.contains("batchnorm") ? 4 : 0, saved.buffers().size());
    }

    @Test
    void theLayoutIsTheNotebooks(@TempDir Path dir) throws IOException {
        Model m = ExportModels.create("fc-batchnorm-dropout", BACKEND, DType.FLOAT32, 5, 3, 1);
        Path file = dir.resolve("model.npz");
        ModelNpz.write(m, file);
        try (NpzReader npz = NpzReader.open(file)) {
            assertEquals(List.of("W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3",
                    "bn_params/0/running_mean", "bn_params/0/running_var", "bn_params/1/running_mean",
                    "bn_params/1/running_var"), List.copyOf(npz.names()));
            NpyArray w1 = npz.read("W1");
            assertEquals("<f4", w1.header().dtype().descr());
            assertArrayEquals(new long[] {5, 9}, w1.shape());
            assertArrayEquals(new long[] {9}, npz.read("b1").shape()); // np.zeros(9), not (1, 9)
            assertArrayEquals(new long[] {6}, npz.read("bn_params/1/running_var").shape());
            // C order: element (1, 2) of W1 is element 1 * 9 + 2
            assertEquals(m.params().get("W1").get(1, 2), w1.getDouble(11));
            assertEquals(m.buffers().get("running_var2").get(0, 4), npz.read("bn_params/1/running_var").getDouble(4));
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode j = Json.mapper().readTree(zip.getInputStream(zip.getEntry(ModelNpz.CONFIG)));
            assertEquals("fc", j.get("kind").asText());
            assertEquals("float32", j.get("dtype").asText());
            assertEquals("9,6", j.get("properties").get("hidden_dims").asText());
            assertEquals(10, j.get("params").size());
            assertEquals("bn_params/1/running_mean", j.get("bn_params").get(1).get("running_mean").asText());
        }
    }

    @Test
    void aConvNetsFiltersAreStoredAsCs231nsFourDimensionalW1AndComeBack(@TempDir Path dir) throws IOException {
        for (DType dtype : DType.values()) {
            Model m = ExportModels.create("cnn", BACKEND, dtype, 16, 3, 1); // (1, 4, 4) images, 3 filters of 3x3
            Path file = dir.resolve("cnn-" + dtype + ".npz");
            ModelNpz.write(m, file);
            try (NpzReader npz = NpzReader.open(file)) {
                assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), List.copyOf(npz.names()));
                NpyArray w1 = npz.read("W1");
                assertArrayEquals(new long[] {3, 1, 3, 3}, w1.shape(), "(F, C, HH, WW)");
                // C order: element (2, 0, 1, 2) of W1 is filter 2's value at row 1, column 2
                assertEquals(m.params().get("W1").get(2, 1 * 3 + 2), w1.getDouble(2 * 9 + 1 * 3 + 2));
                assertArrayEquals(new long[] {3 * 2 * 2, 5}, npz.read("W2").shape());
                assertArrayEquals(new long[] {3}, npz.read("b1").shape());
            }
            Model loaded = ExportModels.create("cnn", BACKEND, dtype, 16, 3, 2);
            ModelNpz.load(file, loaded, "--init-params");
            ExportModels.assertSameValues(m, loaded);
            // the 2-D matrix the model stores is not cs231n's W1: refused with both shapes
            Path flat = dir.resolve("flat-" + dtype + ".npz");
            try (OutputStream os = Files.newOutputStream(flat); NpzWriter npz = new NpzWriter(os)) {
                npz.array("W1", ModelNpz.npyType(dtype), new long[] {3, 9}, new double[27]);
            }
            UserError e = assertThrows(UserError.class, () -> ModelNpz.load(flat, loaded, "--init-params"));
            assertTrue(e.getMessage().contains("W1 has shape (3, 9), but the model's has shape (3, 1, 3, 3)."),
                    e.getMessage());
        }
    }

    @Test
    void aWriteThatFailsLeavesNoFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.npz");
        Files.writeString(file, "the old content");
        Model m = ExportModels.create("fc", BACKEND, DType.FLOAT64, 5, 3, 1);
        Path blocked = dir.resolve("sub");
        Files.writeString(blocked, "a file where a folder would be");
        assertThrows(IOException.class, () -> ModelNpz.write(m, blocked.resolve("model.npz")));
        ModelNpz.write(m, file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model.npz", "sub"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void everyMismatchIsOneSentence(@TempDir Path dir) throws IOException {
        Model m = ExportModels.create("fc-batchnorm-dropout", BACKEND, DType.FLOAT64, 5, 3, 1);
        Path file = dir.resolve("p.npz");
        double[] before = m.params().get("W1").toArray();
        try (OutputStream os = Files.newOutputStream(file); NpzWriter npz = new NpzWriter(os)) {
            npz.array("W1", NpyWriter.FLOAT64, new long[] {5, 9}, new double[45]);
            npz.array("b1", NpyWriter.FLOAT32, new long[] {9}, new double[9]); // dtype
            npz.array("W2", NpyWriter.FLOAT64, new long[] {6, 9}, new double[54]); // transposed
            npz.array("b2", NpyWriter.FLOAT64, new long[] {1, 6}, new double[6]); // (1, n) is a bias too
            npz.array("W9", NpyWriter.FLOAT64, new long[] {2}, new double[2]); // not the model's
            double[] nan = new double[9];
            nan[3] = Double.NaN;
            npz.array("gamma1", NpyWriter.FLOAT64, new long[] {9}, nan);
            npz.entry("notes.txt", "ignored".getBytes(StandardCharsets.UTF_8));
            // beta1, gamma2, beta2, W3, b3 are missing
        }
        UserError e = assertThrows(UserError.class, () -> ModelNpz.load(file, m, "--init-params"));
        String msg = e.getMessage();
        List<String> expected = List.of(
                "--init-params " + file + " does not fit the model (its parameters: W1, b1, gamma1, beta1, W2, b2, "
                        + "gamma2, beta2, W3, b3): ",
                "b1 is float32, but the model is float64", "W2 has shape (6, 9), but the model's has shape (9, 6).",
                "W9 is no parameter of the model.", "gamma1 holds NaN at flat index 3 (parameters must be finite).",
                "beta1 is missing (the model's has shape (9,)).", "W3 is missing (the model's has shape (6, 3)).",
                "b3 is missing");
        for (String s : expected) {
            assertTrue(msg.contains(s), "missing «" + s + "» in: " + msg);
        }
        assertFalse(msg.contains("b2 has") || msg.contains("W1 has") || msg.contains("notes"), msg);
        // nothing was loaded
        assertArrayEquals(before, m.params().get("W1").toArray());
    }

    @Test
    void batchnormParametersForANetWithoutBatchnormSaySo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bn.npz");
        ModelNpz.write(ExportModels.create("fc-batchnorm-dropout", BACKEND, DType.FLOAT64, 5, 3, 1), file);
        Model plain = ExportModels.create("fc", BACKEND, DType.FLOAT64, 5, 3, 1);
        String msg = assertThrows(UserError.class, () -> ModelNpz.load(file, plain, "--init-params")).getMessage();
        assertTrue(msg.contains("gamma1 is no parameter of the model (a batchnorm one: add --batchnorm)."), msg);
        assertTrue(msg.contains("bn_params/1/running_var is no parameter of the model (a batchnorm one"), msg);
    }

    @Test
    void aFileThatIsNoNpzIsNamed(@TempDir Path dir) throws IOException {
        Model m = ExportModels.create("two-layer", BACKEND, DType.FLOAT64, 5, 3, 1);
        Path file = dir.resolve("p.npz");
        Files.writeString(file, "not a zip");
        UserError e = assertThrows(UserError.class, () -> ModelNpz.load(file, m, "--init-params"));
        assertTrue(e.getMessage().startsWith("--init-params " + file + ": ") && e.getMessage().contains("zip"),
                e.getMessage());
    }

    private static List<Long> bits(Matrix m) {
        List<Long> out = new ArrayList<>();
        Arrays.stream(m.toArray()).forEach(v -> out.add(Double.doubleToRawLongBits(v)));
        return out;
    }
}
