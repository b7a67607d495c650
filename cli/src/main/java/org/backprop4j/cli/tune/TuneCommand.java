package org.backprop4j.cli.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.dashboard.DashboardOptions;
import org.backprop4j.cli.dashboard.DashboardServer;
import org.backprop4j.cli.dashboard.DashboardState;
import org.backprop4j.cli.dashboard.RunState;
import org.backprop4j.cli.tensorboard.TensorBoardLog;
import org.backprop4j.cli.tensorboard.TuneHParams;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.train.RunOptions;
import org.backprop4j.cli.train.TrainDefaults;
import org.backprop4j.cli.train.TrainSettings;
import org.backprop4j.cli.train.TrainingRun;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.random.NumpyRandom;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j tune}: the notebooks' hyper-parameter search — a grid over listed values, or
 * {@code --random N} trials drawn log-uniformly from ranges — with trials run in parallel on the
 * local cores, each by the same {@link TrainingRun} as {@code train}; a results table sorted by
 * validation accuracy, trials that diverged or failed marked and passed over, the best model saved.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = TrainDefaults.TuneProvider.class, description = {
        "Search learning rate, regularization and hidden size: a grid over lists (--lr 1e-3,1e-2) or "
                + "--random N trials over ranges (--lr 1e-4:1e-2, log-uniform) and lists (sampled uniformly).",
        "Writes one run folder per trial, results.json, and the best trial's checkpoint as best.ckpt; a trial "
                + "that diverges or fails is marked and the search goes on."})
public final class TuneCommand implements Callable<Integer> {

    /** The options tune reads itself rather than passing to every trial as they are. */
    private static final Set<String> SEARCHED = Set.of("--lr", "--reg", "--hidden", "--out");

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @Mixin
    DashboardOptions dashboard;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lr", paramLabel = "LIST|LOW:HIGH", defaultValue = "1e-2,5e-2,1e-1", description = "Learning rates (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--reg", paramLabel = "LIST|LOW:HIGH", defaultValue = "1e-4,1e-3", description = "Regularization strengths (default: ${DEFAULT-VALUE}).")
    String reg;

    @Option(names = "--hidden", paramLabel = "LIST", defaultValue = "100", description = "Hidden sizes to try (every hidden layer of fc takes it) (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "2", description = "Hidden layers of --model fc (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--random", paramLabel = "N", description = "Random search with N trials instead of the grid.")
    Integer random;

    @Option(names = "--jobs", paramLabel = "J", description = "Trials run at once (default: the number of cores).")
    Integer jobs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/tune-<date-time>).")
    Path out;

    /**
     * One trial's hyper-parameters and outcome.
     *
     * @param status {@code ok}, {@code diverged} or {@code failed}
     * @param error  why it diverged or failed, or null
     */
    record Trial(int index, double lr, double reg, int hidden, String status, double valAcc, double trainAcc,
            double seconds, Path folder, String error) {
        boolean ok() {
            return status.equals("ok");
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        dashboard.check();
        if (random != null && random < 1) {
            throw new UserError("--random must be a positive number of trials, got " + random + ".");
        }
        if (jobs != null && jobs < 1) {
            throw new UserError("--jobs must be positive, got " + jobs + ".");
        }
        if (layers < 1) {
            throw new UserError("--layers must be positive, got " + layers + ".");
        }
        TrainSettings.Builder base = RunOptions.settings(spec.commandLine().getParseResult(), SEARCHED).dataDefaults();
        SearchSpace lrs = SearchSpace.parse("--lr", lr);
        SearchSpace regs = SearchSpace.parse("--reg", reg);
        SearchSpace hiddens = SearchSpace.parse("--hidden", hidden);
        List<double[]> plan = new ArrayList<>();
        if (random != null) {
            NumpyRandom rng = new NumpyRandom((Long) base.get("--seed"));
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
        Path dir = out != null
                ? out
                : Path.of("runs", "tune-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean force = (Boolean) base.get("--force");
        checkOut(dir, force);
        // every trial's settings are checked before any data is loaded
        List<TrainSettings> trials = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            trials.add(trialSettings(base, plan.get(i), i, dir));
        }
        DashboardState board = new DashboardState("tune", plan.size() + (random != null ? " random" : " grid")
                + " trials");
        List<RunState> live = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            double[] p = plan.get(i);
            live.add(board.add(new RunState(trialName(i), Map.of("lr", p[0], "reg", p[1], "hidden",
                    (int) Math.round(p[2])))));
        }
        // the dashboard listens before the data are loaded: a port in use is refused before any long work
        DashboardServer server = dashboard.open(board, pw);
        boolean searched = false;
        try {
            searched = search(pw, base, lrs, regs, hiddens, plan, dir, trials, server == null ? null : live);
        } finally {
            if (searched) {
                dashboard.finish(server, pw);
            } else if (server != null) {
                server.close();
            }
        }
        if (!searched) {
            throw new UserError("every trial diverged or failed; see " + dir.resolve("results.json") + ".");
        }
        return ExitCode.OK;
    }

    /**
     * Runs the trials and writes the results; whether any trial trained (false: every trial diverged or failed).
     *
     * @param live the trials' dashboard states, or null without a dashboard
     */
    private boolean search(PrintWriter pw, TrainSettings.Builder base, SearchSpace lrs, SearchSpace regs,
            SearchSpace hiddens, List<double[]> plan, Path dir, List<TrainSettings> trials, List<RunState> live)
            throws Exception {
        TrainSettings first = trials.get(0);
        Backend b = Backends.select(first.backend());
        DataSplits shared = first.data().load(b, first.dtype(), first.numTrain() == null ? -1 : first.numTrain());
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        pw.println("data:   " + shared.description());
        pw.println("search: " + plan.size() + (random != null ? " random" : " grid") + " trials of " + first.model()
                + ", " + first.epochs() + " epochs each, " + parallel + " at a time on " + b.name());
        if (random != null) {
            pw.println("        " + lrs.describeSampling() + "; " + regs.describeSampling() + "; "
                    + hiddens.describeSampling());
        }
        pw.flush();
        Files.createDirectories(dir);
        Path hparams = tensorboardRoot(base, dir);
        if (hparams != null) {
            TuneHParams.experiment(hparams, List.of("lr", "reg", "hidden"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Trial>> futures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            int index = i;
            double[] p = plan.get(i);
            TrainSettings s = trials.get(i);
            RunState state = live == null ? null : live.get(i);
            futures.add(pool.submit(() -> runTrial(index, p, s, shared, pw, hparams, state)));
        }
        pool.shutdown();
        List<Trial> done = new ArrayList<>();
        try {
            for (Future<Trial> f : futures) {
                done.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        done.sort(Comparator.comparing((Trial t) -> !t.ok()).thenComparing(Trial::valAcc, Comparator.reverseOrder())
                .thenComparing(Trial::index));
        printTable(pw, done);
        writeResults(dir, done);
        Trial best = done.get(0);
        if (!best.ok()) {
            return false;
        }
        Files.copy(best.folder().resolve(RunFolder.BEST), dir.resolve(RunFolder.BEST),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(best.folder().resolve(RunFolder.RUN), dir.resolve(RunFolder.RUN),
                StandardCopyOption.REPLACE_EXISTING);
        pw.println();
        pw.println(String.format(Locale.ROOT,
                "best: trial %d (lr %.3e, reg %.3e, hidden %d), validation accuracy %.4f; "
                        + "saved as %s",
                best.index(), best.lr(), best.reg(), best.hidden(), best.valAcc(),
                dir.resolve(RunFolder.BEST)));
        pw.flush();
        return true;
    }

    /** A search folder that holds another search is refused unless {@code --force}. */
    private static void checkOut(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--out " + dir + " is a file, not a folder; name a folder for the search.");
        }
        if (!force && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(p -> p.getFileName().toString().equals("results.json")
                        || p.getFileName().toString().startsWith("trial-"))) {
                    throw new UserError("--out " + dir + " holds another search; choose another folder, or give "
                            + "--force to write over it.");
                }
            }
        }
    }

    /** {@code --tensorboard}'s directory for the search: the one given, or {@code tensorboard/} in it; or null. */
    private static Path tensorboardRoot(TrainSettings.Builder base, Path dir) {
        String given = (String) base.get("--tensorboard");
        return given == null ? null : given.isEmpty() ? dir.resolve(TensorBoardLog.DEFAULT_DIR) : Path.of(given);
    }

    private static String trialName(int index) {
        return String.format(Locale.ROOT, "trial-%03d", index);
    }

    private TrainSettings trialSettings(TrainSettings.Builder base, double[] p, int index, Path dir) {
        String model = (String) base.get("--model");
        List<Integer> hiddenDims = new ArrayList<>();
        for (int i = 0; i < (model.equals("fc") ? layers : 1); i++) {
            hiddenDims.add((int) Math.round(p[2]));
        }
        TrainSettings.Builder b = base.build().toBuilder().lr(p[0]).reg(p[1]).hidden(hiddenDims)
                .seed((Long) base.get("--seed") + index).quiet(true)
                .out(dir.resolve(trialName(index)));
        Path hparams = tensorboardRoot(base, dir);
        if (hparams != null) {
            // each trial a session of the HParams tab, in its own run directory
            b.set("--tensorboard", hparams.resolve(trialName(index)).toString());
        }
        return b.build();
    }

    private static Trial runTrial(int index, double[] p, TrainSettings s, DataSplits shared, PrintWriter pw,
            Path hparams, RunState live) {
        int hiddenSize = (int) Math.round(p[2]);
        Trial t;
        try {
            if (hparams != null) {
                TuneHParams.sessionStart(hparams.resolve(trialName(index)), Map.of("lr", p[0], "reg", p[1], "hidden",
                        hiddenSize));
            }
            TrainingRun.Result r = TrainingRun.of(s, null, shared).dashboard(live)
                    .run(new PrintWriter(Writer.nullWriter()), false);
            double[] trainAcc = r.trainAccHistory();
            t = new Trial(index, p[0], p[1], hiddenSize, r.diverged() == null ? "ok" : "diverged", r.bestValAcc(),
                    trainAcc.length == 0 ? Double.NaN : trainAcc[trainAcc.length - 1], r.seconds(), r.folder(),
                    r.diverged());
        } catch (Exception | OutOfMemoryError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            t = new Trial(index, p[0], p[1], hiddenSize, "failed", Double.NaN, Double.NaN, 0, s.out(),
                    why.strip().replaceAll("\\s*\\R\\s*", " "));
        }
        if (hparams != null) {
            try {
                TuneHParams.sessionEnd(hparams.resolve(trialName(index)), t.ok());
            } catch (IOException e) {
                t = new Trial(index, p[0], p[1], hiddenSize, "failed", t.valAcc(), t.trainAcc(), t.seconds(),
                        t.folder(), "could not write its TensorBoard session: " + e.getMessage());
            }
        }
        if (live != null) {
            live.status(t.status(), t.error());
        }
        synchronized (pw) {
            pw.println(String.format(Locale.ROOT, "trial %3d: lr %.3e reg %.3e hidden %d -> %s", index, p[0], p[1],
                    hiddenSize, t.ok()
                            ? String.format(Locale.ROOT, "val acc %.4f (%.1f s)", t.valAcc(), t.seconds())
                            : t.status() + ": " + t.error()));
            pw.flush();
        }
        return t;
    }

    private static void printTable(PrintWriter pw, List<Trial> trials) {
        pw.println();
        pw.println(" rank  trial        lr        reg  hidden   val acc  train acc   seconds  status");
        for (int r = 0; r < trials.size(); r++) {
            Trial t = trials.get(r);
            pw.println(String.format(Locale.ROOT, "%5s  %5d  %9.3e  %9.3e  %6d  %8.4f  %9.4f  %8.1f  %s",
                    t.ok() ? Integer.toString(r + 1) : "-", t.index(), t.lr(), t.reg(), t.hidden(), t.valAcc(),
                    t.trainAcc(), t.seconds(), t.status()));
        }
    }

    private static void writeResults(Path dir, List<Trial> trials) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", t.index());
            m.put("status", t.status());
            m.put("lr", t.lr());
            m.put("reg", t.reg());
            m.put("hidden", t.hidden());
            m.put("best_val_acc", Double.isFinite(t.valAcc()) ? t.valAcc() : null);
            m.put("final_train_acc", Double.isFinite(t.trainAcc()) ? t.trainAcc() : null);
            m.put("seconds", t.seconds());
            m.put("folder", t.folder() == null ? null : t.folder().toString());
            if (t.error() != null) {
                m.put("error", t.error());
            }
            rows.add(m);
        }
        RunFolder.writeJson(dir.resolve("results.json"), Map.of("trials", rows));
    }
}
