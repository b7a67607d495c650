package org.backprop4j.cli.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

import org.backprop4j.cli.dashboard.RunState;
import org.backprop4j.cli.tensorboard.TuneHParams;
import org.backprop4j.cli.train.TrainSettings;
import org.backprop4j.cli.train.TrainingRun;
import org.backprop4j.datasets.DataSplits;

/**
 * The body of one trial, the one copy that every {@link TuneExecutor} runs (the local thread pool, and Spark's
 * tasks): trains {@code settings} on the shared data with {@link TrainingRun}, which writes the run folder,
 * and sums the run up as a {@link Trial}. A run that diverges or throws is a trial marked so, not an error.
 */
public final class TrialBody {

    private TrialBody() {
    }

    /**
     * Runs {@code trial}: trains its settings and writes their run folder.
     *
     * @param shared the search's data, loaded once
     */
    public static Trial run(PlannedTrial trial, DataSplits shared) {
        return run(trial, shared, null);
    }

    /**
     * Runs {@code trial} as {@link #run(PlannedTrial, DataSplits)} does, feeding {@code live} (a dashboard's
     * state of the trial, or null) as it trains.
     */
    public static Trial run(PlannedTrial trial, DataSplits shared, RunState live) {
        TrainSettings settings = trial.settings();
        // with --tensorboard, each trial is a session of TensorBoard's HParams tab, in its own log directory
        Path session = settings.tensorboard() == null ? null : Path.of(settings.tensorboard());
        Trial t = train(trial, settings, session, shared, live);
        if (session != null) {
            try {
                TuneHParams.sessionEnd(session, t.ok());
            } catch (IOException e) {
                t = new Trial(t.index(), t.lr(), t.reg(), t.hidden(), "failed", t.valAcc(), t.trainAcc(),
                        t.seconds(), t.folder(), "could not write its TensorBoard session: " + e.getMessage());
            }
        }
        return t;
    }

    private static Trial train(PlannedTrial trial, TrainSettings settings, Path session, DataSplits shared,
            RunState live) {
        try {
            if (session != null) {
                TuneHParams.sessionStart(session, Map.of("lr", trial.lr(), "reg", trial.reg(), "hidden",
                        trial.hidden()));
            }
            TrainingRun.Result r = TrainingRun.of(settings, null, shared).dashboard(live).run(new PrintWriter(
                    Writer.nullWriter()),
                    false);
            double[] trainAcc = r.trainAccHistory();
            return new Trial(trial.index(), trial.lr(), trial.reg(), trial.hidden(),
                    r.diverged() == null ? "ok" : "diverged", r.bestValAcc(),
                    trainAcc.length == 0 ? Double.NaN : trainAcc[trainAcc.length - 1], r.seconds(), r.folder(),
                    r.diverged());
        } catch (Exception | OutOfMemoryError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Trial(trial.index(), trial.lr(), trial.reg(), trial.hidden(), "failed", Double.NaN,
                    Double.NaN, 0, settings.out(), why.strip().replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /** The best of {@code trials}: the highest validation accuracy of those that finished, then the lowest index. */
    public static Comparator<Trial> ranking() {
        return Comparator.comparing((Trial t) -> !t.ok())
                .thenComparing(Trial::valAcc, Comparator.reverseOrder()).thenComparing(Trial::index);
    }
}
