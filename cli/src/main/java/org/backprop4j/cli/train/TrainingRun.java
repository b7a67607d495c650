package org.backprop4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.google.inject.Inject;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.run.RunPlots;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.TrainingDivergedException;

/** One training run: trains with the Solver, reports progress, writes the run folder, reports test accuracy. */
public final class TrainingRun {

    private final TrainSettings settings;
    private final Backend backend;
    private final DataSplits data;
    private final Solver solver;

    /** Injected by {@link TrainingModule}. */
    @Inject
    public TrainingRun(TrainSettings settings, Backend backend, DataSplits data, Solver solver) {
        this.settings = settings;
        this.backend = backend;
        this.data = data;
        this.solver = solver;
    }

    /** What a run achieved. */
    public record Result(double bestValAcc, Double testAcc, RunFolder folder, double seconds, double[] trainAccHistory) {
    }

    /** Trains and writes the run folder; progress goes to {@code out} (a bar on {@code terminal}). */
    public Result run(PrintWriter out, boolean terminal) throws IOException {
        RunFolder folder = RunFolder.create(settings.out());
        Model model = solver.model();
        if (!settings.quiet()) {
            out.println("data:    " + data.description());
            out.println("model:   " + model.spec().kind() + " " + model.spec().properties() + ", "
                    + model.params().count() + " parameters");
            out.println("solver:  " + solver.options().updateRule().name() + " " + solver.options().optimConfig()
                    + ", lr_decay " + solver.options().lrDecay() + ", batch " + solver.options().batchSize() + ", "
                    + solver.options().numEpochs() + " epochs (" + solver.numIterations() + " iterations)");
            out.println("backend: " + backend.name() + ", " + model.dtype() + ", seed " + settings.seed()
                    + (settings.resume() != null ? ", resumed from " + settings.resume() + " at iteration "
                    + solver.iteration() : ""));
            out.println("run:     " + folder.dir());
            out.flush();
        }
        writeRunJson(folder, null, null, 0);
        ProgressReporter progress = new ProgressReporter(out, terminal && !settings.quiet(),
                Math.max(1, solver.numIterations() / 20));
        if (!settings.quiet()) {
            solver.addListener(progress);
            progress.start(solver.numIterations(), solver.iteration());
        }
        solver.addListener(new SolverListener() {
            @Override
            public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long t) {
                solver.saveCheckpoint(folder.file(RunFolder.LAST));
                if (improved || !Files.exists(folder.file(RunFolder.BEST))) {
                    solver.saveCheckpoint(folder.file(RunFolder.BEST));
                }
            }
        });
        long start = System.nanoTime();
        try {
            solver.train();
        } catch (TrainingDivergedException e) {
            throw new UserError(e.getMessage() + (Files.exists(folder.file(RunFolder.LAST))
                    ? " The last good checkpoint is " + folder.file(RunFolder.LAST) + "." : ""), e);
        } finally {
            progress.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Double testAcc = data.test().map(t -> Accuracy.of(model.predict(t.x()), t.y())).orElse(null);

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("best_val_acc", solver.bestValAcc());
        extra.put("test_acc", testAcc);
        RunFolder.writeHistory(folder.file(RunFolder.HISTORY), solver.lossHistory(), solver.trainAccHistory(),
                solver.valAccHistory(), extra);
        if (settings.historyOut() != null) {
            RunFolder.writeHistory(settings.historyOut(), solver.lossHistory(), solver.trainAccHistory(),
                    solver.valAccHistory(), extra);
        }
        writeRunJson(folder, solver.bestValAcc(), testAcc, seconds);
        RunPlots.write(folder, solver.lossHistory(), solver.trainAccHistory(), solver.valAccHistory(), model,
                data.geometry().orElse(null), backend.name() + " · " + model.spec().kind());

        out.println(String.format(Locale.ROOT, "Trained in %.1f s; best validation accuracy %.4f.", seconds,
                solver.bestValAcc()));
        if (testAcc != null) {
            out.println(String.format(Locale.ROOT, "Test accuracy: %.4f", testAcc));
        }
        out.println("Wrote " + folder.dir() + " (best.ckpt, last.ckpt, history.json, run.json, curves.png"
                + (Files.exists(folder.file(RunFolder.WEIGHTS)) ? ", weights.png" : "") + ").");
        out.flush();
        return new Result(solver.bestValAcc(), testAcc, folder, seconds, solver.trainAccHistory());
    }

    private void writeRunJson(RunFolder folder, Double bestVal, Double testAcc, double seconds) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", settings.data().text());
        m.put("data_description", data.description());
        m.put("num_train", settings.numTrain());
        m.put("class_names", data.classNames());
        data.geometry().ifPresent(g -> m.put("image", Map.of("height", g.height(), "width", g.width(),
                "channels", g.channels())));
        m.put("model", Map.of("kind", solver.model().spec().kind(), "properties", solver.model().spec().properties()));
        m.put("solver", solver.options().toProperties());
        m.put("backend", backend.name());
        m.put("dtype", solver.model().dtype().numpyName());
        m.put("seed", settings.seed());
        m.put("java", System.getProperty("java.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (bestVal != null) {
            m.put("best_val_acc", bestVal);
            m.put("test_acc", testAcc);
            m.put("train_seconds", seconds);
        }
        RunFolder.writeJson(folder.file(RunFolder.RUN), m);
    }
}
