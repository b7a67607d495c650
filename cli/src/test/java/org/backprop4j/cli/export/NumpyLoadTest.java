package org.backprop4j.cli.export;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.Split;
import org.backprop4j.datasets.npy.NpyWriter;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What NumPy makes of an exported file: {@code np.load} and the notebooks' formulas give the scores of the model
 * (to 1e-12 in float64, 1e-5 in float32) and the classes and probabilities {@code predict} printed, for every
 * model kind and both dtypes. Needs python3 with NumPy; skipped, saying so, without them.
 */
class NumpyLoadTest {

    private static final Backend BACKEND = Backends.select("pure");

    @Test
    void numpyComputesThePredictionsFromTheExportedFile(@TempDir Path dir) throws Exception {
        requireNumpy();
        List<String> cases = new ArrayList<>();
        for (String kind : ExportModels.KINDS) {
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Path d = dir.resolve(kind + "-" + dtype);
                Files.createDirectories(d);
                Model m = ExportModels.create(kind, BACKEND, dtype, 4, 3, 11);
                Path ckpt = d.resolve("best.ckpt");
                ExportModels.writeCheckpoint(m, ckpt);
                assertEquals(ExitCode.OK, run("export", ckpt.toString(), "--npz", d.resolve("model.npz").toString())
                        .code());
                CliRun.Result p = run("predict", ckpt.toString(), "--data", "toy", "--output",
                        d.resolve("predict.csv").toString());
                assertEquals(ExitCode.OK, p.code(), p.both());
                Model loaded = Solver.loadModel(ckpt, BACKEND);
                Split test = new DataOption("toy").load(BACKEND, dtype, -1, PixelLayout.HWC).test().orElseThrow();
                write(d.resolve("X.npy"), test.x());
                write(d.resolve("scores.npy"), loaded.scores(test.x()));
                cases.add(d.toString());
            }
        }
        List<String> command = new ArrayList<>(List.of("python3", Path.of("src/test/python/npz_scores.py").toString()));
        command.addAll(cases);
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "npz_scores.py did not finish in 120 s");
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(out);
            assertEquals(0, proc.exitValue(), out);
            assertEquals(cases.size(), out.lines().filter(l -> l.endsWith(" ok")).count(), out);
        } finally {
            proc.destroyForcibly();
        }
    }

    private static void write(Path file, Matrix m) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            NpyWriter.write(os, NpyWriter.FLOAT64, new long[] {m.rows(), m.cols()}, m.toArray());
        }
    }

    private static void requireNumpy() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    Assumptions.abort("python3 has no NumPy, so np.load of an exported file is not checked");
                }
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed, so np.load of an exported file is not checked: "
                    + e.getMessage());
        }
    }
}
