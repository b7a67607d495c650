package org.backprop4j.cli.eval;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.datasets.Split;
import org.backprop4j.models.Accuracy;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j eval}: the accuracy of a checkpoint's model on a split, overall and per class. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a checkpoint: accuracy on a split, per class, and the confusion matrix.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CheckpointOptions target;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CheckpointData cd = target.load();
        Split s = cd.split(target.split());
        int[] pred = cd.model().predict(s.x());
        int[] y = s.y();
        List<String> names = cd.data().classNames();
        int c = names.size();
        long[][] confusion = new long[c][c];
        for (int i = 0; i < y.length; i++) {
            confusion[y[i]][pred[i]]++;
        }
        double acc = Accuracy.of(pred, y);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkpoint", target.checkpoint().toString());
            m.put("data", cd.data().description());
            m.put("split", target.split());
            m.put("examples", y.length);
            m.put("accuracy", acc);
            Map<String, Double> perClass = new LinkedHashMap<>();
            for (int k = 0; k < c; k++) {
                perClass.put(names.get(k), classAccuracy(confusion, k));
            }
            m.put("per_class_accuracy", perClass);
            m.put("confusion", confusion);
            out.println(Json.write(m));
        } else {
            out.println("data: " + cd.data().description());
            out.println(String.format(Locale.ROOT, "%s accuracy: %.4f (%d examples)", target.split(), acc, y.length));
            out.println();
            out.println("class           accuracy   examples");
            for (int k = 0; k < c; k++) {
                long total = 0;
                for (long v : confusion[k]) {
                    total += v;
                }
                out.println(String.format(Locale.ROOT, "%-14s  %8.4f   %8d", names.get(k), classAccuracy(confusion, k),
                        total));
            }
            out.println();
            out.println("confusion matrix (rows: true class, columns: predicted)");
            StringBuilder header = new StringBuilder("      ");
            for (int k = 0; k < c; k++) {
                header.append(String.format(Locale.ROOT, "%6d", k));
            }
            out.println(header);
            for (int k = 0; k < c; k++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", k));
                for (int j = 0; j < c; j++) {
                    row.append(String.format(Locale.ROOT, "%6d", confusion[k][j]));
                }
                out.println(row);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static double classAccuracy(long[][] confusion, int k) {
        long total = 0;
        for (long v : confusion[k]) {
            total += v;
        }
        return total == 0 ? Double.NaN : (double) confusion[k][k] / total;
    }
}
