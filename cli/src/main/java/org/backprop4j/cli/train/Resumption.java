package org.backprop4j.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.OptimState;
import org.backprop4j.solver.stopping.EarlyStopping;

/**
 * How {@code train --resume CKPT} goes on: everything the run depends on comes from the checkpoint (its
 * model spec, its Solver options, and the metadata a run records: data set, {@code --num-train}, seed,
 * backend; for checkpoints of format version 1, the {@code run.json} beside them), so the resumed run
 * retraces the uninterrupted one bit for bit. Options given with {@code --resume} that would change the
 * trajectory are refused unless they equal the checkpoint's; {@code --epochs} may extend the run, and
 * {@code --print-every}, {@code --divergence-factor}, {@code --diag-every} and the output options apply.
 *
 * <p>A run that stopped early resumes as stopped: its checkpoint records its {@code --patience} and
 * {@code --min-delta}, and {@link #plan} refuses to go on while they, applied to the recorded validation
 * accuracies, still say stop — as the run would stop again at once. A larger {@code --patience}, or
 * {@code --patience 0}, continues it.
 *
 * @param file       the checkpoint
 * @param checkpoint its content
 * @param settings   the run's settings: the recorded ones, with the output options given
 * @param options    the Solver's options to go on with
 */
public record Resumption(Path file, Checkpoint checkpoint, TrainSettings settings, SolverOptions options) {

    /** The metadata keys a run records in its checkpoints, and the options they hold. */
    static final Map<String, String> METADATA = Map.of("data", "--data", "num_train", "--num-train", "seed", "--seed",
            "backend", "--backend");

    /** The metadata keys of early stopping (recorded since it exists; absent keys mean none), and their options. */
    static final Map<String, String> STOPPING = Map.of("patience", "--patience", "min_delta", "--min-delta");

    /**
     * Plans the resumption that {@code given} asks for (its {@code --resume} set).
     *
     * @throws UserError if the checkpoint is no training state, an option given would change its trajectory,
     *                   or the run has no epochs left
     * @throws IOException if the checkpoint cannot be read
     */
    static Resumption plan(TrainSettings.Builder given) throws IOException {
        Path file = (Path) given.get("--resume");
        Checkpoint ck = CheckpointFile.read(file);
        if (!ck.trainingState()) {
            throw new UserError(file + " holds the best model of its run, not a training state to continue from; "
                    + "resume from the run's " + RunFolder.LAST + ".");
        }
        Recorded recorded = recorded(ck, file);
        TrainSettings.Builder rec = recorded.settings();
        List<String> differing = new ArrayList<>();
        for (String o : given.givenOptions()) {
            if (recorded.unknown().contains(o)) {
                // a version-1 checkpoint without its run.json: what the user says is all there is
                rec.set(o, Format.value(given.get(o)));
            } else if (TrainSettings.TRAJECTORY.contains(o) && !Objects.equals(given.get(o), rec.get(o))) {
                differing.add(o + " " + Format.value(given.get(o)) + " (the checkpoint's: " + Format.value(rec.get(o))
                        + ")");
            }
        }
        if (!differing.isEmpty()) {
            throw new UserError("--resume continues " + file + " as it was trained, but " + String.join(", ", differing)
                    + " would change its trajectory: leave " + (differing.size() == 1 ? "it" : "them")
                    + " out, or train a new run without --resume.");
        }
        for (String o : new String[] {"--epochs", "--print-every", "--divergence-factor", "--out", "--history-out",
                "--force", "--quiet", "--patience", "--min-delta", "--diag-every", "--tensorboard"}) {
            if (given.givenOptions().contains(o)) {
                rec.given(o, Format.value(given.get(o)));
            }
        }
        rec.set("--resume", file.toString());
        TrainSettings s = rec.build();
        String stopped = EarlyStopping.reason(ck.valAccHistory(), ck.epoch(), s.patience(), s.minDelta());
        if (stopped != null) {
            throw new UserError(file + " is of a run that stopped early at epoch " + ck.epoch() + ": " + stopped
                    + "; give a larger --patience than " + s.patience() + ", or --patience 0, to train on.");
        }
        if (s.epochs() < ck.epoch()) {
            throw new UserError("--epochs " + s.epochs() + " is fewer than the " + ck.epoch() + " epochs " + file
                    + " has completed.");
        }
        if (s.epochs() == ck.epoch()) {
            throw new UserError(file + " has completed all " + ck.epoch() + " epochs of its run: give --epochs with "
                    + "more to train on.");
        }
        SolverOptions.Builder options = SolverOptions.fromProperties(ck.solverOptions()).toBuilder()
                .numEpochs(s.epochs()).divergenceFactor(s.divergenceFactor());
        if (s.printEvery() != null) {
            options.printEvery(s.printEvery());
        }
        return new Resumption(file, ck, s, options.build());
    }

    /**
     * The settings a checkpoint records.
     *
     * @param settings as the options that would have made them
     * @param unknown  the options it does not record (those of the metadata, for a version-1 checkpoint
     *                 without its run.json)
     */
    record Recorded(TrainSettings.Builder settings, Set<String> unknown) {
    }

    /** The metadata a run records: the settings that neither the model spec nor the Solver's options hold. */
    static Map<String, String> metadata(TrainSettings s, String backendName) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", s.data().recorded());
        m.put("num_train", s.numTrain() == null ? "all" : Integer.toString(s.numTrain()));
        m.put("seed", Long.toString(s.seed()));
        m.put("backend", backendName);
        m.putAll(stopping(s));
        return m;
    }

    /** The metadata of early stopping: {@code patience} and {@code min_delta}. */
    static Map<String, String> stopping(TrainSettings s) {
        return Map.of("patience", Integer.toString(s.patience()), "min_delta", Double.toString(s.minDelta()));
    }

    /** The settings a checkpoint records. */
    static Recorded recorded(Checkpoint ck, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(ck.metadata());
        if (meta.isEmpty()) {
            meta.putAll(fromRunJson(file));
        }
        TrainSettings.Builder b = TrainSettings.builder();
        Set<String> unknown = new HashSet<>();
        METADATA.forEach((key, option) -> {
            if (meta.containsKey(key)) {
                b.set(option, meta.get(key));
            } else {
                unknown.add(option);
            }
        });
        STOPPING.forEach((key, option) -> {
            if (meta.containsKey(key)) {
                b.set(option, meta.get(key));
            }
        });
        ModelSpec spec = ck.model();
        Map<String, String> p = spec.properties();
        b.set("--model", spec.kind());
        b.set("--dtype", p.get("dtype"));
        b.set("--reg", p.get("reg"));
        if (spec.kind().equals("fc")) {
            b.set("--hidden", p.get("hidden_dims"));
            b.set("--weight-scale", p.get("weight_scale"));
            b.set("--dropout", p.get("dropout"));
            b.set("--batchnorm", p.get("use_batchnorm"));
            b.set("--bn-momentum", p.getOrDefault("bn_momentum", Format.number(
                    FullyConnectedNetConfig.BN_MOMENTUM)));
            b.set("--bn-eps", p.getOrDefault("bn_eps", Format.number(
                    FullyConnectedNetConfig.BN_EPS)));
        } else if (spec.kind().equals("cnn")) {
            b.set("--hidden", p.get("hidden_dim"));
            b.set("--weight-scale", p.get("weight_scale"));
            b.set("--num-filters", p.get("num_filters"));
            b.set("--filter-size", p.get("filter_size"));
        } else {
            b.set("--hidden", p.get("hidden_size"));
            b.set("--weight-scale", p.get("std"));
            b.set("--activation", p.get("activation"));
        }
        Map<String, String> o = ck.solverOptions();
        b.set("--update", o.get("update_rule"));
        b.set("--lr-decay", o.get("lr_decay"));
        b.set("--batch-size", o.get("batch_size"));
        b.set("--epochs", o.get("num_epochs"));
        b.set("--num-train-samples", o.get("num_train_samples"));
        b.set("--num-val-samples", o.get("num_val_samples"));
        b.set("--divergence-factor", o.getOrDefault("divergence_factor",
                Format.number(SolverOptions.DEFAULT_DIVERGENCE_FACTOR)));
        // the initial learning rate is the run's option; a rule's other hyper-parameters are the options given,
        // else the defaults the rule filled in at its first step
        Map<String, Double> used = ck.optim().values().stream().findFirst().map(OptimState::hyperParameters)
                .orElse(Map.of());
        String[][] hyper = {{"learning_rate", "--lr"}, {"momentum", "--momentum"}, {"beta1", "--beta1"},
                {"beta2", "--beta2"}, {"epsilon", "--epsilon"}, {"decay_rate", "--decay-rate"}};
        for (String[] h : hyper) {
            String v = o.get("optim." + h[0]);
            if (v == null && !h[0].equals("learning_rate") && used.containsKey(h[0])) {
                v = Double.toString(used.get(h[0]));
            }
            if (v != null) {
                b.set(h[1], v);
            }
        }
        return new Recorded(b, Set.copyOf(unknown));
    }

    /** data, num_train, seed and backend from the run.json beside a checkpoint of format version 1, if any. */
    private static Map<String, String> fromRunJson(Path file) throws IOException {
        Path runJson = file.toAbsolutePath().resolveSibling(RunFolder.RUN);
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(runJson)) {
            return m;
        }
        JsonNode j = Json.mapper().readTree(runJson.toFile());
        if (j.hasNonNull("data")) {
            m.put("data", j.get("data").asText());
        }
        if (j.has("num_train")) {
            int n = j.get("num_train").asInt(-1);
            m.put("num_train", n < 0 ? "all" : Integer.toString(n));
        }
        if (j.has("seed")) {
            m.put("seed", j.get("seed").asText());
        }
        if (j.hasNonNull("backend")) {
            m.put("backend", j.get("backend").asText());
        }
        return m;
    }
}
