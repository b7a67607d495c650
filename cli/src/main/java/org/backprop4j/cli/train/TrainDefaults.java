package org.backprop4j.cli.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.backprop4j.cli.data.DataOption;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.solver.SolverOptions;

import picocli.CommandLine;

/**
 * The defaults of {@code train} and {@code tune}, as they would be typed: one table for every data set,
 * and the settings cs231n's notebooks use for CIFAR-10, taken when {@code --data cifar10:DIR} is trained
 * and the option is not given (the generic ones are chosen for pixels / 255 and would diverge on
 * CIFAR-10's mean-subtracted 0..255 pixels).
 */
public final class TrainDefaults {

    /** The default of {@code --diag-every}: cheap enough to cost under a percent of a run (see the README). */
    static final int DIAG_EVERY = 10;

    /** Every option's default, for every data set. */
    static final Map<String, String> GENERIC = ordered(
            "--data", DataOption.DEFAULT, "--model", "two-layer", "--hidden", "256", "--num-filters", "32",
            "--filter-size", "7", "--activation", "relu",
            "--dropout", "0", "--bn-momentum", Format.number(FullyConnectedNetConfig.BN_MOMENTUM),
            "--bn-eps", Format.number(FullyConnectedNetConfig.BN_EPS), "--reg", "1e-4", "--weight-scale", "1e-2",
            "--update", "sgd_momentum", "--lr", "0.1", "--lr-decay", "0.95", "--epochs", "20", "--batch-size", "100",
            "--num-train-samples", "1000", "--num-val-samples", "0", "--seed", "0", "--dtype", "float64",
            "--divergence-factor", Format.number(SolverOptions.DEFAULT_DIVERGENCE_FACTOR), "--patience", "0",
            "--min-delta", "0", "--diag-every", Integer.toString(DIAG_EVERY));

    /**
     * cs231n's two_layer_net notebook on CIFAR-10 ({@code TwoLayerNet(3072, 50, 10)} with std 1e-4,
     * {@code train(num_iters=1000, batch_size=200, learning_rate=1e-4, learning_rate_decay=0.95, reg=0.25)}):
     * plain sgd, and 4 epochs of 49,000 / 200 = 245 iterations, the nearest to its 1,000 iterations.
     */
    static final Map<String, String> CIFAR10_TWO_LAYER = ordered(
            "--hidden", "50", "--weight-scale", "1e-4", "--lr", "1e-4", "--reg", "0.25", "--batch-size", "200",
            "--update", "sgd", "--lr-decay", "0.95", "--epochs", "4");

    /**
     * The FullyConnectedNet notebook (seed 001): {@code FullyConnectedNet([100, 100], weight_scale=1e-2)} with
     * its {@code reg=0.0}, trained by {@code Solver(update_rule='sgd', optim_config={'learning_rate': 1e-2},
     * batch_size=25, num_epochs=20)} and the Solver's {@code lr_decay=1.0}.
     */
    static final Map<String, String> CIFAR10_FC = ordered(
            "--hidden", "100,100", "--weight-scale", "1e-2", "--reg", "0", "--update", "sgd", "--lr", "1e-2",
            "--batch-size", "25", "--lr-decay", "1", "--epochs", "20");

    /**
     * {@code --model cnn} on every data set: the ConvolutionalNetworks notebook's full run,
     * {@code ThreeLayerConvNet(weight_scale=0.001, reg=0.001)} with its {@code num_filters=32, filter_size=7}, trained
     * by {@code Solver(num_epochs=1, batch_size=50, update_rule='adam', optim_config={'learning_rate': 1e-3})} and
     * the Solver's {@code lr_decay=1.0}, but with {@code hidden_dim=100} (the class's default; the notebook's 500
     * takes twice as long), and with weight scale 1e-2 and learning rate 3e-3 for pixels / 255 (the notebook's are
     * for CIFAR-10's mean-subtracted 0..255): on the bundled digits its settings reach a test accuracy of 0.873 in
     * one epoch, these 0.937, 0.934, 0.927, 0.940 and 0.907 with seeds 0 to 4 (a search over weight scale 1e-3 ..
     * 3e-2, learning rate 1e-3 .. 3e-3, batch 25 and 50, hidden 100 and 500).
     */
    static final Map<String, String> CNN = ordered(
            "--hidden", "100", "--weight-scale", "1e-2", "--reg", "1e-3", "--update", "adam", "--lr", "3e-3",
            "--batch-size", "50", "--lr-decay", "1", "--epochs", "1");

    private TrainDefaults() {
    }

    /** Every option's default for every data set but CIFAR-10, as typed (e.g. {@code --lr} → {@code 0.1}). */
    public static Map<String, String> generic() {
        return GENERIC;
    }

    /** The data set's own defaults for {@code model}, or the model's (empty where the generic ones apply). */
    static Map<String, String> forData(DataOption data, String model) {
        if (model.equals("cnn")) {
            return CNN;
        }
        if (data.isToy() || DatasetSpec.parse(data.text()).kind() != DatasetSpec.Kind.CIFAR10) {
            return Map.of();
        }
        return model.equals("fc") ? CIFAR10_FC : CIFAR10_TWO_LAYER;
    }

    /** The help text that lists the CIFAR-10 and cnn defaults. */
    static String cifarHelp() {
        return "With --data cifar10:DIR, options not given take cs231n's CIFAR-10 settings: for two-layer and mlp "
                + typed(CIFAR10_TWO_LAYER) + "; for fc " + typed(CIFAR10_FC) + ". With --model cnn, on every data "
                + "set, they take the ConvolutionalNetworks notebook's, tuned for the digits: " + typed(CNN) + ".";
    }

    /** What {@link #forData} took its defaults from, for the header of a run. */
    static String source(String model) {
        return model.equals("cnn")
                ? "--model cnn (the ConvolutionalNetworks notebook's settings tuned for the digits, for the options not "
                        + "given)"
                : DatasetSpec.Kind.CIFAR10.spelling() + " (cs231n's settings, for the options not given)";
    }

    /** {@code --a 1 --b 2}. */
    static String typed(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Gives picocli the generic defaults (shown as {@code ${DEFAULT-VALUE}} in the help of {@code train}). */
    public static class Provider implements CommandLine.IDefaultValueProvider {
        private final Set<String> except;

        /** Every default. */
        public Provider() {
            this(Set.of());
        }

        /** Every default but those of {@code except}, options a command declares with defaults of its own. */
        protected Provider(Set<String> except) {
            this.except = except;
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (arg instanceof CommandLine.Model.OptionSpec o && !except.contains(o.longestName())) {
                return GENERIC.get(o.longestName());
            }
            return null;
        }
    }

    /** The defaults for {@code tune}, whose {@code --lr}, {@code --reg} and {@code --hidden} are search spaces. */
    public static final class TuneProvider extends Provider {
        /** Every default but the searched options'. */
        public TuneProvider() {
            super(Set.of("--lr", "--reg", "--hidden"));
        }
    }
}
