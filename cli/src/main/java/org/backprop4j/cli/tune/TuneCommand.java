package org.backprop4j.cli.tune;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.inject.Guice;
import com.google.inject.util.Modules;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.train.RunOptions;
import org.backprop4j.cli.train.TrainSettings;
import org.backprop4j.cli.train.TrainingModule;
import org.backprop4j.cli.train.TrainingRun;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.matrix.DType;
import org.backprop4j.random.NumpyRandom;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j tune}: the notebooks' hyper-parameter search — a grid over listed values, or
 * {@code --random N} trials drawn log-uniformly from ranges — with trials run in parallel on the
 * local cores, a results table sorted by validation accuracy, and the best model saved.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search learning rate, regularization and hidden size: a grid over lists (--lr 1e-3,1e-2) or "
                + "--random N trials over ranges (--lr 1e-4:1e-2, log-uniform).",
            "Writes one run folder per trial, results.json, and the best trial's checkpoint as best.ckpt."})
public final class TuneCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lr", paramLabel = "LIST|LOW:HIGH", defaultValue = "1e-2,5e-2,1e-1",
            description = "Learning rates (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--reg", paramLabel = "LIST|LOW:HIGH", defaultValue = "1e-4,1e-3",
            description = "Regularization strengths (default: ${DEFAULT-VALUE}).")
    String reg;

    @Option(names = "--hidden", paramLabel = "LIST", defaultValue = "100",
            description = "Hidden sizes to try (every hidden layer of fc takes it) (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "2",
            description = "Hidden layers of --model fc (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--random", paramLabel = "N", defaultValue = "0",
            description = "Random search with N trials instead of the grid.")
    int random;

    @Option(names = "--jobs", paramLabel = "J", description = "Trials run at once (default: the number of cores).")
    Integer jobs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/tune-<date-time>).")
    Path out;

    /** One trial's hyper-parameters and outcome. */
    record Trial(int index, double lr, double reg, int hidden, double valAcc, double trainAcc, double seconds,
                 Path folder) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        SearchSpace lrs = SearchSpace.parse("--lr", lr);
        SearchSpace regs = SearchSpace.parse("--reg", reg);
        SearchSpace hiddens = SearchSpace.parse("--hidden", hidden);
        List<double[]> plan = new ArrayList<>();
        if (random > 0) {
            NumpyRandom rng = new NumpyRandom(run.seed());
            for (int i = 0; i < random; i++) {
                plan.add(new double[] {lrs.sample(rng), regs.sample(rng), hiddens.sample(rng)});
            }
        } else {
            for (double h : hiddens.grid()) {
                for (double l : lrs.grid()) {
                    for (double r : regs.grid()) {
                        plan.add(new double[] {l, r, h});
                    }
                }
            }
        }
        if (plan.isEmpty()) {
            throw new UserError("the search has no trials.");
        }
        Path dir = out != null ? out
                : Path.of("runs", "tune-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        DType dt = run.dtype();
        Backend b = Backends.select(run.backend());
        DataSplits shared = run.data().load(b, dt, run.numTrain());
        int parallel = jobs != null ? Math.max(1, jobs) : Runtime.getRuntime().availableProcessors();
        pw.println("data:   " + shared.description());
        pw.println("search: " + plan.size() + (random > 0 ? " random" : " grid") + " trials of " + run.model() + ", "
                + run.epochs() + " epochs each, " + parallel + " at a time on " + b.name());
        pw.flush();

        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Trial>> futures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            int index = i;
            double[] p = plan.get(i);
            futures.add(pool.submit(() -> runTrial(index, p[0], p[1], (int) Math.round(p[2]), shared, dir, pw)));
        }
        pool.shutdown();
        List<Trial> trials = new ArrayList<>();
        try {
            for (Future<Trial> f : futures) {
                trials.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        trials.sort(Comparator.comparingDouble(Trial::valAcc).reversed());
        pw.println();
        pw.println(" rank  trial        lr        reg  hidden   val acc  train acc   seconds");
        for (int r = 0; r < trials.size(); r++) {
            Trial t = trials.get(r);
            pw.println(String.format(Locale.ROOT, "%5d  %5d  %9.3e  %9.3e  %6d  %8.4f  %9.4f  %8.1f", r + 1, t.index(),
                    t.lr(), t.reg(), t.hidden(), t.valAcc(), t.trainAcc(), t.seconds()));
        }
        Trial best = trials.get(0);
        Files.copy(best.folder().resolve(RunFolder.BEST), dir.resolve(RunFolder.BEST), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(best.folder().resolve(RunFolder.RUN), dir.resolve(RunFolder.RUN), StandardCopyOption.REPLACE_EXISTING);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", t.index());
            m.put("lr", t.lr());
            m.put("reg", t.reg());
            m.put("hidden", t.hidden());
            m.put("best_val_acc", t.valAcc());
            m.put("final_train_acc", t.trainAcc());
            m.put("seconds", t.seconds());
            m.put("folder", t.folder().toString());
            rows.add(m);
        }
        RunFolder.writeJson(dir.resolve("results.json"), Map.of("trials", rows));
        pw.println();
        pw.println(String.format(Locale.ROOT, "best: trial %d (lr %.3e, reg %.3e, hidden %d), validation accuracy %.4f; "
                + "saved as %s", best.index(), best.lr(), best.reg(), best.hidden(), best.valAcc(), dir.resolve(RunFolder.BEST)));
        pw.flush();
        return ExitCode.OK;
    }

    private Trial runTrial(int index, double lrValue, double regValue, int hiddenSize, DataSplits shared, Path dir,
                           PrintWriter pw) throws Exception {
        List<Integer> hiddenDims = new ArrayList<>();
        for (int i = 0; i < (run.model().equals("fc") ? layers : 1); i++) {
            hiddenDims.add(hiddenSize);
        }
        Path folder = dir.resolve(String.format(Locale.ROOT, "trial-%03d", index));
        TrainSettings s = new TrainSettings(run.data(), run.model(), hiddenDims, "relu", false, 0, regValue,
                run.weightScale(), run.update(), lrValue, run.lrDecay(), null, run.epochs(), run.batchSize(),
                run.numTrain(), run.seed() + index, run.backend(), run.dtype(), folder, null, null, true);
        TrainingRun run = Guice.createInjector(Modules.override(new TrainingModule(s))
                .with(binder -> binder.bind(DataSplits.class).toInstance(shared))).getInstance(TrainingRun.class);
        TrainingRun.Result r = run.run(new PrintWriter(java.io.Writer.nullWriter()), false);
        double[] trainAcc = r.trainAccHistory();
        Trial t = new Trial(index, lrValue, regValue, hiddenSize, r.bestValAcc(),
                trainAcc.length == 0 ? Double.NaN : trainAcc[trainAcc.length - 1], r.seconds(), folder);
        synchronized (pw) {
            pw.println(String.format(Locale.ROOT, "trial %3d: lr %.3e reg %.3e hidden %d -> val acc %.4f (%.1f s)",
                    index, lrValue, regValue, hiddenSize, t.valAcc(), t.seconds()));
            pw.flush();
        }
        return t;
    }
}
