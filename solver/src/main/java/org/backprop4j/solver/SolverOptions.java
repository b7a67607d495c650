package org.backprop4j.solver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.backprop4j.solver.optim.UpdateRule;

/**
 * The keyword arguments of cs231n's {@code Solver}, with its defaults: {@code update_rule='sgd'},
 * {@code optim_config={}}, {@code lr_decay=1.0}, {@code batch_size=100}, {@code num_epochs=10},
 * {@code num_train_samples=1000}, {@code num_val_samples=None}, {@code checkpoint_name=None},
 * {@code print_every=10}, {@code verbose=True}; and one of backprop4j's, {@code divergence_factor=1000}
 * (see {@link #divergenceFactor()}). Build with {@link #builder()}.
 *
 * @param updateRule      the update rule
 * @param optimConfig     hyper-parameters given to the rule for every parameter (e.g. {@code learning_rate})
 * @param lrDecay         factor applied to every learning rate after each epoch
 * @param batchSize       minibatch size
 * @param numEpochs       number of epochs
 * @param numTrainSamples training examples sampled for the training accuracy (0 = all)
 * @param numValSamples   validation examples sampled for the validation accuracy (0 = all, the default)
 * @param checkpointName  when not {@code null}, a checkpoint {@code <name>_epoch_<e>.ckpt} is written at every epoch check
 * @param printEvery      iterations between the loss lines {@code train()} prints ({@code print_every})
 * @param verbose         whether {@code train()} prints its progress lines, to the sink given to
 *                        {@link Solver#printTo} (the library never prints to standard output by itself)
 * @param divergenceFactor the run has diverged when a minibatch loss exceeds this many times the loss of the run's
 *                        first iteration ({@value #DEFAULT_DIVERGENCE_FACTOR} by default; 0 turns the rule off, and
 *                        then only a NaN or infinite loss or parameter stops the run)
 */
public record SolverOptions(UpdateRule updateRule, Map<String, Double> optimConfig, double lrDecay, int batchSize,
        int numEpochs, int numTrainSamples, int numValSamples, String checkpointName,
        int printEvery, boolean verbose, double divergenceFactor) {

    /**
     * The default {@link #divergenceFactor()}: a loss a thousand times the first one. Runs that recover stay well
     * below it (rmsprop at a learning rate of 0.05 on 500 of the bundled digits peaks at 96 times its first loss,
     * then learns), while sgd_momentum at a learning rate of 1e3 crosses it at its second iteration.
     */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1000;

    /** Validates everything, including that every optim_config key is one the rule reads. */
    public SolverOptions {
        optimConfig = Collections.unmodifiableMap(new LinkedHashMap<>(optimConfig));
        for (String key : optimConfig.keySet()) {
            if (!updateRule.hyperParameters().contains(key)) {
                throw new IllegalArgumentException("Unknown optim_config option '" + key + "' for update rule "
                        + updateRule.name() + ": expected "
                        + String.join(", ", new TreeSet<>(updateRule.hyperParameters()))
                        + ".");
            }
        }
        optimConfig.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("optim_config " + k + " must be a finite non-negative number, got "
                        + v + ".");
            }
        });
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("lr_decay must lie in (0, 1], got " + lrDecay + ".");
        }
        if (!(divergenceFactor >= 0) || Double.isInfinite(divergenceFactor)) {
            throw new IllegalArgumentException("divergence_factor must be a finite non-negative number (0 = off), got "
                    + divergenceFactor + ".");
        }
        if (batchSize <= 0 || numEpochs < 0 || numTrainSamples < 0 || numValSamples < 0 || printEvery <= 0) {
            throw new IllegalArgumentException("batch_size and print_every must be positive and num_epochs, "
                    + "num_train_samples, num_val_samples non-negative; got " + batchSize + ", " + printEvery + ", "
                    + numEpochs + ", " + numTrainSamples + ", " + numValSamples + ".");
        }
    }

    /** A builder with cs231n's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = builder().updateRule(updateRule).lrDecay(lrDecay).batchSize(batchSize).numEpochs(numEpochs)
                .numTrainSamples(numTrainSamples).numValSamples(numValSamples).checkpointName(checkpointName)
                .printEvery(printEvery).verbose(verbose).divergenceFactor(divergenceFactor);
        optimConfig.forEach(b::optim);
        return b;
    }

    /** The options as text properties (for checkpoints). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("update_rule", updateRule.name());
        optimConfig.forEach((k, v) -> p.put("optim." + k, Double.toString(v)));
        p.put("lr_decay", Double.toString(lrDecay));
        p.put("batch_size", Integer.toString(batchSize));
        p.put("num_epochs", Integer.toString(numEpochs));
        p.put("num_train_samples", Integer.toString(numTrainSamples));
        p.put("num_val_samples", Integer.toString(numValSamples));
        p.put("checkpoint_name", checkpointName == null ? "" : checkpointName);
        p.put("print_every", Integer.toString(printEvery));
        p.put("verbose", Boolean.toString(verbose));
        p.put("divergence_factor", Double.toString(divergenceFactor));
        return p;
    }

    /** The options from {@link #toProperties()} (those of format-version-1 checkpoints lack divergence_factor). */
    public static SolverOptions fromProperties(Map<String, String> p) {
        Builder b = builder().updateRule(req(p, "update_rule"));
        p.forEach((k, v) -> {
            if (k.startsWith("optim.")) {
                b.optim(k.substring("optim.".length()), Double.parseDouble(v));
            }
        });
        String name = req(p, "checkpoint_name");
        return b.lrDecay(Double.parseDouble(req(p, "lr_decay"))).batchSize(Integer.parseInt(req(p, "batch_size")))
                .numEpochs(Integer.parseInt(req(p, "num_epochs")))
                .numTrainSamples(Integer.parseInt(req(p, "num_train_samples")))
                .numValSamples(Integer.parseInt(req(p, "num_val_samples")))
                .checkpointName(name.isEmpty() ? null : name).printEvery(Integer.parseInt(req(p, "print_every")))
                .verbose(Boolean.parseBoolean(req(p, "verbose")))
                .divergenceFactor(Double.parseDouble(p.getOrDefault("divergence_factor",
                        Double.toString(DEFAULT_DIVERGENCE_FACTOR))))
                .build();
    }

    private static String req(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException("solver options lack '" + key + "'.");
        }
        return v;
    }

    /** Builds {@link SolverOptions}. */
    public static final class Builder {
        private UpdateRule updateRule = UpdateRule.byName("sgd");
        private final Map<String, Double> optimConfig = new LinkedHashMap<>();
        private double lrDecay = 1.0;
        private int batchSize = 100;
        private int numEpochs = 10;
        private int numTrainSamples = 1000;
        private int numValSamples = 0;
        private String checkpointName;
        private int printEvery = 10;
        private boolean verbose = true;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;

        /** {@code update_rule} by name: sgd, sgd_momentum, rmsprop or adam. */
        public Builder updateRule(String name) {
            this.updateRule = UpdateRule.byName(name);
            return this;
        }

        /** {@code update_rule}. */
        public Builder updateRule(UpdateRule rule) {
            this.updateRule = rule;
            return this;
        }

        /** One {@code optim_config} entry, e.g. {@code learning_rate}. */
        public Builder optim(String key, double value) {
            optimConfig.put(key, value);
            return this;
        }

        /** {@code optim_config['learning_rate']}. */
        public Builder learningRate(double lr) {
            return optim("learning_rate", lr);
        }

        /** {@code lr_decay}. */
        public Builder lrDecay(double v) {
            this.lrDecay = v;
            return this;
        }

        /** {@code batch_size}. */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** {@code num_epochs}. */
        public Builder numEpochs(int v) {
            this.numEpochs = v;
            return this;
        }

        /** {@code num_train_samples} (0 = all). */
        public Builder numTrainSamples(int v) {
            this.numTrainSamples = v;
            return this;
        }

        /** {@code num_val_samples} (0 = all). */
        public Builder numValSamples(int v) {
            this.numValSamples = v;
            return this;
        }

        /** {@code checkpoint_name}. */
        public Builder checkpointName(String v) {
            this.checkpointName = v;
            return this;
        }

        /** {@code print_every}. */
        public Builder printEvery(int v) {
            this.printEvery = v;
            return this;
        }

        /** {@code verbose}. */
        public Builder verbose(boolean v) {
            this.verbose = v;
            return this;
        }

        /** {@code divergence_factor} (0 = off). */
        public Builder divergenceFactor(double v) {
            this.divergenceFactor = v;
            return this;
        }

        /** The validated options. */
        public SolverOptions build() {
            return new SolverOptions(updateRule, optimConfig, lrDecay, batchSize, numEpochs, numTrainSamples,
                    numValSamples, checkpointName, printEvery, verbose, divergenceFactor);
        }
    }
}
