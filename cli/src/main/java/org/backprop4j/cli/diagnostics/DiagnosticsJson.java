package org.backprop4j.cli.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.solver.diagnostics.Histogram;
import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;

/**
 * {@value #FILE} of a run folder: {@code every} (the {@code --diag-every} interval), {@code iterations_per_epoch},
 * and {@code records}, one per diagnosed iteration: {@code iteration}, {@code epoch} (completed),
 * {@code epoch_end}, {@code params} ({@code name → {norm, update_ratio, grad_norm}}) and {@code layers}
 * ({@code layer, activation, mean, std, dead_fraction} for relu or {@code saturated_fraction} for sigmoid,
 * {@code grad_norm}, and at epoch ends {@code histogram: {lo, hi, counts}}). Numbers that do not exist (the
 * ratio of a parameter that is still zero) are {@code null}. A resumed run's file holds the records of the run it
 * continues (read back by {@link #read}) followed by its own.
 */
public final class DiagnosticsJson {

    /** The file name in the run folder. */
    public static final String FILE = "diagnostics.json";

    private DiagnosticsJson() {
    }

    /** Writes the snapshots to {@code file}, atomically. */
    public static void write(Path file, List<Snapshot> snapshots, int every, int iterationsPerEpoch)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", every);
        m.put("iterations_per_epoch", iterationsPerEpoch);
        List<Object> records = new ArrayList<>();
        for (Snapshot s : snapshots) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("iteration", s.iteration());
            r.put("epoch", s.epoch());
            r.put("epoch_end", s.epochEnd());
            Map<String, Object> params = new LinkedHashMap<>();
            for (ParamStats p : s.params()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("norm", finite(p.norm()));
                q.put("update_ratio", finite(p.updateRatio()));
                q.put("grad_norm", finite(p.gradNorm()));
                params.put(p.name(), q);
            }
            r.put("params", params);
            List<Object> layers = new ArrayList<>();
            for (LayerStats l : s.layers()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("layer", l.layer());
                q.put("activation", l.activation());
                q.put("mean", finite(l.mean()));
                q.put("std", finite(l.std()));
                q.put(inactiveName(l.activation()), finite(l.inactiveFraction()));
                q.put("grad_norm", finite(l.gradNorm()));
                Histogram h = l.histogram();
                if (h != null) {
                    q.put("histogram", Map.of("lo", h.lo(), "hi", h.hi(), "counts", h.counts()));
                }
                layers.add(q);
            }
            r.put("layers", layers);
            records.add(r);
        }
        m.put("records", records);
        RunFolder.writeJson(file, m);
    }

    /**
     * The records of {@code file} up to iteration {@code last} (those a resumed run continues from), or none if
     * there is no such file.
     *
     * @throws IOException if the file cannot be read or is not one this class writes
     */
    public static List<Snapshot> read(Path file, int last) throws IOException {
        List<Snapshot> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root = Json.mapper().readTree(file.toFile());
        for (JsonNode r : root.path("records")) {
            int iteration = r.get("iteration").asInt();
            if (iteration > last) {
                continue;
            }
            List<ParamStats> params = new ArrayList<>();
            r.get("params").fields().forEachRemaining(e -> params.add(new ParamStats(e.getKey(),
                    number(e.getValue().get("norm")), number(e.getValue().get("update_ratio")),
                    number(e.getValue().get("grad_norm")))));
            List<LayerStats> layers = new ArrayList<>();
            for (JsonNode l : r.get("layers")) {
                String activation = l.get("activation").asText();
                Histogram h = null;
                if (l.has("histogram")) {
                    JsonNode hn = l.get("histogram");
                    long[] counts = new long[hn.get("counts").size()];
                    for (int k = 0; k < counts.length; k++) {
                        counts[k] = hn.get("counts").get(k).asLong();
                    }
                    h = new Histogram(hn.get("lo").asDouble(), hn.get("hi").asDouble(), counts);
                }
                layers.add(new LayerStats(l.get("layer").asInt(), activation, number(l.get("mean")),
                        number(l.get("std")), number(l.get(inactiveName(activation))), number(l.get("grad_norm")), h));
            }
            out.add(new Snapshot(iteration, r.get("epoch").asInt(), r.get("epoch_end").asBoolean(), params, layers));
        }
        return out;
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    /** {@code dead_fraction} for relu, {@code saturated_fraction} for sigmoid. */
    static String inactiveName(String activation) {
        return activation.equals("sigmoid") ? "saturated_fraction" : "dead_fraction";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
