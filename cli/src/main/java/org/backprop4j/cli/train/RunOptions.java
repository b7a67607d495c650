package org.backprop4j.cli.train;

import java.util.Set;

import org.backprop4j.cli.data.DataOption;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code tune} share: data, model, update rule and its hyper-parameters, the
 * Solver's settings, seed, backend, dtype. They are read as typed, from picocli's parse result (see
 * {@link #settings}); the fields only declare them, and show their defaults in the help.
 */
public final class RunOptions {

    @Option(names = "--data", paramLabel = "SPEC", description = "Data set: " + DataOption.FORMS
            + " (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--num-train", paramLabel = "N", description = "Keep only the first N training examples "
            + "(default: all).")
    String numTrain;

    @Option(names = "--model", paramLabel = "KIND", description = "two-layer (cs231n TwoLayerNet), mlp (TwoLayerMLP, "
            + "relu or sigmoid), fc (FullyConnectedNet) or cnn (ThreeLayerConvNet: conv - relu - 2x2 max pool - "
            + "affine - relu - affine) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--num-filters", paramLabel = "F", description = "Filters of the convolutional layer of --model "
            + "cnn (default: ${DEFAULT-VALUE}).")
    String numFilters;

    @Option(names = "--filter-size", paramLabel = "K", description = "Height and width of each filter of --model cnn, "
            + "odd (default: ${DEFAULT-VALUE}).")
    String filterSize;

    @Option(names = "--activation", paramLabel = "relu|sigmoid", description = "Hidden activation of --model mlp (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--batchnorm", description = "Batch normalization after each hidden layer (fc).")
    boolean batchnorm;

    @Option(names = "--bn-momentum", paramLabel = "M", description = "Batchnorm's running-average momentum, bn_param['momentum'] (default: ${DEFAULT-VALUE}).")
    String bnMomentum;

    @Option(names = "--bn-eps", paramLabel = "EPS", description = "Batchnorm's eps, bn_param['eps'] "
            + "(default: ${DEFAULT-VALUE}).")
    String bnEps;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout keep probability p (fc; the nndl and "
            + "cs231n 2019 convention); 0 or 1 = no dropout layers (default: ${DEFAULT-VALUE}).")
    String dropout;

    @Option(names = "--weight-scale", paramLabel = "S", description = "Standard deviation of the initial weights (default: ${DEFAULT-VALUE}).")
    String weightScale;

    @Option(names = "--update", paramLabel = "RULE", description = "sgd, sgd_momentum, rmsprop or adam (default: ${DEFAULT-VALUE}).")
    String update;

    @Option(names = "--momentum", paramLabel = "M", description = "Momentum of sgd_momentum (default: 0.9, optim.py's).")
    String momentum;

    @Option(names = "--beta1", paramLabel = "B1", description = "Adam's beta1 (default: 0.9, optim.py's).")
    String beta1;

    @Option(names = "--beta2", paramLabel = "B2", description = "Adam's beta2 (default: 0.999, optim.py's).")
    String beta2;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "Epsilon of rmsprop and adam (default: 1e-8, "
            + "optim.py's).")
    String epsilon;

    @Option(names = "--decay-rate", paramLabel = "D", description = "RMSProp's decay_rate (default: 0.99, optim.py's).")
    String decayRate;

    @Option(names = "--lr-decay", paramLabel = "D", description = "Learning-rate decay per epoch (default: ${DEFAULT-VALUE}).")
    String lrDecay;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    String epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    String batchSize;

    @Option(names = "--num-train-samples", paramLabel = "N", description = "Training examples sampled for each training-accuracy check, 0 = all "
            + "(default: ${DEFAULT-VALUE}, the Solver's).")
    String numTrainSamples;

    @Option(names = "--num-val-samples", paramLabel = "N", description = "Validation examples sampled for each validation-accuracy check, 0 = all "
            + "(default: ${DEFAULT-VALUE}).")
    String numValSamples;

    @Option(names = "--print-every", paramLabel = "N", description = "Iterations between progress lines (default: a twentieth of the run).")
    String printEvery;

    @Option(names = "--divergence-factor", paramLabel = "F", description = "Stop when a minibatch loss exceeds F times the first iteration's, or any loss or "
            + "parameter is NaN or infinite; 0 = only the latter (default: ${DEFAULT-VALUE}).")
    String divergenceFactor;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds the NumPy-compatible generator once, before the "
            + "model draws its weights (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--backend", paramLabel = "NAME", description = "naive, pure, ejml or nd4j (default: -Dbackprop4j.backend, BACKPROP4J_BACKEND, else the "
            + "highest-priority available one).")
    String backend;

    @Option(names = "--dtype", paramLabel = "float64|float32", description = "Computation dtype "
            + "(default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--patience", paramLabel = "N", description = "Stop when the validation accuracy has not risen "
            + "by more than --min-delta for N epochs, keeping the best parameters; 0 = never (default: ${DEFAULT-VALUE}).")
    String patience;

    @Option(names = "--min-delta", paramLabel = "D", description = "The rise in validation accuracy (a fraction) "
            + "that --patience counts as an improvement (default: ${DEFAULT-VALUE}).")
    String minDelta;

    @Option(names = "--diag-every", paramLabel = "K", description = "Record the diagnostics (weight and update norms, "
            + "activation statistics) every K iterations and at every epoch end, in diagnostics.json and "
            + "diagnostics.png; 0 = none (default: ${DEFAULT-VALUE}).")
    String diagEvery;

    @Option(names = "--tensorboard", arity = "0..1", paramLabel = "DIR", description = "Also write TensorBoard event "
            + "files (scalars, histograms, first-layer weights) into DIR (default: tensorboard/ in the run folder); "
            + "view them with 'tensorboard --logdir DIR'.")
    String tensorboard;

    @Option(names = "--force", description = "Write into an output folder that holds another run.")
    boolean force;

    /**
     * The settings the user gave, on top of the defaults: every option of the parse result that is a setting
     * and not in {@code skip} (options a command reads itself), as typed.
     */
    public static TrainSettings.Builder settings(CommandLine.ParseResult pr, Set<String> skip) {
        TrainSettings.Builder b = TrainSettings.builder();
        for (CommandLine.Model.OptionSpec o : pr.matchedOptions()) {
            String name = o.longestName();
            if (TrainSettings.OPTIONS.contains(name) && !skip.contains(name)) {
                b.given(name, String.join(",", o.originalStringValues()));
            }
        }
        return b;
    }
}
