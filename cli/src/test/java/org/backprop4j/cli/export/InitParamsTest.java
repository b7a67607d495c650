package org.backprop4j.cli.export;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.datasets.npy.NpyWriter;
import org.backprop4j.datasets.npy.NpzWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --init-params FILE.npz}: a run started from a Python model's parameters follows the Python run
 * (the committed reference of {@code cli/src/test/python/init_params_reference.py}), and a file that does not fit
 * the model is refused, one sentence per mismatch, before training.
 */
class InitParamsTest {

    @TempDir
    Path dir;

    private JsonNode reference;
    private List<String> options;

    @BeforeEach
    void copyTheReference() throws IOException {
        for (String f : new String[] {"data.npz", "params.npz", "reference.json"}) {
            try (InputStream in = InitParamsTest.class.getResourceAsStream(f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        reference = json(dir.resolve("reference.json"));
        options = new ArrayList<>(List.of("train", "--quiet", "--data", "npz:" + dir.resolve("data.npz")));
        reference.get("options").forEach(o -> options.add(o.asText()));
    }

    private String[] args(String... more) {
        return Stream.concat(options.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aRunFromAPythonModelsParametersFollowsThePythonRun() throws IOException {
        Path out = dir.resolve("run");
        CliRun.Result r = run(args("--init-params", dir.resolve("params.npz").toString(), "--out", out.toString(),
                "--backend", "pure"));
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode history = json(out.resolve("history.json"));
        JsonNode expected = reference.get("loss_history");
        JsonNode losses = history.get("loss_history");
        assertEquals(expected.size(), losses.size());
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(losses.get(i).asDouble() - expected.get(i).asDouble()));
        }
        // the first loss is the Python model's own: its parameters, the seed's first minibatch and dropout masks
        assertEquals(expected.get(0).asDouble(), losses.get(0).asDouble(), 1e-13);
        System.out.println("train --init-params: largest loss difference to the NumPy run over " + expected.size()
                + " iterations: " + worst);
        assertTrue(worst < 1e-10, "largest loss difference to the NumPy run " + worst);
        assertEquals(reference.get("train_acc_history"), history.get("train_acc_history"));
        assertEquals(reference.get("val_acc_history"), history.get("val_acc_history"));
        assertEquals(dir.resolve("params.npz").toAbsolutePath().toString(),
                json(out.resolve("run.json")).get("init_params").asText(), "run.json names where the run started");
    }

    @Test
    void withoutItTheSameOptionsDrawTheirOwnWeights() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(ExitCode.OK, run(args("--out", out.toString())).code());
        assertTrue(json(out.resolve("run.json")).get("init_params") == null, "no init_params without the option");
        double first = json(out.resolve("history.json")).get("loss_history").get(0).asDouble();
        assertNotEquals(reference.get("loss_history").get(0).asDouble(), first, 1e-3);
    }

    @Test
    void aFileThatDoesNotFitTheModelIsRefusedBeforeTraining() throws IOException {
        Path bad = dir.resolve("bad.npz");
        try (OutputStream os = Files.newOutputStream(bad); NpzWriter npz = new NpzWriter(os)) {
            npz.array("W1", NpyWriter.FLOAT64, new long[] {12, 9}, new double[108]);
            npz.array("b1", NpyWriter.FLOAT32, new long[] {10}, new double[10]);
        }
        Path out = dir.resolve("run");
        CliRun.Result r = run(args("--init-params", bad.toString(), "--out", out.toString()));
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        String err = r.err();
        for (String s : new String[] {"--init-params " + bad + " does not fit the model (its parameters: W1, b1, "
                + "gamma1, beta1, W2, b2, gamma2, beta2, W3, b3): ",
                "W1 has shape (12, 9), but the model's has shape (12, 10).",
                "b1 is float32, but the model is float64 (train with --dtype float32, or save b1.astype(np.float64)).",
                "gamma1 is missing (the model's has shape (10,)).", "b3 is missing (the model's has shape (4,))."}) {
            assertTrue(err.contains(s), "missing «" + s + "» in " + err);
        }
        assertFalse(err.contains("Exception") || err.contains("(Iteration"), err);
        assertFalse(Files.exists(out.resolve("history.json")), "no training ran");
    }

    @Test
    void aMissingFileAndResumeAreRefusedFirst() throws IOException {
        CliRun.Result r = run(args("--init-params", dir.resolve("none.npz").toString()));
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals("error: --init-params " + dir.resolve("none.npz") + " does not exist.", r.err().strip());
        r = run("train", "--resume", dir.resolve("last.ckpt").toString(), "--init-params",
                dir.resolve("params.npz").toString());
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertTrue(r.err().contains("--init-params sets the parameters a new run starts from, but --resume continues"),
                r.err());
    }
}
