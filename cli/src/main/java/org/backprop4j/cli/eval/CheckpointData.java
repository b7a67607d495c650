package org.backprop4j.cli.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.Split;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;

/**
 * A model loaded from a checkpoint together with the data to run it on: {@code --data} if given,
 * else the data set recorded in the run folder's {@code run.json} next to the checkpoint (so the
 * same preprocessing applies), else the bundled digits.
 *
 * @param model the model
 * @param data  the data, in the model's dtype
 */
public record CheckpointData(Model model, DataSplits data) {

    /** Loads both. */
    public static CheckpointData load(Path checkpoint, String dataOption, Backend backend) throws IOException {
        Model model = Solver.loadModel(checkpoint, backend);
        String spec = dataOption;
        if (spec == null) {
            spec = RunFolder.of(checkpoint).map(f -> f.readJson(RunFolder.RUN)).map(j -> j.path("data").asText(null))
                    .orElse(DataOption.DEFAULT);
        }
        DataSplits data = new DataOption(spec).load(backend, model.dtype(), -1,
                DataOption.rowLayout(model.spec().kind()));
        if (data.inputSize() != inputSize(model)) {
            throw new UserError("the model in " + checkpoint + " takes inputs of " + inputSize(model)
                    + " values, but " + spec + " has rows of " + data.inputSize()
                    + "; pass the --data it was trained on.");
        }
        return new CheckpointData(model, data);
    }

    /** The split called {@code train}, {@code val} or {@code test}. */
    public Split split(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "train" -> data.train();
            case "val" -> data.val();
            case "test" ->
                data.test().orElseThrow(() -> new UserError("the data set has no test split; use --split val."));
            default -> throw new UserError("Unknown split '" + name + "': expected train, val or test.");
        };
    }

    /** The model's input width: as its spec says, else the rows of its first weight matrix. */
    static int inputSize(Model model) {
        return model.spec().inputSize().orElseGet(() -> model.params().get("W1").rows());
    }
}
