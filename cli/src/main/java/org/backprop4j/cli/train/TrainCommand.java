package org.backprop4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.inject.Guice;

import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j train}: trains a model with the Solver and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model with the Solver, show progress, and write a run folder: best.ckpt, last.ckpt, "
                + "history.json, run.json, curves.png and weights.png.",
            "With no options: a two-layer net on the 10,000 bundled MNIST digits."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hidden", paramLabel = "H[,H...]", split = ",", defaultValue = "256",
            description = "Hidden layer sizes, e.g. 100 or 100,100 for fc (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "relu|sigmoid", defaultValue = "relu",
            description = "Hidden activation of --model mlp (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--batchnorm", description = "Batch normalization after each hidden layer (fc).")
    boolean batchnorm;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout keep probability p in (0, 1] (fc; nndl convention); 0 = no dropout (default).")
    double dropout;

    @Option(names = "--reg", paramLabel = "R", defaultValue = "1e-4",
            description = "L2 regularization strength (default: ${DEFAULT-VALUE}; two-layer uses reg*sum(W^2), "
                    + "mlp and fc 0.5*reg*sum(W^2)).")
    double reg;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", paramLabel = "M", description = "Momentum of sgd_momentum (default: 0.9).")
    Double momentum;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<date-time>).")
    Path out;

    @Option(names = "--history-out", paramLabel = "FILE",
            description = "Also write the history JSON (loss_history, train_acc_history, val_acc_history) here.")
    Path historyOut;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run saved in a checkpoint (e.g. runs/…/last.ckpt) up to --epochs.")
    Path resume;

    @Option(names = "--quiet", description = "Print only the final results.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainSettings s = new TrainSettings(run.data(), run.model(), hidden, activation, batchnorm, dropout, reg,
                run.weightScale(), run.update(), lr, run.lrDecay(), momentum, run.epochs(), run.batchSize(),
                run.numTrain(), run.seed(), run.backend(), run.dtype(), out, historyOut, resume, quiet);
        PrintWriter pw = spec.commandLine().getOut();
        TrainingRun run = Guice.createInjector(new TrainingModule(s)).getInstance(TrainingRun.class);
        run.run(pw, System.console() != null);
        return ExitCode.OK;
    }
}
