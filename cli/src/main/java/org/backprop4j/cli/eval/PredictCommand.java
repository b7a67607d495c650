package org.backprop4j.cli.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.Split;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j predict}: a checkpoint's predictions for the examples of a split, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a checkpoint: one CSV line per example (index, predicted class, its softmax "
                + "probability, true label, class name).")
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CheckpointOptions target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1", description = "Only the first N examples.")
    int limit;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        CheckpointData cd = target.load();
        Split s = cd.split(target.split());
        int n = limit < 0 ? s.size() : Math.min(limit, s.size());
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix scores = cd.model().scores(s.x().gatherRows(rows));
        // softmax probabilities, with the row maximum subtracted
        Matrix p = scores.subColumnVector(scores.max(1));
        p.mapInPlace(UnaryOp.EXP);
        p = p.divColumnVector(p.sum(1));
        int[] pred = p.argmax(1);
        int[] y = s.y();
        List<String> names = cd.data().classNames();
        Writer w = output == null ? spec.commandLine().getOut() : Files.newBufferedWriter(output);
        try {
            PrintWriter out = new PrintWriter(w);
            out.println("index,predicted,probability,label,class");
            for (int i = 0; i < n; i++) {
                out.println(String.format(Locale.ROOT, "%d,%d,%.6f,%d,%s", i, pred[i], p.get(i, pred[i]), y[i],
                        csv(names.get(pred[i]))));
            }
            out.flush();
        } finally {
            if (output != null) {
                w.close();
            }
        }
        if (output != null && !Files.exists(output)) {
            throw new UserError("could not write " + output + ".");
        }
        return ExitCode.OK;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
