package org.backprop4j.cli.eval;

import java.io.IOException;
import java.nio.file.Path;

import org.backprop4j.backend.Backends;
import org.backprop4j.cli.data.DataOption;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code eval} and {@code predict} share: the checkpoint, the data and split to run it on, the backend. */
public final class CheckpointOptions {

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint, e.g. runs/…/best.ckpt.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "Data set: " + DataOption.FORMS + " (default: the one in the run's run.json).")
    String data;

    @Option(names = "--split", paramLabel = "train|val|test", defaultValue = "test",
            description = "Which split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: as for train).")
    String backend;

    /** The checkpoint's model and its data on the chosen backend. */
    public CheckpointData load() throws IOException {
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
