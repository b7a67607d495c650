package org.backprop4j.solver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    @TempDir
    Path dir;

    private final Backend b = Backends.get("pure");

    private Checkpoint sample() {
        NumpyRandom rng = new NumpyRandom(5);
        rng.randn(3);
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.of(4, 6, 3).withDType(DType.FLOAT32), rng);
        Map<String, Tensor> params = new LinkedHashMap<>();
        net.params().forEach((k, v) -> params.put(k, Tensor.of(v)));
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("velocity", new Tensor(1, 2, new double[] {0.5, -0.25}));
        return new Checkpoint(net.spec(), Map.of("update_rule", "sgd"), 3, 42, 0.75, new double[] {2.3, 1.1},
                new double[] {0.1}, new double[] {0.2}, rng.getState(), params, params, Map.of(),
                Map.of("W1", new OptimState(Map.of("learning_rate", 1e-3), 7, state)));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Path f = dir.resolve("a.ckpt");
        Checkpoint c = sample();
        CheckpointFile.write(f, c);
        Checkpoint r = CheckpointFile.read(f);
        assertEquals(c.model(), r.model());
        assertEquals(c.solverOptions(), r.solverOptions());
        assertEquals(3, r.epoch());
        assertEquals(42, r.iteration());
        assertEquals(0.75, r.bestValAcc());
        assertArrayEquals(c.lossHistory(), r.lossHistory(), 0.0);
        assertEquals(c.rng(), r.rng());
        assertArrayEquals(c.params().get("W1").data(), r.params().get("W1").data(), 0.0);
        assertEquals(7, r.optim().get("W1").t());
        assertArrayEquals(new double[] {0.5, -0.25}, r.optim().get("W1").state().get("velocity").data(), 0.0);
        assertEquals(1e-3, r.optim().get("W1").hyperParameters().get("learning_rate"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the checkpoint itself remains");
        }
    }

    @Test
    void theSamePropertiesGiveTheSameBytesWhateverTheirMapsOrder() throws Exception {
        Checkpoint c = sample();
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("data", "toy");
        ab.put("seed", "3");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("seed", "3");
        ba.put("data", "toy");
        Path f1 = dir.resolve("ab.ckpt");
        Path f2 = dir.resolve("ba.ckpt");
        CheckpointFile.write(f1, withMetadata(c, ab));
        CheckpointFile.write(f2, withMetadata(c, ba));
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    }

    private static Checkpoint withMetadata(Checkpoint c, Map<String, String> metadata) {
        return new Checkpoint(c.model(), c.solverOptions(), metadata, c.epoch(), c.iteration(), c.bestValAcc(), 17,
                false, c.lossHistory(), c.trainAccHistory(), c.valAccHistory(), c.rng(), c.params(), c.bestParams(),
                Map.of(), Map.of(), c.optim());
    }

    @Test
    void roundTripsTheFieldsOfVersionTwo() throws Exception {
        Checkpoint c = sample();
        Map<String, Tensor> bestBuffers = Map.of("running_mean1", new Tensor(1, 2, new double[] {0.25, 4}));
        Checkpoint v2 = new Checkpoint(c.model(), c.solverOptions(), Map.of("data", "toy", "seed", "3"), c.epoch(),
                c.iteration(), c.bestValAcc(), 17, false, c.lossHistory(), c.trainAccHistory(), c.valAccHistory(),
                c.rng(), c.params(), c.bestParams(), Map.of(), bestBuffers, c.optim());
        Path f = dir.resolve("v2.ckpt");
        CheckpointFile.write(f, v2);
        assertEquals(CheckpointFile.VERSION, ByteBuffer.wrap(Files.readAllBytes(f)).getInt(8));
        Checkpoint r = CheckpointFile.read(f);
        assertEquals(Map.of("data", "toy", "seed", "3"), r.metadata());
        assertEquals(17, r.bestIteration());
        assertEquals(false, r.trainingState());
        assertArrayEquals(new double[] {0.25, 4}, r.bestBuffers().get("running_mean1").data(), 0.0);
    }

    @Test
    void checkpointsOfFormatVersionOneAreStillRead() throws Exception {
        // written by the program before format version 2: train --data toy --model fc --hidden 6,5 --batchnorm
        // --update adam --lr 1e-2 --epochs 3 --batch-size 5; its history.json was written beside it
        Path f = dir.resolve("v1.ckpt");
        try (var in = getClass().getResourceAsStream("v1-fc-batchnorm-adam.ckpt")) {
            Files.copy(in, f);
        }
        assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(f)).getInt(8), "a version-1 file");
        Checkpoint c = CheckpointFile.read(f);
        String history;
        try (var in = getClass().getResourceAsStream("v1-fc-batchnorm-adam.history.json")) {
            history = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertArrayEquals(jsonArray(history, "loss_history"), c.lossHistory(), 0.0);
        assertArrayEquals(jsonArray(history, "val_acc_history"), c.valAccHistory(), 0.0);
        assertEquals("fc", c.model().kind());
        assertEquals(3, c.epoch());
        assertEquals(3, c.iteration());
        assertEquals(Map.of(), c.metadata());
        assertEquals(-1, c.bestIteration(), "version 1 did not record it");
        assertTrue(c.trainingState());
        assertEquals(c.buffers().keySet(), c.bestBuffers().keySet());
        assertEquals(Set.of("running_mean1", "running_var1", "running_mean2", "running_var2"),
                c.buffers().keySet());
        assertEquals(3, c.optim().get("W1").t(), "adam's step count");
        var model = Solver.loadModel(f, b);
        assertArrayEquals(c.params().get("W2").data(), model.params().get("W2").toArray(), 0.0);
    }

    /** The numbers of a flat JSON array {@code "name" : [ ... ]}. */
    private static double[] jsonArray(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]")
                .matcher(json);
        assertTrue(m.find(), name);
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void truncatedFilesAreRefusedWithTheirName() throws Exception {
        Path f = dir.resolve("t.ckpt");
        CheckpointFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        for (int keep : new int[] {all.length - 1, all.length / 2, 20, 11}) {
            Files.write(f, Arrays.copyOf(all, keep));
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void flippedBitsAreDetected() throws Exception {
        Path f = dir.resolve("c.ckpt");
        CheckpointFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        all[all.length / 2] ^= 0x10;
        Files.write(f, all);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void otherVersionsAndOtherFilesAreRefused() throws Exception {
        Path f = dir.resolve("v.ckpt");
        CheckpointFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        ByteBuffer.wrap(all).putInt(8, 3);
        Files.write(f, all);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("reads versions 1 and 2"),
                e.getMessage());
        Path g = dir.resolve("not.ckpt");
        Files.writeString(g, "hello, I am a text file");
        e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(g));
        assertTrue(e.getMessage().contains("not a backprop4j checkpoint"), e.getMessage());
    }

    @Test
    void shapesThatDoNotFitTheModelAreNamed() throws Exception {
        Checkpoint c = sample();
        Map<String, Tensor> params = new LinkedHashMap<>(c.params());
        params.put("W1", new Tensor(5, 6, new double[30]));
        Path f = dir.resolve("s.ckpt");
        CheckpointFile.write(f, new Checkpoint(c.model(), c.solverOptions(), 0, 0, 0, new double[0], new double[0],
                new double[0], c.rng(), params, params, Map.of(), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solver.loadModel(f, b));
        assertTrue(e.getMessage().contains("W1") && e.getMessage().contains("(5, 6)")
                && e.getMessage().contains("(4, 6)"), e.getMessage());
        // and an unknown model kind
        Path g = dir.resolve("k.ckpt");
        CheckpointFile.write(g, new Checkpoint(new ModelSpec("cnn", Map.of()), c.solverOptions(), 0, 0, 0,
                new double[0], new double[0], new double[0], c.rng(), params, params, Map.of(), Map.of()));
        e = assertThrows(IllegalArgumentException.class, () -> Solver.loadModel(g, b));
        assertTrue(e.getMessage().contains("cnn"), e.getMessage());
    }
}
