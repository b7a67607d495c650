package org.backprop4j.cli.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
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

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run the trials as tasks of Apache Spark: "
            + "local[*], local[N] or spark://HOST:PORT (needs the tune-spark module).")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "A Spark setting for --spark, e.g. "
            + "spark.executor.memory=2g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

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
        Path hparams = tensorboardRoot(base, dir);
        if (spark != null && hparams != null) {
            // a trial's run folder comes back from its executor, but a TensorBoard log directory of its own does not
            throw new UserError("--tensorboard is not available with --spark yet: the trials' HParams sessions "
                    + "would stay on the executors; leave out one of the two.");
        }
        // every trial's settings are checked before any data is loaded
        List<PlannedTrial> planned = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            double[] p = plan.get(i);
            planned.add(new PlannedTrial(i, p[0], p[1], (int) Math.round(p[2]), trialSettings(base, p, i, dir)));
        }
        DashboardState board = new DashboardState("tune", plan.size() + (random != null ? " random" : " grid")
                + " trials");
        List<RunState> live = new ArrayList<>();
        for (PlannedTrial t : planned) {
            live.add(board.add(new RunState(trialName(t.index()), Map.of("lr", t.lr(), "reg", t.reg(), "hidden",
                    t.hidden()))));
        }
        // the dashboard listens before the data are loaded: a port in use is refused before any long work
        DashboardServer server = dashboard.open(board, pw);
        boolean searched = false;
        try (TuneExecutor executor = executor(pw)) {
            int code = search(executor, pw, dir, hparams, planned, server == null ? null : live, random != null
                    ? lrs.describeSampling() + "; "
                            + regs.describeSampling() + "; " + hiddens.describeSampling()
                    : null);
            searched = true;
            return code;
        } finally {
            if (searched) {
                dashboard.finish(server, pw);
            } else if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Loads the data, runs the trials on {@code executor}, and writes the results and the best model.
     *
     * @param live the trials' dashboard states, in plan order, or null without a dashboard
     */
    private int search(TuneExecutor executor, PrintWriter pw, Path dir, Path hparams, List<PlannedTrial> planned,
            List<RunState> live, String sampling) throws Exception {
        TrainSettings first = planned.get(0).settings();
        Backend b = Backends.select(first.backend());
        DataSplits shared = first.loadData(b);
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        pw.println("data:   " + shared.description());
        pw.println("search: " + planned.size() + (random != null ? " random" : " grid") + " trials of " + first.model()
                + ", " + first.epochs() + " epochs each, " + parallel + " at a time on " + b.name());
        if (sampling != null) {
            pw.println("        " + sampling);
        }
        pw.flush();
        Files.createDirectories(dir);
        if (hparams != null) {
            TuneHParams.experiment(hparams, List.of("lr", "reg", "hidden"));
        }

        List<Trial> done = new ArrayList<>();
        // interrupted (Ctrl-C), the search still leaves the results of the trials that ended
        Thread partial = new Thread(() -> writePartialResults(dir, done));
        Runtime.getRuntime().addShutdownHook(partial);
        try {
            executor.run(new TuneSearch(dir, planned, shared, b, parallel, pw, live), t -> {
                synchronized (done) {
                    done.add(t);
                }
                if (live != null) {
                    live.get(t.index()).status(t.status(), t.error());
                }
                synchronized (pw) {
                    pw.println(t.progressLine());
                    pw.flush();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(partial);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
        done.sort(TrialBody.ranking());
        printTable(pw, done);
        writeResults(dir, done);
        Trial best = done.get(0);
        if (!best.ok()) {
            throw new UserError("every trial diverged or failed; see " + dir.resolve("results.json") + ".");
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
        return ExitCode.OK;
    }

    /** The thread pool, or for {@code --spark} the executor that the tune-spark module provides. */
    private TuneExecutor executor(PrintWriter pw) {
        if (spark == null) {
            if (!sparkConf.isEmpty()) {
                throw new UserError("--spark-conf sets Spark up for --spark MASTER, which was not given.");
            }
            return new LocalTuneExecutor();
        }
        for (TuneExecutor.Factory f : ServiceLoader.load(TuneExecutor.Factory.class)) {
            if (f.option().equals("--spark")) {
                return f.connect(spark, sparkConf, pw);
            }
        }
        throw new UserError("--spark needs the tune-spark module on the class path; ./backprop4j adds it when "
                + "--spark is given (build it with mvn -pl tune-spark -am package).");
    }

    /** The results of the trials that ended, ranked, if the search did not get to write them. */
    private static void writePartialResults(Path dir, List<Trial> done) {
        List<Trial> ended;
        synchronized (done) {
            ended = new ArrayList<>(done);
        }
        ended.sort(TrialBody.ranking());
        try {
            writeResults(dir, ended);
        } catch (IOException e) {
            // the JVM is going down; the trials' folders are on disk regardless
        }
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
