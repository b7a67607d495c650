package org.backprop4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.optim.UpdateRule;

/**
 * Everything one training run (a {@code train}, or a trial of {@code tune}) is asked to do, by option:
 * {@link #builder()} starts from the defaults of {@link TrainDefaults}, {@link Builder#set(String, String)}
 * takes an option as typed (checking its range and naming it in the sentence if it is out of range),
 * and {@link Builder#build()} checks that the options fit together.
 *
 * @param data              {@code --data}
 * @param numTrain          {@code --num-train}, or null for all training rows
 * @param dtype             {@code --dtype}
 * @param seed              {@code --seed}: seeds the generator once, before the model draws its weights
 * @param backend           {@code --backend}, or null for the default choice
 * @param model             {@code --model}: {@code two-layer}, {@code mlp}, {@code fc} or {@code cnn}
 * @param hidden            {@code --hidden}: hidden layer sizes (one for two-layer, mlp and cnn)
 * @param numFilters        {@code --num-filters}: filters of the convolutional layer (cnn)
 * @param filterSize        {@code --filter-size}: their height and width, odd (cnn)
 * @param activation        {@code --activation} of mlp: {@code relu} or {@code sigmoid}
 * @param batchnorm         {@code --batchnorm} (fc)
 * @param bnMomentum        {@code --bn-momentum}: batchnorm's running-average momentum (fc)
 * @param bnEps             {@code --bn-eps}: batchnorm's eps (fc)
 * @param dropout           {@code --dropout}: keep probability, 0 or 1 for none (fc)
 * @param reg               {@code --reg}: regularization strength
 * @param weightScale       {@code --weight-scale}: std of the initial weights
 * @param update            {@code --update}: the update rule, as optim.py names it
 * @param lr                {@code --lr}: learning rate
 * @param lrDecay           {@code --lr-decay}: learning-rate factor per epoch
 * @param momentum          {@code --momentum} of sgd_momentum, or null for optim.py's default
 * @param beta1             {@code --beta1} of adam, or null
 * @param beta2             {@code --beta2} of adam, or null
 * @param epsilon           {@code --epsilon} of rmsprop and adam, or null
 * @param decayRate         {@code --decay-rate} of rmsprop, or null
 * @param epochs            {@code --epochs}
 * @param batchSize         {@code --batch-size}
 * @param numTrainSamples   {@code --num-train-samples}: training rows sampled per accuracy check (0 = all)
 * @param numValSamples     {@code --num-val-samples}: validation rows sampled per accuracy check (0 = all)
 * @param printEvery        {@code --print-every}: iterations between progress lines, or null for a twentieth of the run
 * @param divergenceFactor  {@code --divergence-factor} (see {@link SolverOptions#divergenceFactor()})
 * @param out               {@code --out}: the run folder, or null for a new one under {@code runs/}
 * @param historyOut        {@code --history-out}, or null
 * @param resume            {@code --resume}: the checkpoint to continue, or null
 * @param initParams        {@code --init-params}: the {@code .npz} of parameters a new run starts from (after the
 *                          model has drawn its weights, so the generator is where NumPy's is), or null
 * @param force             {@code --force}: write into a folder that holds another run
 * @param quiet             {@code --quiet}
 * @param patience          {@code --patience}: epochs without a rise in validation accuracy before the run stops,
 *                          0 = never (see {@link org.backprop4j.solver.stopping.EarlyStopping})
 * @param minDelta          {@code --min-delta}: the rise in validation accuracy that counts for {@code --patience}
 * @param diagEvery         {@code --diag-every}: iterations between diagnostics records (and at every epoch end),
 *                          0 = none
 * @param tensorboard       {@code --tensorboard [DIR]}: where to write TensorBoard event files, the empty string for
 *                          {@code tensorboard/} in the run folder, or null for none
 * @param dataDefaults      the options that took the data set's own defaults (see {@link TrainDefaults#forData})
 * @param typed             the options the user gave, as typed (for messages that quote them)
 */
public record TrainSettings(DataOption data, Integer numTrain, DType dtype, long seed, String backend, String model,
        List<Integer> hidden, int numFilters, int filterSize, String activation, boolean batchnorm, double bnMomentum,
        double bnEps, double dropout, double reg, double weightScale, String update, double lr,
        double lrDecay, Double momentum, Double beta1, Double beta2, Double epsilon,
        Double decayRate, int epochs, int batchSize, int numTrainSamples, int numValSamples,
        Integer printEvery, double divergenceFactor, Path out, Path historyOut, Path resume, Path initParams,
        boolean force, boolean quiet, int patience, double minDelta, int diagEvery, String tensorboard,
        Map<String, String> dataDefaults,
        Map<String, String> typed) {

    /** The model kinds {@code --model} accepts. */
    public static final List<String> MODELS = List.of("two-layer", "mlp", "fc", "cnn");

    /**
     * The options that decide a run's trajectory: a resumed run takes them from its checkpoint, and refuses
     * them when given with other values. (The others: {@code --epochs} may extend a run; {@code --print-every},
     * {@code --divergence-factor} and the output options change no number.)
     */
    public static final Set<String> TRAJECTORY = Set.of("--data", "--num-train", "--dtype", "--seed", "--backend",
            "--model", "--hidden", "--num-filters", "--filter-size", "--activation", "--batchnorm", "--bn-momentum",
            "--bn-eps", "--dropout", "--reg",
            "--weight-scale", "--update", "--lr", "--lr-decay", "--momentum", "--beta1", "--beta2", "--epsilon",
            "--decay-rate", "--batch-size", "--num-train-samples", "--num-val-samples", "--init-params");

    /** Every option a run's settings hold. */
    public static final Set<String> OPTIONS = Stream.concat(TRAJECTORY.stream(), Stream.of("--epochs",
            "--print-every", "--divergence-factor", "--out", "--history-out", "--resume", "--force", "--quiet",
            "--patience", "--min-delta", "--diag-every", "--tensorboard"))
            .collect(Collectors.toUnmodifiableSet());

    /** Copies the lists. */
    public TrainSettings {
        hidden = List.copyOf(hidden);
        dataDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(dataDefaults));
        typed = Collections.unmodifiableMap(new LinkedHashMap<>(typed));
    }

    /** How the user typed {@code option}, or the value written as they would have typed it. */
    public String typed(String option) {
        return typed.containsKey(option) ? typed.get(option) : Format.value(get(option));
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        Builder b = new Builder();
        TrainDefaults.GENERIC.forEach(b::set);
        return b;
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The value of an option, as {@link Builder#set} parses it (e.g. a {@code Double} for {@code --lr}). */
    public Object get(String option) {
        return switch (option) {
            case "--data" -> data.recorded();
            case "--num-train" -> numTrain;
            case "--dtype" -> dtype;
            case "--seed" -> seed;
            case "--backend" -> backend;
            case "--model" -> model;
            case "--hidden" -> hidden;
            case "--num-filters" -> numFilters;
            case "--filter-size" -> filterSize;
            case "--activation" -> activation;
            case "--batchnorm" -> batchnorm;
            case "--bn-momentum" -> bnMomentum;
            case "--bn-eps" -> bnEps;
            case "--dropout" -> dropout;
            case "--reg" -> reg;
            case "--weight-scale" -> weightScale;
            case "--update" -> update;
            case "--lr" -> lr;
            case "--lr-decay" -> lrDecay;
            case "--momentum" -> momentum;
            case "--beta1" -> beta1;
            case "--beta2" -> beta2;
            case "--epsilon" -> epsilon;
            case "--decay-rate" -> decayRate;
            case "--epochs" -> epochs;
            case "--batch-size" -> batchSize;
            case "--num-train-samples" -> numTrainSamples;
            case "--num-val-samples" -> numValSamples;
            case "--print-every" -> printEvery;
            case "--divergence-factor" -> divergenceFactor;
            case "--out" -> out;
            case "--history-out" -> historyOut;
            case "--resume" -> resume;
            case "--init-params" -> initParams;
            case "--force" -> force;
            case "--quiet" -> quiet;
            case "--patience" -> patience;
            case "--min-delta" -> minDelta;
            case "--diag-every" -> diagEvery;
            case "--tensorboard" -> tensorboard;
            default -> throw new IllegalArgumentException("no setting " + option);
        };
    }

    /** The Solver's options: cs231n's keyword arguments and optim_config for these settings. */
    public SolverOptions solverOptions() {
        SolverOptions.Builder b = SolverOptions.builder().updateRule(update).learningRate(lr).lrDecay(lrDecay)
                .batchSize(batchSize).numEpochs(epochs).numTrainSamples(numTrainSamples).numValSamples(numValSamples)
                .divergenceFactor(divergenceFactor).verbose(false);
        if (printEvery != null) {
            b.printEvery(printEvery);
        }
        optim(b, "momentum", momentum);
        optim(b, "beta1", beta1);
        optim(b, "beta2", beta2);
        optim(b, "epsilon", epsilon);
        optim(b, "decay_rate", decayRate);
        return b.build();
    }

    private static void optim(SolverOptions.Builder b, String key, Double value) {
        if (value != null) {
            b.optim(key, value);
        }
    }

    /** Builds {@link TrainSettings} option by option. */
    public static final class Builder {
        private DataOption data;
        private Integer numTrain;
        private DType dtype;
        private long seed;
        private String backend;
        private String model;
        private List<Integer> hidden;
        private int numFilters;
        private int filterSize;
        private String activation;
        private boolean batchnorm;
        private double bnMomentum;
        private double bnEps;
        private double dropout;
        private double reg;
        private double weightScale;
        private String update;
        private double lr;
        private double lrDecay;
        private Double momentum;
        private Double beta1;
        private Double beta2;
        private Double epsilon;
        private Double decayRate;
        private int epochs;
        private int batchSize;
        private int numTrainSamples;
        private int numValSamples;
        private Integer printEvery;
        private double divergenceFactor;
        private Path out;
        private Path historyOut;
        private Path resume;
        private Path initParams;
        private boolean force;
        private boolean quiet;
        private int patience;
        private double minDelta;
        private int diagEvery;
        private String tensorboard;
        private Map<String, String> dataDefaults = Map.of();
        private final Map<String, String> typed = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(TrainSettings s) {
            data = s.data;
            numTrain = s.numTrain;
            dtype = s.dtype;
            seed = s.seed;
            backend = s.backend;
            model = s.model;
            hidden = s.hidden;
            numFilters = s.numFilters;
            filterSize = s.filterSize;
            activation = s.activation;
            batchnorm = s.batchnorm;
            bnMomentum = s.bnMomentum;
            bnEps = s.bnEps;
            dropout = s.dropout;
            reg = s.reg;
            weightScale = s.weightScale;
            update = s.update;
            lr = s.lr;
            lrDecay = s.lrDecay;
            momentum = s.momentum;
            beta1 = s.beta1;
            beta2 = s.beta2;
            epsilon = s.epsilon;
            decayRate = s.decayRate;
            epochs = s.epochs;
            batchSize = s.batchSize;
            numTrainSamples = s.numTrainSamples;
            numValSamples = s.numValSamples;
            printEvery = s.printEvery;
            divergenceFactor = s.divergenceFactor;
            out = s.out;
            historyOut = s.historyOut;
            resume = s.resume;
            initParams = s.initParams;
            force = s.force;
            quiet = s.quiet;
            patience = s.patience;
            minDelta = s.minDelta;
            diagEvery = s.diagEvery;
            tensorboard = s.tensorboard;
            dataDefaults = s.dataDefaults;
            typed.putAll(s.typed);
        }

        /**
         * Sets an option from its text as typed, e.g. {@code set("--lr", "1e-3")}.
         *
         * @throws UserError naming the option if the text is not a value it takes
         */
        public Builder set(String option, String text) {
            Object v = parse(option, text);
            switch (option) {
                case "--data" -> data = (DataOption) v;
                case "--num-train" -> numTrain = (Integer) v;
                case "--dtype" -> dtype = (DType) v;
                case "--seed" -> seed = (Long) v;
                case "--backend" -> backend = (String) v;
                case "--model" -> model = (String) v;
                case "--hidden" -> hidden = ints(v);
                case "--num-filters" -> numFilters = (Integer) v;
                case "--filter-size" -> filterSize = (Integer) v;
                case "--activation" -> activation = (String) v;
                case "--batchnorm" -> batchnorm = (Boolean) v;
                case "--bn-momentum" -> bnMomentum = (Double) v;
                case "--bn-eps" -> bnEps = (Double) v;
                case "--dropout" -> dropout = (Double) v;
                case "--reg" -> reg = (Double) v;
                case "--weight-scale" -> weightScale = (Double) v;
                case "--update" -> update = (String) v;
                case "--lr" -> lr = (Double) v;
                case "--lr-decay" -> lrDecay = (Double) v;
                case "--momentum" -> momentum = (Double) v;
                case "--beta1" -> beta1 = (Double) v;
                case "--beta2" -> beta2 = (Double) v;
                case "--epsilon" -> epsilon = (Double) v;
                case "--decay-rate" -> decayRate = (Double) v;
                case "--epochs" -> epochs = (Integer) v;
                case "--batch-size" -> batchSize = (Integer) v;
                case "--num-train-samples" -> numTrainSamples = (Integer) v;
                case "--num-val-samples" -> numValSamples = (Integer) v;
                case "--print-every" -> printEvery = (Integer) v;
                case "--divergence-factor" -> divergenceFactor = (Double) v;
                case "--out" -> out = (Path) v;
                case "--history-out" -> historyOut = (Path) v;
                case "--resume" -> resume = (Path) v;
                case "--init-params" -> initParams = (Path) v;
                case "--force" -> force = (Boolean) v;
                case "--quiet" -> quiet = (Boolean) v;
                case "--patience" -> patience = (Integer) v;
                case "--min-delta" -> minDelta = (Double) v;
                case "--diag-every" -> diagEvery = (Integer) v;
                case "--tensorboard" -> tensorboard = (String) v;
                default -> throw new IllegalArgumentException("no setting " + option);
            }
            return this;
        }

        /** Sets an option the user gave (for the checks that name what was given). */
        public Builder given(String option, String text) {
            set(option, text);
            typed.put(option, text);
            return this;
        }

        /** The options set by {@link #given}. */
        public Set<String> givenOptions() {
            return Collections.unmodifiableSet(typed.keySet());
        }

        /** Takes the data set's defaults for the options not given, and remembers which were taken. */
        public Builder dataDefaults() {
            Map<String, String> taken = new LinkedHashMap<>();
            TrainDefaults.forData(data, model).forEach((option, text) -> {
                if (!typed.containsKey(option)) {
                    set(option, text);
                    taken.put(option, text);
                }
            });
            dataDefaults = taken;
            return this;
        }

        /** {@code --lr}. */
        public Builder lr(double v) {
            return set("--lr", Double.toString(v));
        }

        /** {@code --reg}. */
        public Builder reg(double v) {
            return set("--reg", Double.toString(v));
        }

        /** {@code --hidden}. */
        public Builder hidden(List<Integer> sizes) {
            return set("--hidden", Format.value(sizes));
        }

        /** {@code --seed}. */
        public Builder seed(long v) {
            return set("--seed", Long.toString(v));
        }

        /** {@code --out}. */
        public Builder out(Path dir) {
            this.out = dir;
            return this;
        }

        /** {@code --quiet}. */
        public Builder quiet(boolean v) {
            this.quiet = v;
            return this;
        }

        /** {@code --force}. */
        public Builder force(boolean v) {
            this.force = v;
            return this;
        }

        /** The option's current value. */
        public Object get(String option) {
            return snapshot().get(option);
        }

        private TrainSettings snapshot() {
            return new TrainSettings(data, numTrain, dtype, seed, backend, model, hidden, numFilters, filterSize,
                    activation, batchnorm,
                    bnMomentum, bnEps, dropout, reg, weightScale, update, lr, lrDecay, momentum, beta1, beta2, epsilon,
                    decayRate, epochs, batchSize, numTrainSamples, numValSamples, printEvery, divergenceFactor, out,
                    historyOut, resume, initParams, force, quiet, patience, minDelta, diagEvery, tensorboard,
                    dataDefaults, typed);
        }

        /**
         * The settings, once the options fit together: the update rule's options belong to it, the layer
         * options to the model that has such layers.
         *
         * @throws UserError naming the options that do not fit
         */
        public TrainSettings build() {
            String[][] ruleOptions = {{"--momentum", "sgd_momentum"}, {"--beta1", "adam"}, {"--beta2", "adam"},
                    {"--epsilon", "rmsprop adam"}, {"--decay-rate", "rmsprop"}};
            for (String[] ro : ruleOptions) {
                if (get(ro[0]) != null && !List.of(ro[1].split(" ")).contains(update)) {
                    throw new UserError(ro[0] + " belongs to --update " + ro[1].replace(" ", " and ")
                            + ", but this run uses " + update + ".");
                }
            }
            if (model.equals("cnn") && (data.isToy()
                    || DatasetSpec.parse(data.text()).kind() == DatasetSpec.Kind.NPZ)) {
                // refused before any data are loaded: these rows never carry an image shape
                throw new UserError("--model cnn needs images, but --data " + data.text() + " holds rows without an "
                        + "image shape (C, H, W); use mnist-10k, mnist:DIR, fashion-mnist[:DIR] or cifar10:DIR.");
            }
            if (!model.equals("cnn")) {
                for (String o : new String[] {"--num-filters", "--filter-size"}) {
                    if (typed.containsKey(o)) {
                        throw new UserError(o + " belongs to --model cnn (this run trains " + model + ").");
                    }
                }
            }
            if (!model.equals("fc")) {
                if (hidden.size() != 1) {
                    throw new UserError("--model " + model + " has one hidden layer, but --hidden gave " + hidden.size()
                            + " sizes; use --model fc for deeper nets.");
                }
                for (String o : new String[] {"--batchnorm", "--dropout", "--bn-momentum", "--bn-eps"}) {
                    if (typed.containsKey(o)) {
                        throw new UserError(o + " belongs to --model fc (this run trains " + model + ").");
                    }
                }
            } else if (!batchnorm && (typed.containsKey("--bn-momentum") || typed.containsKey("--bn-eps"))) {
                throw new UserError((typed.containsKey("--bn-momentum") ? "--bn-momentum" : "--bn-eps")
                        + " sets the batchnorm layers of --batchnorm, which this run has not.");
            }
            if (!model.equals("mlp") && !activation.equals("relu")) {
                throw new UserError("--activation " + activation + " needs --model mlp (the others use relu).");
            }
            return snapshot();
        }
    }

    /**
     * Parses an option's text into the value {@link #get} returns, checking its range.
     *
     * @throws UserError naming the option and what it takes
     */
    public static Object parse(String option, String text) {
        String t = text == null ? "" : text.strip();
        return switch (option) {
            case "--data" -> {
                DataOption d = new DataOption(t);
                d.recorded(); // an unknown form is refused here
                yield d;
            }
            case "--num-train" -> t.equals("all") || t.equals("-1")
                    ? null
                    : (Integer) (int) Math.min(Integer.MAX_VALUE, atLeast(option, t, 1));
            case "--dtype" -> {
                try {
                    yield DType.parse(t);
                } catch (IllegalArgumentException e) {
                    throw new UserError("--dtype must be float64 or float32, got '" + t + "'.");
                }
            }
            case "--seed" -> {
                long s = integer(option, t);
                if (s < 0 || s > 0xffffffffL) {
                    throw new UserError("--seed must lie in 0 .. 4294967295 (NumPy's seeds), got " + t + ".");
                }
                yield s;
            }
            case "--backend" -> t.isEmpty() ? null : t;
            case "--model" -> {
                String m = t.toLowerCase(Locale.ROOT);
                if (!MODELS.contains(m)) {
                    throw new UserError(
                            "Unknown model '" + t + "': expected one of " + String.join(", ", MODELS) + ".");
                }
                yield m;
            }
            case "--hidden" -> {
                List<Integer> sizes = new ArrayList<>();
                for (String part : t.split(",", -1)) {
                    sizes.add((int) Math.min(Integer.MAX_VALUE, atLeast(option, part.strip(), 1)));
                }
                yield List.copyOf(sizes);
            }
            case "--activation" -> {
                try {
                    yield Activation.parse(t).label();
                } catch (IllegalArgumentException e) {
                    throw new UserError("--activation must be relu or sigmoid, got '" + t + "'.");
                }
            }
            case "--batchnorm", "--force", "--quiet" -> t.isEmpty() || Boolean.parseBoolean(t);
            case "--bn-momentum", "--dropout" -> within(option, t, 0, true, 1, true);
            case "--momentum", "--beta1", "--beta2", "--decay-rate" -> within(option, t, 0, true, 1, false);
            case "--lr-decay" -> within(option, t, 0, false, 1, true);
            case "--bn-eps", "--weight-scale", "--lr", "--epsilon" -> positive(option, t);
            case "--reg", "--divergence-factor", "--min-delta" ->
                within(option, t, 0, true, Double.POSITIVE_INFINITY, false);
            case "--update" -> {
                try {
                    yield UpdateRule.byName(t).name();
                } catch (IllegalArgumentException e) {
                    throw new UserError("--update must be sgd, sgd_momentum, rmsprop or adam, got '" + t + "'.");
                }
            }
            case "--filter-size" -> {
                long f = atLeast(option, t, 1);
                if (f % 2 == 0) {
                    throw new UserError("--filter-size must be odd (cs231n pads by (filter_size - 1) / 2 to keep "
                            + "the image size), got " + t + ".");
                }
                yield (int) Math.min(Integer.MAX_VALUE, f);
            }
            case "--epochs", "--batch-size", "--print-every", "--num-filters" ->
                (int) Math.min(Integer.MAX_VALUE, atLeast(option, t, 1));
            case "--num-train-samples", "--num-val-samples", "--patience", "--diag-every" ->
                (int) Math.min(Integer.MAX_VALUE, atLeast(option, t, 0));
            case "--out", "--history-out", "--resume", "--init-params" -> t.isEmpty() ? null : Path.of(t);
            case "--tensorboard" -> t;
            default -> throw new IllegalArgumentException("no setting " + option);
        };
    }

    private static long integer(String option, String t) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UserError(option + " takes a whole number, got '" + t + "'.");
        }
    }

    private static long atLeast(String option, String t, long min) {
        long v = integer(option, t);
        if (v < min) {
            throw new UserError(
                    option + " must be " + (min == 1 ? "positive" : "at least " + min) + ", got " + t + ".");
        }
        return v;
    }

    private static double number(String option, String t) {
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserError(option + " takes a finite number, got '" + t + "'.");
    }

    private static double positive(String option, String t) {
        double v = number(option, t);
        if (!(v > 0)) {
            throw new UserError(option + " must be positive, got " + t + ".");
        }
        return v;
    }

    private static double within(String option, String t, double lo, boolean loIn, double hi, boolean hiIn) {
        double v = number(option, t);
        boolean ok = (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
        if (!ok) {
            String range = hi == Double.POSITIVE_INFINITY
                    ? "non-negative"
                    : "in " + (loIn ? "[" : "(") + Format.number(lo) + ", " + Format.number(hi) + (hiIn ? "]" : ")");
            throw new UserError(option + " must be " + range + ", got " + t + ".");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ints(Object v) {
        return (List<Integer>) v;
    }
}
