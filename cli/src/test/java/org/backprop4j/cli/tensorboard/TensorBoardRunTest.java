package org.backprop4j.cli.tensorboard;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.tensorboard.EventFiles;
import org.backprop4j.tensorboard.proto.Event;
import org.backprop4j.tensorboard.proto.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --tensorboard [DIR]}: the event file holds the run's history.json, read back by a reader of the
 * tests (CRCs checked with java.util.zip.CRC32C, records parsed by protobuf-java) and, where Python's protobuf is
 * installed, by a Python script decoding it against the same schema.
 */
class TensorBoardRunTest {

    /** 300 digits, 3 iterations per epoch, 2 epochs; checks after iterations 1, 3 and 6. */
    private static final String[] SMALL = {"train", "--quiet", "--num-train", "300", "--hidden", "16", "--epochs", "2",
            "--diag-every", "2"};

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private record Point(long step, float value) {
    }

    private static Map<String, List<Point>> scalars(List<Event> events) {
        Map<String, List<Point>> m = new LinkedHashMap<>();
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.hasSimpleValue()) {
                    m.computeIfAbsent(v.getTag(), k -> new ArrayList<>())
                            .add(new Point(e.getStep(), v.getSimpleValue()));
                }
            }
        }
        return m;
    }

    private static List<Point> expected(JsonNode history, String key, long[] steps) {
        List<Point> p = new ArrayList<>();
        for (int i = 0; i < history.get(key).size(); i++) {
            p.add(new Point(steps[i], (float) history.get(key).get(i).asDouble()));
        }
        return p;
    }

    @Test
    void theEventFileHoldsTheRunsHistoryHistogramsAndWeights(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun.Result r = run(with("--tensorboard", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        JsonNode history = json(out.resolve("history.json"));
        List<Event> events = EventFiles.read(EventFiles.only(out.resolve("tensorboard")));
        assertEquals("brain.Event:2", events.get(0).getFileVersion());

        Map<String, List<Point>> scalars = scalars(events);
        assertEquals(expected(history, "loss_history", new long[] {1, 2, 3, 4, 5, 6}), scalars.get("loss"));
        assertEquals(expected(history, "train_acc_history", new long[] {1, 3, 6}), scalars.get("accuracy/train"));
        assertEquals(expected(history, "val_acc_history", new long[] {1, 3, 6}), scalars.get("accuracy/val"));
        // sgd_momentum at --lr 0.1 with --lr-decay 0.95: the rate after each check (decayed at each epoch end)
        assertEquals(List.of(new Point(1, 0.1f), new Point(3, (float) (0.1 * 0.95)),
                new Point(6, (float) (0.1 * 0.95 * 0.95))), scalars.get("learning_rate"));
        JsonNode diag = json(out.resolve("diagnostics.json"));
        List<Point> ratios = new ArrayList<>();
        for (JsonNode rec : diag.get("records")) {
            ratios.add(new Point(rec.get("iteration").asLong(),
                    (float) rec.get("params").get("W1").get("update_ratio").asDouble()));
        }
        assertEquals(ratios, scalars.get("update_ratio/W1"));

        Set<String> histograms = new LinkedHashSet<>();
        BufferedImage weights = null;
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.hasHisto()) {
                    histograms.add(v.getTag());
                    double total = v.getHisto().getBucketList().stream().mapToDouble(Double::doubleValue).sum();
                    assertEquals(v.getHisto().getNum(), total, 0.0, v.getTag());
                    if (v.getTag().equals("weights/W1")) {
                        assertEquals(784 * 16, v.getHisto().getNum(), 0.0);
                    } else if (v.getTag().equals("activations/layer1")) {
                        assertEquals(100 * 16, v.getHisto().getNum(), 0.0, "a minibatch of 100 rows, 16 units");
                    }
                }
                if (v.hasImage()) {
                    assertEquals("weights/W1", v.getTag());
                    weights = ImageIO
                            .read(new ByteArrayInputStream(v.getImage().getEncodedImageString().toByteArray()));
                    assertEquals(v.getImage().getWidth(), weights.getWidth());
                    assertEquals(v.getImage().getHeight(), weights.getHeight());
                }
            }
        }
        assertEquals(Set.of("weights/W1", "weights/b1", "weights/W2", "weights/b2", "activations/layer1"), histograms);
        assertTrue(weights != null, "the first layer's weights as an image");
        assertEquals(ImageIO.read(out.resolve("weights.png").toFile()).getWidth(), weights.getWidth(),
                "the picture of weights.png");

        pythonAgrees(events.size(), out.resolve("tensorboard"), history, dir);
    }

    /** Python's protobuf, against the same schema, decodes the same numbers (skipped where it is missing). */
    private static void pythonAgrees(int records, Path logDir, JsonNode history, Path dir) throws Exception {
        String python = pythonWithProtobuf();
        assumeTrue(python != null, "skipped: no python3 with the protobuf module (Debian: python3-protobuf) on the "
                + "PATH or at /usr/bin/python3, so the Python decoding of the event file is not checked");
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        FileDescriptor file = Event.getDescriptor().getFile();
        for (FileDescriptor dep : file.getDependencies()) {
            set.addFile(dep.toProto());
        }
        set.addFile(file.toProto());
        Path descriptors = dir.resolve("tensorboard.desc");
        Files.write(descriptors, set.build().toByteArray());
        Path script = dir.resolve("read_events.py");
        try (InputStream in = TensorBoardRunTest.class.getResourceAsStream("read_events.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(python, script.toString(), descriptors.toString(),
                EventFiles.only(logDir).toString()).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script ends");
            assertEquals(0, p.exitValue(), text);
            JsonNode decoded = Json.mapper().readTree(text);
            assertEquals("brain.Event:2", decoded.get("file_version").asText());
            JsonNode loss = decoded.get("scalars").get("loss");
            assertEquals(history.get("loss_history").size(), loss.size());
            for (int i = 0; i < loss.size(); i++) {
                assertEquals(i + 1, loss.get(i).get(0).asInt());
                assertEquals((float) history.get("loss_history").get(i).asDouble(), (float) loss.get(i).get(1)
                        .asDouble(), 0f, "loss " + i);
            }
            JsonNode val = decoded.get("scalars").get("accuracy/val");
            for (int i = 0; i < val.size(); i++) {
                assertEquals((float) history.get("val_acc_history").get(i).asDouble(), (float) val.get(i).get(1)
                        .asDouble(), 0f, "val acc " + i);
            }
            assertEquals(history.get("val_acc_history").size(), val.size());
            for (JsonNode h : decoded.get("histograms").get("weights/W1")) {
                assertEquals(784 * 16, h.get(1).asDouble(), 0.0);
                assertEquals(784 * 16, h.get(2).asDouble(), 0.0);
            }
            assertTrue(decoded.get("images").get("weights/W1").get(0).get(3).asInt() > 100, "PNG bytes");
        } finally {
            p.destroyForcibly();
        }
    }

    /** The python3 on the PATH, else Debian's (where python3-protobuf installs), if it has protobuf; or null. */
    private static String pythonWithProtobuf() {
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import google.protobuf").redirectErrorStream(true)
                        .start();
                try {
                    p.getInputStream().readAllBytes();
                    if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return python;
                    }
                } finally {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    @Test
    void aGivenDirectoryIsUsedAndAFileIsRefused(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs/run1");
        CliRun.Result r = run(with("--tensorboard", logs.toString(), "--out", dir.resolve("run").toString()));
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(EventFiles.read(EventFiles.only(logs)).size() > 10);
        Path file = Files.writeString(dir.resolve("afile"), "x");
        CliRun.Result refused = run(with("--tensorboard", file.toString(), "--out", dir.resolve("run2").toString()));
        assertEquals(ExitCode.USAGE, refused.code(), refused.both());
        assertEquals("error: --tensorboard " + file + " is a file; give a directory for the event files.",
                refused.err().strip());
    }
}
