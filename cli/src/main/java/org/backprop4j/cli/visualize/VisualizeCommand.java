package org.backprop4j.cli.visualize;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.run.RunPlots;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code backprop4j visualize}: redraws a run folder's plots from its history and best checkpoint. */
@Command(name = "visualize", mixinStandardHelpOptions = true, description = "Redraw the plots of a run folder (curves.png and weights.png) from its history and its best"
        + " checkpoint.")
public final class VisualizeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by train, e.g. runs/<date-time>.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir + " is a file, but visualize takes a run folder (the directory train wrote, e.g."
                    + " runs/<date-time>).");
        }
        RunFolder folder = RunFolder.open(dir);
        if (!Files.exists(folder.file(RunFolder.HISTORY))) {
            throw new UserError(dir + " holds no " + RunFolder.HISTORY + ": is it a finished run folder?");
        }
        JsonNode history = folder.readJson(RunFolder.HISTORY);
        JsonNode run = Files.exists(folder.file(RunFolder.RUN)) ? folder.readJson(RunFolder.RUN) : null;
        ImageGeometry geometry = null;
        if (run != null && run.has("image")) {
            JsonNode im = run.get("image");
            geometry = new ImageGeometry(im.get("height").asInt(), im.get("width").asInt(), im.get("channels").asInt());
        }
        Model model = Solver.loadModel(folder.file(RunFolder.BEST), Backends.select(null));
        String title = (run == null ? "" : run.path("backend").asText("") + " · ") + model.spec().kind();
        RunPlots.write(folder, doubles(history.get("loss_history")), doubles(history.get("train_acc_history")),
                doubles(history.get("val_acc_history")),
                history.has("grad_magnitude_history") ? doubles(history.get("grad_magnitude_history")) : null, model,
                geometry, title);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + folder.file(RunFolder.CURVES)
                + (Files.exists(folder.file(RunFolder.WEIGHTS)) ? " and " + folder.file(RunFolder.WEIGHTS) : "") + ".");
        out.flush();
        return ExitCode.OK;
    }

    private static double[] doubles(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new UserError("history.json lacks a history array.");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble(Double.NaN);
        }
        return out;
    }
}
