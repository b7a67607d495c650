package org.backprop4j.tune.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.train.TrainSettings;
import org.backprop4j.cli.tune.PlannedTrial;
import org.backprop4j.cli.tune.Trial;
import org.backprop4j.cli.tune.TrialBody;
import org.backprop4j.datasets.DataSplits;

/**
 * The Spark task of one trial, on an executor: rebuilds the trial's settings, takes the data (the broadcast
 * copy, or the executor's own load of bundled data), runs {@link TrialBody} into a temporary folder and returns
 * that folder as bytes.
 */
final class TrialRunner implements Function<TrialTask, TrialResult> {

    private static final long serialVersionUID = 1L;

    /** The data every trial of this executor JVM uses, by broadcast or by what was loaded. */
    private static final Map<String, DataSplits> DATA = new ConcurrentHashMap<>();

    /** The driver's data, or null where executors load it themselves (bundled digits, toy). */
    private final Broadcast<ShippedData> shipped;

    TrialRunner(Broadcast<ShippedData> shipped) {
        this.shipped = shipped;
    }

    @Override
    public TrialResult call(TrialTask task) throws IOException {
        Path tmp = Files.createTempDirectory("backprop4j-trial-");
        try {
            Path local = tmp.resolve(task.folderName());
            PlannedTrial p = task.planned(local);
            Backend backend = Backends.select(p.settings().backend());
            Trial t = TrialBody.run(p, data(p.settings(), backend));
            return TrialResult.of(t, local, task.folder());
        } finally {
            delete(tmp);
        }
    }

    private DataSplits data(TrainSettings s, Backend backend) {
        String key = shipped != null
                ? "broadcast " + shipped.id() + " " + backend.name()
                : s.data().recorded() + " " + s.dtype() + " " + s.numTrain() + " " + backend.name();
        return DATA.computeIfAbsent(key, k -> {
            if (shipped != null) {
                return shipped.value().on(backend);
            }
            try {
                return s.loadData(backend);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
