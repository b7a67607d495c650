package org.backprop4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.dashboard.DashboardOptions;
import org.backprop4j.cli.dashboard.DashboardServer;
import org.backprop4j.cli.dashboard.DashboardState;
import org.backprop4j.cli.dashboard.RunState;
import org.backprop4j.cli.run.RunFolder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j train}: trains a model with the Solver and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = TrainDefaults.Provider.class, description = {
        "Train a model with the Solver, show progress, and write a run folder: best.ckpt, last.ckpt, "
                + "history.json, run.json, curves.png, weights.png, diagnostics.json and diagnostics.png.",
        "With no options: a two-layer net on the 10,000 bundled MNIST digits."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @Mixin
    DashboardOptions dashboard;

    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--hidden", paramLabel = "H[,H...]", description = "Hidden layer sizes, e.g. 100 or 100,100 for fc (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--reg", paramLabel = "R", description = "L2 regularization strength (default: ${DEFAULT-VALUE}; two-layer uses reg*sum(W^2), "
            + "mlp and fc 0.5*reg*sum(W^2)).")
    String reg;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: a new runs/<date-time>).")
    String out;

    @Option(names = "--history-out", paramLabel = "FILE", description = "Also write the history JSON (loss_history, train_acc_history, val_acc_history) here.")
    String historyOut;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue the run saved in a checkpoint (e.g. runs/…/last.ckpt) exactly as it was trained: "
            + "its data, model and solver settings come from it; --epochs may extend it.")
    String resume;

    @Option(names = "--init-params", paramLabel = "FILE.npz", description = "Start from the parameters in an .npz "
            + "(np.savez(FILE, **model.params), or export --npz): names, shapes and dtype must be the model's.")
    String initParams;

    @Option(names = "--quiet", description = "Print only the final results.")
    boolean quiet;

    /** Adds the CIFAR-10 defaults to the help (called by picocli as it builds the command). */
    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec s) {
        this.spec = s;
        s.usageMessage().footer(TrainDefaults.cifarHelp());
    }

    @Override
    public Integer call() throws Exception {
        dashboard.check();
        TrainSettings.Builder given = RunOptions.settings(spec.commandLine().getParseResult(), Set.of());
        Resumption resumption = null;
        TrainSettings s;
        if (given.get("--init-params") != null) {
            if (given.get("--resume") != null) {
                throw new UserError("--init-params sets the parameters a new run starts from, but --resume continues "
                        + "from its checkpoint's: leave --init-params out.");
            }
            Path init = (Path) given.get("--init-params");
            if (!Files.isRegularFile(init)) {
                throw new UserError("--init-params " + init + (Files.isDirectory(init)
                        ? " is a directory, not an "
                                + ".npz file."
                        : " does not exist."));
            }
        }
        if (given.get("--resume") != null) {
            resumption = Resumption.plan(given);
            s = resumption.settings();
        } else {
            s = given.dataDefaults().build();
        }
        // output paths are checked before any data is loaded or any iteration run
        if (s.out() != null) {
            RunFolder.check(s.out(), s.force(),
                    resumption == null ? null : resumption.file().toAbsolutePath().normalize().getParent());
        }
        if (s.historyOut() != null) {
            RunFolder.checkFile("--history-out", s.historyOut());
        }
        PrintWriter pw = spec.commandLine().getOut();
        // the dashboard listens before the data are loaded: a port in use is refused before any long work
        DashboardState board = new DashboardState("train", "train on " + s.data().text());
        RunState live = board.add(new RunState("train", Map.of()));
        DashboardServer server = dashboard.open(board, pw);
        TrainingRun.Result r;
        boolean ran = false;
        try {
            // the reporter draws a bar only where stderr is a terminal
            r = TrainingRun.of(s, resumption, null).dashboard(server == null ? null : live).run(pw, true);
            ran = true;
        } finally {
            if (!ran && server != null) {
                server.close();
            }
        }
        dashboard.finish(server, pw);
        if (r.diverged() != null) {
            throw new UserError(r.diverged());
        }
        return ExitCode.OK;
    }
}
