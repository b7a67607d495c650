package org.backprop4j.cli.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.run.RunFolder;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code eval} and {@code predict} share: the checkpoint, the data and split to run it on, the backend. */
public final class CheckpointOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint, e.g. runs/<date-time>/best.ckpt.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "SPEC", description = "Data set: " + DataOption.FORMS
            + " (default: the one in the run's run.json).")
    String data;

    @Option(names = "--split", paramLabel = "train|val|test", defaultValue = "test", description = "Which split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: as for train).")
    String backend;

    /**
     * Checks that the checkpoint is a file, before anything is loaded.
     *
     * @throws UserError naming the path and, for a directory, the checkpoint it probably meant
     */
    public void requireCheckpointFile() {
        requireCheckpointFile(checkpoint, command.name());
    }

    /**
     * Checks that {@code checkpoint} is a file, before anything is loaded.
     *
     * @param commandName the command that takes it, for the message
     * @throws UserError naming the path and, for a directory, the checkpoint it probably meant
     */
    public static void requireCheckpointFile(Path checkpoint, String commandName) {
        if (Files.isDirectory(checkpoint)) {
            Path best = checkpoint.resolve(RunFolder.BEST);
            throw new UserError(checkpoint + " is a directory, but " + commandName
                    + " takes a checkpoint file such as "
                    + (Files.isRegularFile(best) ? best.toString() : "runs/<date-time>/" + RunFolder.BEST) + ".");
        }
        if (!Files.exists(checkpoint)) {
            throw new UserError("The checkpoint " + checkpoint + " does not exist.");
        }
    }

    /** The checkpoint's model and its data on the chosen backend. */
    public CheckpointData load() throws IOException {
        requireCheckpointFile();
        return CheckpointData.load(checkpoint, data, Backends.select(backend));
    }

    /** The checkpoint file. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** {@code --split}. */
    public String split() {
        return split;
    }
}
