package org.backprop4j.cli.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.Split;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j predict}: a checkpoint's predictions for the examples of a split, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = {
        "Predict with a checkpoint: one CSV line per example of a split, with the predicted class and"
                + " its probability.",
        "Columns (the CSV header): index,predicted,probability,label,class - the row in the split, the predicted"
                + " class, its softmax probability, the true label and the predicted class's name."})
public final class PredictCommand implements Callable<Integer> {

    /** The CSV header. */
    static final String HEADER = "index,predicted,probability,label,class";

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CheckpointOptions target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1", description = "Only the first N examples.")
    int limit;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        target.requireCheckpointFile();
        if (output != null) {
            requireWritableOutput(output);
        }
        CheckpointData cd = target.load();
        Split s = cd.split(target.split());
        int n = limit < 0 ? s.size() : Math.min(limit, s.size());
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix p = probabilities(cd.model().scores(s.x().gatherRows(rows)));
        int[] pred = p.argmax(1);
        int[] y = s.y();
        List<String> names = cd.data().classNames();
        Matrix probabilities = p;
        CsvBody body = w -> {
            w.write(HEADER + "\n");
            for (int i = 0; i < n; i++) {
                w.write(String.format(Locale.ROOT, "%d,%d,%.6f,%d,%s%n", i, pred[i], probabilities.get(i, pred[i]),
                        y[i],
                        csv(names.get(pred[i]))));
            }
        };
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            body.write(out);
            out.flush();
            if (out.checkError()) {
                throw new UserError("Could not write the predictions to standard output.");
            }
        } else {
            writeAtomically(output, body);
        }
        return ExitCode.OK;
    }

    /** The softmax of {@code scores} (N, C) row by row, with the row maximum subtracted: what predict reports. */
    public static Matrix probabilities(Matrix scores) {
        Matrix p = scores.subColumnVector(scores.max(1));
        p.mapInPlace(UnaryOp.EXP);
        return p.divColumnVector(p.sum(1));
    }

    /** Writes the CSV text. */
    @FunctionalInterface
    private interface CsvBody {
        void write(Writer w) throws IOException;
    }

    /** {@code --output} must name a file in an existing directory (checked before the model and data are loaded). */
    static void requireWritableOutput(Path file) {
        requireWritableFile("--output", file, "the CSV file");
    }

    /**
     * An output option must name a file in an existing directory (checked before anything is loaded).
     *
     * @param what what the file is, for the message, e.g. {@code the CSV file}
     * @throws UserError naming the option and the path
     */
    public static void requireWritableFile(String option, Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + " is a directory; give the name of " + what + " to write.");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError(
                    option + " " + file + ": the directory " + (file.getParent() != null ? file.getParent() : parent)
                            + " does not exist.");
        }
    }

    /**
     * Writes beside {@code file} and renames the result onto it, so a failure (a full disk) never leaves a cut-off
     * CSV behind; a failed write names {@code file}.
     */
    private static void writeAtomically(Path file, CsvBody body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs
                .resolveSibling("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                        + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.write(w);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw naming(file, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code e} as an exception about {@code file} rather than the temporary file (or no file at all: a stream's
     * bare "No space left on device"), so that the error names the file the user asked for.
     */
    private static IOException naming(Path file, IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        IOException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(file.toString())
                : new FileSystemException(file.toString(), null, reason);
        named.initCause(e);
        return named;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
