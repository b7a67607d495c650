package org.backprop4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import com.google.inject.Inject;
import com.google.inject.Module;
import com.google.inject.util.Modules;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.dashboard.DashboardListener;
import org.backprop4j.cli.dashboard.RunState;
import org.backprop4j.cli.diagnostics.DiagnosticsJson;
import org.backprop4j.cli.diagnostics.SanityChecks;
import org.backprop4j.cli.plot.DiagnosticsPlot;
import org.backprop4j.cli.tensorboard.TensorBoardLog;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.run.RunPlots;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.TrainingDivergedException;
import org.backprop4j.solver.diagnostics.Diagnostics;
import org.backprop4j.solver.diagnostics.Snapshot;
import org.backprop4j.solver.stopping.EarlyStopping;

/**
 * One training run, the body that {@code train} and every {@code tune} trial share: claims its run folder,
 * trains with the Solver (new or resumed), writes the folder as it goes — each epoch's checkpoints before
 * its progress line — and at the end (also when the run diverged) the histories, run.json and the plots,
 * and reports the accuracies of the model in {@code best.ckpt}.
 */
public final class TrainingRun {

    /** The root of default run folders, {@code runs/} in the working directory. */
    public static final Path RUNS = Path.of("runs");

    private final TrainSettings settings;
    private final Backend backend;
    private final DataSplits data;
    private final Solver solver;
    private final Optional<Resumption> resumption;
    private RunState dashboard;

    /** Injected by {@link TrainingModule}. */
    @Inject
    public TrainingRun(TrainSettings settings, Backend backend, DataSplits data, Solver solver,
            Optional<Resumption> resumption) {
        this.settings = settings;
        this.backend = backend;
        this.data = data;
        this.solver = solver;
        this.resumption = resumption;
    }

    /**
     * The run of {@code settings}: backend, data and Solver wired by {@link TrainingModule}.
     *
     * @param resumption the checkpoint to continue, or null
     * @param shared     data already loaded (tune's trials share one copy), or null to load them
     */
    public static TrainingRun of(TrainSettings settings, Resumption resumption, DataSplits shared) throws IOException {
        Module module = new TrainingModule(settings, resumption);
        return TrainingModule.run(shared == null
                ? module
                : Modules.override(module).with(b -> b.bind(DataSplits.class).toInstance(shared)));
    }

    /** Also shows the run live in {@code state} (a dashboard's run); returns this run. */
    public TrainingRun dashboard(RunState state) {
        this.dashboard = state;
        return this;
    }

    /**
     * What a run achieved.
     *
     * @param bestValAcc      the best validation accuracy (that of best.ckpt)
     * @param testAcc         best.ckpt's test accuracy, or null without a test split
     * @param folder          the run folder
     * @param seconds         training time
     * @param trainAccHistory training accuracy at every check
     * @param diverged        why the run stopped early, one sentence, or null if it finished
     */
    public record Result(double bestValAcc, Double testAcc, Path folder, double seconds, double[] trainAccHistory,
            String diverged) {
    }

    /** Trains and writes the run folder; progress goes to {@code out} (a bar on {@code terminal}). */
    public Result run(PrintWriter out, boolean terminal) throws IOException {
        Model model = solver.model();
        checkInputWidth(model);
        Path resumedFolder = resumption.map(r -> r.file().toAbsolutePath().normalize().getParent()).orElse(null);
        try (RunFolder folder = settings.out() == null
                ? RunFolder.createUnder(RUNS)
                : RunFolder.claim(settings.out(), settings.force(), resumedFolder)) {
            if (resumption.isEmpty()) {
                solver.metadata(Resumption.metadata(settings, backend.name()));
            } else if (solver.metadata().isEmpty()) {
                // a version-1 checkpoint: its run's checkpoints from now on record what it was trained on
                solver.metadata(Resumption.metadata(settings, backend.name()));
            } else {
                // the early stopping it goes on with, which a later --resume applies
                Map<String, String> meta = new LinkedHashMap<>(solver.metadata());
                meta.putAll(Resumption.stopping(settings));
                solver.metadata(meta);
            }
            if (!settings.quiet()) {
                header(out, folder);
            }
            writeRunJson(folder, "running", null, null, 0, null);
            boolean ownBest = resumedFolder != null && resumedFolder.equals(folder.dir().toAbsolutePath().normalize())
                    && Files.exists(folder.file(RunFolder.BEST));
            if (resumption.isPresent() && !ownBest) {
                // the best of the whole run so far, not the first epoch after the resume
                solver.saveBestCheckpoint(folder.file(RunFolder.BEST));
            }
            // checkpoints first: a progress line about an epoch is printed once the epoch is on disk
            solver.addListener(new SolverListener() {
                @Override
                public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved,
                        long t) {
                    solver.saveCheckpoint(folder.file(RunFolder.LAST));
                    if (improved || !Files.exists(folder.file(RunFolder.BEST))) {
                        solver.saveBestCheckpoint(folder.file(RunFolder.BEST));
                    }
                }
            });
            GradientMagnitudes gradients = null; // seed 002's history, the first panel of an mlp's curves.png
            if (settings.model().equals("mlp")) {
                gradients = new GradientMagnitudes(solver.numIterations());
                solver.addListener(gradients);
            }
            ProgressReporter progress = new ProgressReporter(out, terminal && !settings.quiet(),
                    settings.printEvery() != null ? settings.printEvery() : Math.max(1, solver.numIterations() / 20));
            SanityChecks sanity = new SanityChecks(out, data.numClasses(), solver.iterationsPerEpoch(),
                    settings.typed("--lr"), settings.typed("--weight-scale"));
            Diagnostics diagnostics = null;
            if (settings.diagEvery() > 0) {
                diagnostics = new Diagnostics(solver, settings.diagEvery());
                if (!settings.quiet()) {
                    diagnostics.onSnapshot(sanity);
                }
                solver.addListener(diagnostics);
            }
            TensorBoardLog tensorboard = null;
            if (settings.tensorboard() != null) {
                tensorboard = new TensorBoardLog(tensorboardDir(folder), solver, data.geometry().orElse(null));
                solver.addListener(tensorboard);
                if (diagnostics != null) {
                    diagnostics.onSnapshot(tensorboard);
                }
            }
            if (dashboard != null) {
                dashboard.options(dashboardOptions());
                DashboardListener live = new DashboardListener(solver, dashboard, data.geometry().orElse(null));
                solver.addListener(live);
                if (diagnostics != null) {
                    diagnostics.onSnapshot(live);
                }
            }
            if (!settings.quiet()) {
                solver.addListener(sanity);
                solver.addListener(progress);
                progress.start(solver.numIterations(), solver.iteration());
            }
            if (settings.patience() > 0) {
                // after the checkpoint listener: the epoch that stops the run is on disk
                solver.addListener(new EarlyStopping(solver, settings.patience(), settings.minDelta()));
            }
            long start = System.nanoTime();
            TrainingDivergedException diverged = null;
            try {
                solver.train();
            } catch (TrainingDivergedException e) {
                diverged = e;
            } finally {
                progress.close();
                if (tensorboard != null) {
                    tensorboard.close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return finish(out, folder, seconds, diverged,
                    gradients == null ? null : gradients.history(solver.lossHistory().length), diagnostics);
        }
    }

    private Result finish(PrintWriter out, RunFolder folder, double seconds, TrainingDivergedException diverged,
            double[] gradMagnitudes, Diagnostics diagnostics) throws IOException {
        // the accuracies reported are those of the model in best.ckpt, which eval and predict will read
        Model best = Solver.loadModel(folder.file(RunFolder.BEST), backend);
        Double testAcc = diverged != null
                ? null
                : data.test().map(t -> Accuracy.of(best.predict(t.x()), t.y())).orElse(null);
        String divergedMessage = diverged == null ? null : divergedMessage(diverged, folder);

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("best_val_acc", solver.bestValAcc());
        extra.put("test_acc", testAcc);
        if (gradMagnitudes != null) {
            // null where no gradient was recorded (before a resume), which JSON readers take as a missing value
            extra.put("grad_magnitude_history", Arrays.stream(gradMagnitudes).mapToObj(g -> Double.isNaN(g) ? null : g)
                    .toList());
        }
        RunFolder.writeHistory(folder.file(RunFolder.HISTORY), solver.lossHistory(), solver.trainAccHistory(),
                solver.valAccHistory(), extra);
        if (settings.historyOut() != null) {
            RunFolder.writeHistory(settings.historyOut(), solver.lossHistory(), solver.trainAccHistory(),
                    solver.valAccHistory(), extra);
        }
        String status = diverged != null ? "diverged" : solver.stopReason() != null ? "stopped" : "finished";
        writeRunJson(folder, status, solver.bestValAcc(), testAcc, seconds, diverged);
        RunPlots.write(folder, solver.lossHistory(), solver.trainAccHistory(), solver.valAccHistory(), gradMagnitudes,
                best, data.geometry().orElse(null), backend.name() + " · " + best.spec().kind());
        if (diagnostics != null) {
            // a resumed run's diagnostics go on from those of the run it continues
            List<Snapshot> snapshots = new ArrayList<>();
            if (resumption.isPresent()) {
                Path earlier = resumption.get().file().toAbsolutePath().resolveSibling(DiagnosticsJson.FILE);
                snapshots.addAll(DiagnosticsJson.read(earlier, resumption.get().checkpoint().iteration()));
            }
            snapshots.addAll(diagnostics.snapshots());
            DiagnosticsJson.write(folder.file(DiagnosticsJson.FILE), snapshots, diagnostics.every(),
                    solver.iterationsPerEpoch());
            DiagnosticsPlot.write(folder.file(DiagnosticsPlot.FILE), snapshots,
                    backend.name() + " · " + best.spec().kind() + " · every " + diagnostics.every() + " iterations");
        }
        if (diverged == null) {
            if (solver.stopReason() != null) {
                out.println("Stopped early at epoch " + solver.epoch() + " of " + solver.options().numEpochs() + ": "
                        + solver.stopReason() + "; kept the best parameters.");
            }
            out.println(String.format(Locale.ROOT, "Trained in %.1f s; best validation accuracy %.4f.", seconds,
                    solver.bestValAcc()));
            if (testAcc != null) {
                out.println(String.format(Locale.ROOT, "Test accuracy: %.4f", testAcc));
            }
            out.println("Wrote " + folder.dir() + " (best.ckpt, last.ckpt, history.json, run.json, curves.png"
                    + (Files.exists(folder.file(RunFolder.WEIGHTS)) ? ", weights.png" : "")
                    + (diagnostics != null ? ", " + DiagnosticsJson.FILE + ", " + DiagnosticsPlot.FILE : "") + ").");
            if (settings.tensorboard() != null) {
                out.println("TensorBoard: tensorboard --logdir " + tensorboardDir(folder));
            }
        }
        if (dashboard != null) {
            // once the run folder is complete
            dashboard.status(status, divergedMessage != null ? divergedMessage : solver.stopReason());
        }
        out.flush();
        return new Result(solver.bestValAcc(), testAcc, folder.dir(), seconds, solver.trainAccHistory(),
                divergedMessage);
    }

    /**
     * The one sentence for a diverged run: where and how it diverged, the {@code --lr} as the user typed it,
     * and the checkpoint worth keeping: best.ckpt, if its model has learned something — it was found at the end
     * of an epoch of training, not at the first iteration's check, and beats always answering the most common
     * validation class by half again.
     */
    private String divergedMessage(TrainingDivergedException e, RunFolder folder) {
        String keep;
        double chance = mostCommonClassRate(data.yVal());
        if (solver.bestIteration() < solver.iterationsPerEpoch()) {
            keep = String.format(Locale.ROOT, "no checkpoint is worth keeping (best.ckpt holds the model of the first "
                    + "iteration, validation accuracy %.4f, before any epoch of training)", solver.bestValAcc());
        } else if (solver.bestValAcc() <= 1.5 * chance) {
            keep = String.format(Locale.ROOT, "no checkpoint is worth keeping (the best validation accuracy, %.4f, is "
                    + "at chance level: the most common class is %.4f of the validation set)", solver.bestValAcc(),
                    chance);
        } else {
            keep = String.format(Locale.ROOT, "the checkpoint worth keeping is %s (validation accuracy %.4f)",
                    folder.file(RunFolder.BEST), solver.bestValAcc());
        }
        return "Training diverged at iteration " + e.iteration() + " of " + e.numIterations() + " (epoch " + e.epoch()
                + "): " + e.reason() + "; try a smaller learning rate than --lr " + settings.typed("--lr") + "; " + keep
                + ".";
    }

    private static double mostCommonClassRate(int[] y) {
        Map<Integer, Integer> counts = new HashMap<>();
        int most = 0;
        for (int label : y) {
            most = Math.max(most, counts.merge(label, 1, Integer::sum));
        }
        return y.length == 0 ? 0 : (double) most / y.length;
    }

    private void header(PrintWriter out, RunFolder folder) {
        Model model = solver.model();
        out.println("data:    " + data.description());
        if (!settings.dataDefaults().isEmpty()) {
            out.println("         defaults for " + TrainDefaults.source(settings.model()) + ": "
                    + TrainDefaults.typed(settings.dataDefaults()));
        }
        out.println("model:   " + model.spec().kind() + " " + model.spec().properties() + ", "
                + model.params().count() + " parameters");
        out.println("solver:  " + solver.options().updateRule().name() + " " + solver.options().optimConfig()
                + ", lr_decay " + solver.options().lrDecay() + ", batch " + solver.options().batchSize() + ", "
                + solver.options().numEpochs() + " epochs (" + solver.numIterations() + " iterations)");
        out.println("backend: " + backend.name() + ", " + model.dtype() + ", seed " + settings.seed()
                + resumption.map(r -> ", resumed from " + r.file() + " at iteration " + solver.iteration()).orElse(""));
        out.println("run:     " + folder.dir());
        out.flush();
    }

    /** What the dashboard shows of the run's options: as run.json records them. */
    private Map<String, Object> dashboardOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data.description());
        m.put("model", solver.model().spec().kind());
        m.putAll(solver.model().spec().properties());
        m.putAll(solver.options().toProperties());
        m.put("backend", backend.name());
        m.put("dtype", solver.model().dtype().numpyName());
        m.put("seed", settings.seed());
        return m;
    }

    /** {@code --tensorboard}'s directory: the one given, or {@code tensorboard/} in the run folder. */
    private Path tensorboardDir(RunFolder folder) {
        Path dir = settings.tensorboard().isEmpty()
                ? folder.file(TensorBoardLog.DEFAULT_DIR)
                : Path.of(settings.tensorboard());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--tensorboard " + dir + " is a file; give a directory for the event files.");
        }
        return dir;
    }

    /** The data must have the width the (resumed) model takes. */
    private void checkInputWidth(Model model) {
        OptionalInt d = model.spec().inputSize();
        if (d.isPresent() && d.getAsInt() != data.inputSize()) {
            throw new UserError("the model takes inputs of " + d.getAsInt() + " values, but " + settings.data().text()
                    + " has rows of " + data.inputSize() + ".");
        }
    }

    private void writeRunJson(RunFolder folder, String status, Double bestVal, Double testAcc, double seconds,
            TrainingDivergedException diverged) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("data", settings.data().recorded());
        m.put("data_description", data.description());
        m.put("num_train", settings.numTrain() == null ? -1 : settings.numTrain());
        m.put("class_names", data.classNames());
        // maps in a fixed order (Map.of's varies from one JVM to the next), so one run writes one run.json
        data.geometry().ifPresent(g -> m.put("image", new TreeMap<>(Map.of("height", g.height(), "width",
                g.width(), "channels", g.channels()))));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", solver.model().spec().kind());
        model.put("properties", new TreeMap<>(solver.model().spec().properties()));
        m.put("model", model);
        m.put("solver", new TreeMap<>(solver.options().toProperties()));
        m.put("backend", backend.name());
        m.put("dtype", solver.model().dtype().numpyName());
        m.put("seed", settings.seed());
        resumption.ifPresent(r -> m.put("resumed_from", r.file().toAbsolutePath().toString()));
        if (settings.initParams() != null) {
            // the parameters this run started from (train --init-params), as resumed_from says for a resume
            m.put("init_params", settings.initParams().toAbsolutePath().toString());
        }
        m.put("java", System.getProperty("java.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (bestVal != null) {
            m.put("best_val_acc", bestVal);
            m.put("test_acc", testAcc);
            m.put("train_seconds", seconds);
        }
        if (solver.stopReason() != null) {
            Map<String, Object> stop = new LinkedHashMap<>();
            stop.put("epoch", solver.epoch());
            stop.put("iteration", solver.iteration());
            stop.put("reason", solver.stopReason());
            m.put("stopped", stop);
        }
        if (diverged != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("iteration", diverged.iteration());
            d.put("epoch", diverged.epoch());
            d.put("loss", Double.isFinite(diverged.loss()) ? diverged.loss() : null);
            d.put("reason", diverged.reason());
            m.put("diverged", d);
        }
        RunFolder.writeJson(folder.file(RunFolder.RUN), m);
    }
}
