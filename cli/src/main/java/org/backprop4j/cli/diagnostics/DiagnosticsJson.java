package org.backprop4j.cli.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * ratio of a parameter that is still zero) are {@code null}.
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

    /** {@code dead_fraction} for relu, {@code saturated_fraction} for sigmoid. */
    static String inactiveName(String activation) {
        return activation.equals("sigmoid") ? "saturated_fraction" : "dead_fraction";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
