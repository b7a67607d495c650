package org.backprop4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;

/**
 * The folder a training run writes: {@code best.ckpt} (the parameters of the best validation
 * accuracy, rewritten whenever it improves), {@code last.ckpt} (the latest epoch, for
 * {@code --resume}), {@code history.json}, {@code run.json} (what was trained on what, so
 * {@code eval}, {@code predict} and {@code visualize} need no options), {@code curves.png} and
 * {@code weights.png}.
 */
public final class RunFolder {

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

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder {@code dir}, created if needed; {@code null} means {@code runs/<date-time>}. */
    public static RunFolder create(Path dir) throws IOException {
        Path d = dir != null ? dir
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(d);
        return new RunFolder(d);
    }

    /** An existing run folder (for eval, predict, visualize). */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("run folder " + dir + " does not exist.");
        }
        return new RunFolder(dir);
    }

    /** The run folder a checkpoint lies in, if it holds a run.json. */
    public static java.util.Optional<RunFolder> of(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().getParent();
        return parent != null && Files.exists(parent.resolve(RUN)) ? java.util.Optional.of(new RunFolder(parent))
                : java.util.Optional.empty();
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** A file in the folder. */
    public Path file(String name) {
        return dir.resolve(name);
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

    /** Writes {@code value} as JSON, atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString() + ".", ".tmp");
        try {
            Files.writeString(tmp, Json.write(value) + "\n");
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
