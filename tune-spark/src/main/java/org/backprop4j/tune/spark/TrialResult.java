package org.backprop4j.tune.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.tune.Trial;

/**
 * A trial's outcome as it comes back from an executor: the {@link Trial} without its path, and its run folder's
 * files as bytes, which the driver writes into the search folder (no shared disk needed).
 *
 * @param files the run folder's files by name
 */
record TrialResult(int index, double lr, double reg, int hidden, String status, double valAcc, double trainAcc,
        double seconds, String error, Map<String, byte[]> files) implements Serializable {

    /**
     * The outcome of {@code t}, written into {@code local}; the paths of {@code local} in its message are those
     * of the trial's folder on the driver, {@code driverFolder}, as a local run would name them.
     */
    static TrialResult of(Trial t, Path local, String driverFolder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(local)) {
            try (Stream<Path> s = Files.list(local)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.equals(RunFolder.LOCK)) {
                        files.put(name, Files.readAllBytes(f));
                    }
                }
            }
        }
        String error = t.error() == null ? null : t.error().replace(local.toString(), driverFolder);
        return new TrialResult(t.index(), t.lr(), t.reg(), t.hidden(), t.status(), t.valAcc(), t.trainAcc(),
                t.seconds(), error, files);
    }

    /** Writes the run folder into {@code folder} and returns the trial as a local run reports it. */
    Trial writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
        return new Trial(index, lr, reg, hidden, status, valAcc, trainAcc, seconds, folder, error);
    }
}
