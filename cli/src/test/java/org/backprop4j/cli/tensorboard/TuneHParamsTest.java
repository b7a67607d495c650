package org.backprop4j.cli.tensorboard;

import static org.backprop4j.cli.CliRun.json;
import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.tensorboard.EventFiles;
import org.backprop4j.tensorboard.proto.Event;
import org.backprop4j.tensorboard.proto.Experiment;
import org.backprop4j.tensorboard.proto.HParamsPluginData;
import org.backprop4j.tensorboard.proto.SessionStartInfo;
import org.backprop4j.tensorboard.proto.Status;
import org.backprop4j.tensorboard.proto.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune --tensorboard}: the experiment in the log directory, one session per trial, read back. */
class TuneHParamsTest {

    /** The hparams plugin data of every event of every event file in {@code dir}. */
    private static List<HParamsPluginData> hparams(Path dir) throws Exception {
        List<HParamsPluginData> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList()) {
                for (Event e : EventFiles.read(f)) {
                    for (Summary.Value v : e.getSummary().getValueList()) {
                        if (v.getMetadata().getPluginData().getPluginName().equals("hparams")) {
                            found.add(HParamsPluginData.parseFrom(v.getMetadata().getPluginData().getContent()));
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void eachTrialIsASessionOfTheExperiment(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("search");
        CliRun.Result r = run("tune", "--data", "toy", "--hidden", "8", "--lr", "1e-1,1e3", "--reg", "0", "--epochs",
                "2", "--batch-size", "2", "--jobs", "1", "--tensorboard", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        Path root = out.resolve("tensorboard");
        List<HParamsPluginData> top = hparams(root);
        assertEquals(1, top.size());
        Experiment e = top.get(0).getExperiment();
        assertEquals(List.of("lr", "reg", "hidden"), e.getHparamInfosList().stream().map(h -> h.getName()).toList());
        assertEquals(List.of("accuracy/val", "accuracy/train"),
                e.getMetricInfosList().stream().map(m -> m.getName().getTag()).toList());

        JsonNode results = json(out.resolve("results.json"));
        for (JsonNode trial : results.get("trials")) {
            Path session = root.resolve(String.format("trial-%03d", trial.get("trial").asInt()));
            List<HParamsPluginData> data = hparams(session);
            SessionStartInfo start = data.stream().filter(HParamsPluginData::hasSessionStartInfo).findFirst()
                    .orElseThrow().getSessionStartInfo();
            assertEquals(trial.get("lr").asDouble(), start.getHparamsOrThrow("lr").getNumberValue(), 0.0);
            assertEquals(trial.get("reg").asDouble(), start.getHparamsOrThrow("reg").getNumberValue(), 0.0);
            assertEquals(8, start.getHparamsOrThrow("hidden").getNumberValue(), 0.0);
            Status status = data.stream().filter(HParamsPluginData::hasSessionEndInfo).findFirst().orElseThrow()
                    .getSessionEndInfo().getStatus();
            boolean ok = trial.get("status").asText().equals("ok");
            assertEquals(ok ? Status.STATUS_SUCCESS : Status.STATUS_FAILURE, status, trial.toString());
            if (ok) {
                // the session's run holds its metric, as the HParams tab reads it
                boolean hasVal = false;
                try (Stream<Path> files = Files.list(session)) {
                    for (Path f : files.toList()) {
                        for (Event ev : EventFiles.read(f)) {
                            hasVal |= ev.getSummary().getValueList().stream()
                                    .anyMatch(v -> v.getTag().equals("accuracy/val"));
                        }
                    }
                }
                assertTrue(hasVal, "accuracy/val in " + session);
            }
        }
        assertTrue(results.get("trials").size() == 2);
    }
}
