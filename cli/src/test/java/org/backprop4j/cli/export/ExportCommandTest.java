package org.backprop4j.cli.export;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code export CKPT --npz FILE}: the checkpoint's model, bit for bit; and the mistakes it refuses. */
class ExportCommandTest {

    private static final Backend BACKEND = Backends.select("pure");

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("org.backprop4j.cli.export.ExportModels#kindsAndDtypes")
    void writesTheCheckpointsModel(String kind, DType dtype, @TempDir Path dir) throws IOException {
        Model m = ExportModels.create(kind, BACKEND, dtype, 4, 3, 5);
        Path ckpt = dir.resolve("best.ckpt");
        ExportModels.writeCheckpoint(m, ckpt);
        Path npz = dir.resolve("model.npz");
        CliRun.Result r = run("export", ckpt.toString(), "--npz", npz.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().startsWith("Wrote " + npz + " ("), r.out());
        Model back = ExportModels.create(kind, BACKEND, dtype, 4, 3, 6);
        ModelNpz.load(npz, back, "--init-params");
        ExportModels.assertSameValues(m, back);
    }

    @Test
    void refusesWhatItCannotDoInOneSentence(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("best.ckpt");
        ExportModels.writeCheckpoint(ExportModels.create("fc", BACKEND, DType.FLOAT64, 4, 3, 5), ckpt);
        String same = dir.resolve("model.out").toString();
        String[][] cases = {{"export", ckpt.toString()},
                {"export", dir.resolve("none.ckpt").toString(), "--npz", "x.npz"},
                {"export", dir.toString(), "--npz", "x.npz"}, {"export", ckpt.toString(), "--npz", dir.toString()},
                {"export", ckpt.toString(), "--npz", dir.resolve("no/such/x.npz").toString()},
                {"export", ckpt.toString(), "--onnx", dir.toString()},
                {"export", ckpt.toString(), "--npz", same, "--onnx", same}};
        String[] expected = {"export needs --npz FILE or --onnx FILE",
                "The checkpoint " + dir.resolve("none.ckpt") + " does not exist.",
                dir + " is a directory, but export takes a checkpoint file", "--npz " + dir + " is a directory",
                "the directory " + dir.resolve("no/such") + " does not exist.", "--onnx " + dir + " is a directory",
                "--npz and --onnx name the same file"};
        for (int i = 0; i < cases.length; i++) {
            CliRun.Result r = run(cases[i]);
            assertEquals(ExitCode.USAGE, r.code(), r.both());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(expected[i]), "expected «" + expected[i] + "» in " + r.err());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> !p.getFileName().toString().equals("best.ckpt")));
        }
    }
}
