package org.backprop4j.cli.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.solver.checkpoint.AtomicFile;

/**
 * The folder a training run writes: {@code best.ckpt} (the model of the best validation accuracy),
 * {@code last.ckpt} (the latest epoch, for {@code --resume}), {@code history.json}, {@code run.json}
 * (what was trained on what, so {@code eval}, {@code predict} and {@code visualize} need no options),
 * {@code curves.png} and {@code weights.png}.
 *
 * <p>A run holds its folder for as long as it writes: {@link #createUnder} makes a new one exclusively,
 * {@link #claim} takes a given one, and both lock {@value #LOCK} in it (released by {@link #close}), so a
 * second run into the same folder is refused rather than interleaving its files with the first's.
 */
public final class RunFolder implements AutoCloseable {

    /** File names inside the folder. */
    public static final String BEST = "best.ckpt";
    /** The latest checkpoint. */
    public static final String LAST = "last.ckpt";
    /** Loss and accuracy histories. */
    public static final String HISTORY = "history.json";
    /** The run's description. */
    public static final String RUN = "run.json";
    /** Loss and accuracy curves. */
    public static final String CURVES = "curves.png";
    /** First-layer weights as images. */
    public static final String WEIGHTS = "weights.png";
    /** Held locked by the run writing the folder. */
    public static final String LOCK = ".lock";

    /** The files whose presence means the folder holds a run. */
    private static final List<String> RUN_FILES = List.of(RUN, LAST, BEST);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * A new folder under {@code root} named by the date and time ({@code 20261123-131501}, then
     * {@code 20261123-131501-2}, ... for runs started in the same second), created exclusively and locked.
     */
    public static RunFolder createUnder(Path root) throws IOException {
        Files.createDirectories(root);
        String stamp = LocalDateTime.now().format(STAMP);
        for (int k = 1;; k++) {
            Path d = root.resolve(k == 1 ? stamp : stamp + "-" + k);
            try {
                Files.createDirectory(d);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            return lock(d);
        }
    }

    /**
     * Checks, before any work, that a run may write into {@code dir} (given as {@code --out}): that it is
     * or can become a folder, and that it holds no other run unless {@code force} or it is the folder of
     * the run being resumed ({@code resumedFolder}, or null).
     *
     * @throws UserError naming {@code --out} and the folder
     */
    public static void check(Path dir, boolean force, Path resumedFolder) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--out " + dir + " is a file, not a folder; name a folder for the run.");
        }
        checkWritable("--out", dir);
        if (!force && holdsRun(dir) && !same(dir, resumedFolder)) {
            throw new UserError("--out " + dir + " holds another run (" + String.join(", ", present(dir))
                    + "); choose another folder, or give --force to write over it.");
        }
    }

    /**
     * Checks, before any work, that {@code file} (given as {@code option}) can be written as a file.
     *
     * @throws UserError naming the option and the file
     */
    public static void checkFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + " is a directory; give a file name, e.g. "
                    + file.resolve("history.json") + ".");
        }
        checkWritable(option, file.toAbsolutePath().getParent());
    }

    /** The nearest existing folder on the way to {@code path} must be a writable folder. */
    private static void checkWritable(String option, Path path) {
        Path p = path.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new UserError(option + " " + path + " cannot be made: " + p + " is a file.");
        }
        if (!Files.isWritable(p)) {
            throw new UserError(option + " " + path + " cannot be made: " + p + " is not writable.");
        }
    }

    /**
     * Takes {@code dir} for a run, creating it if needed: checks it as {@link #check} does, locks it (a second
     * run into it at the same time is refused), and removes temporary files an interrupted write left.
     *
     * @throws UserError if another run is writing the folder, or it holds another run (see {@link #check})
     */
    public static RunFolder claim(Path dir, boolean force, Path resumedFolder) throws IOException {
        check(dir, force, resumedFolder);
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        RunFolder f;
        try {
            f = lock(dir);
        } catch (UserError e) {
            if (created) {
                Files.deleteIfExists(dir.resolve(LOCK));
                Files.deleteIfExists(dir);
            }
            throw e;
        }
        try {
            // checked again under the lock: another run may have finished in the folder meanwhile
            check(dir, force, resumedFolder);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (AtomicFile.isLeftOver(p.getFileName().toString())) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return f;
        } catch (RuntimeException | IOException e) {
            f.close();
            throw e;
        }
    }

    private static RunFolder lock(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new UserError("another run is writing to " + dir + " (it holds " + dir.resolve(LOCK)
                    + "); wait for it to end, or choose another --out.");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new RunFolder(dir, ch, l);
    }

    private static boolean holdsRun(Path dir) {
        return !present(dir).isEmpty();
    }

    private static List<String> present(Path dir) {
        return RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
    }

    private static boolean same(Path a, Path b) {
        return b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** An existing run folder (for eval, predict, visualize), not locked. */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("run folder " + dir + " does not exist.");
        }
        return new RunFolder(dir, null, null);
    }

    /** The run folder a checkpoint lies in, if it holds a run.json. */
    public static Optional<RunFolder> of(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().getParent();
        return parent != null && Files.exists(parent.resolve(RUN))
                ? Optional.of(new RunFolder(parent, null, null))
                : Optional.empty();
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** A file in the folder. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Releases the folder: unlocks and removes {@value #LOCK}. */
    @Override
    public void close() throws IOException {
        if (lock != null && lockChannel.isOpen()) {
            try {
                Files.deleteIfExists(dir.resolve(LOCK));
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** Writes the histories as {@code {"loss_history": [...], "train_acc_history": [...], "val_acc_history": [...]}} plus extras. */
    public static void writeHistory(Path file, double[] loss, double[] trainAcc, double[] valAcc,
            Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss_history", loss);
        m.put("train_acc_history", trainAcc);
        m.put("val_acc_history", valAcc);
        m.putAll(extra);
        writeJson(file, m);
    }

    /** Writes {@code value} as JSON, atomically and with the ordinary file mode ({@link AtomicFile}). */
    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, os -> os.write(bytes));
    }

    /** Reads a JSON file of the folder. */
    public JsonNode readJson(String name) {
        Path f = file(name);
        try {
            return Json.mapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
