package org.backprop4j.solver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Labels;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.catalog.ModelCatalog;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.checkpoint.Checkpoint;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.OptimState;
import org.backprop4j.solver.checkpoint.Tensor;
import org.backprop4j.solver.optim.OptimConfig;

/**
 * cs231n's {@code Solver}: trains a {@link Model} with minibatch gradient descent and an update rule,
 * records {@code loss_history}, {@code train_acc_history} and {@code val_acc_history}, keeps the
 * parameters of the best validation accuracy and restores them at the end.
 *
 * <p>Randomness comes from the {@link NumpyRandom} given to the constructor, consumed exactly when
 * and as the Python Solver consumes {@code np.random}: {@code choice(num_train, batch_size)} per step
 * and {@code choice(N, num_samples)} per subsampled accuracy check. Seed it, build the model with it,
 * then train, and a float64 run retraces the Python run.
 *
 * <p>Unlike the Python Solver it stops a run that diverges ({@link TrainingDivergedException}): when a
 * minibatch loss is NaN or infinite, when it exceeds {@link SolverOptions#divergenceFactor()} times the loss
 * of the run's first iteration, or when an update leaves a parameter NaN or infinite. So no epoch check,
 * and no checkpoint, ever sees non-finite parameters.
 */
public final class Solver {

    private final Model model;
    private final TrainingData data;
    private final SolverOptions options;
    private final NumpyRandom rng;
    private final Map<String, OptimConfig> optimConfigs = new LinkedHashMap<>();
    private final List<SolverListener> listeners = new ArrayList<>();

    private Map<String, String> metadata = Map.of();
    private String stopReason;
    private int epoch;
    private int iteration;
    private double bestValAcc;
    private int bestIteration;
    private Parameters bestParams;
    private Parameters bestBuffers;
    private final List<Double> lossHistory = new ArrayList<>();
    private final List<Double> trainAccHistory = new ArrayList<>();
    private final List<Double> valAccHistory = new ArrayList<>();

    /** A solver at the start of training ({@code _reset}). */
    public Solver(Model model, TrainingData data, SolverOptions options, NumpyRandom rng) {
        this.model = model;
        this.data = data;
        this.options = options;
        this.rng = rng;
        for (String name : model.params().names()) {
            optimConfigs.put(name, new OptimConfig(options.optimConfig()));
        }
        this.bestParams = model.params().copy();
        this.bestBuffers = model.buffers().copy();
        if (data.xTrain().cols() != data.xVal().cols()) {
            throw new IllegalArgumentException("training and validation inputs differ in width.");
        }
    }

    /**
     * What the caller wants every checkpoint of this run to record about it (for the CLI: the data set, the
     * backend, the seed), as text properties; {@link #resume} restores it.
     */
    public Solver metadata(Map<String, String> properties) {
        this.metadata = Map.copyOf(properties);
        return this;
    }

    /** The run's metadata (see {@link #metadata(Map)}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Where {@link #train()} prints its progress when the options are {@code verbose}, as cs231n's Solver
     * prints it: {@code (Iteration 1 / 40) loss: 2.344782} every {@code print_every} iterations and
     * {@code (Epoch 0 / 20) train acc: 0.340000; val acc: 0.123000} at every accuracy check. Without a
     * sink the Solver prints nothing; with {@code verbose} false it ignores the sink.
     */
    public Solver printTo(Consumer<String> sink) {
        if (options.verbose()) {
            listeners.add(SolverListener.printing(sink, options.printEvery()));
        }
        return this;
    }

    /** Adds a progress listener; listeners hear each event in the order they were added. */
    public Solver addListener(SolverListener l) {
        listeners.add(l);
        return this;
    }

    /** {@code max(num_train // batch_size, 1)}. */
    public int iterationsPerEpoch() {
        return Math.max(data.xTrain().rows() / options.batchSize(), 1);
    }

    /** {@code num_epochs * iterations_per_epoch}. */
    public int numIterations() {
        return options.numEpochs() * iterationsPerEpoch();
    }

    /**
     * Asks the run to stop after the current iteration (for a listener, e.g. early stopping): {@link #train()}
     * finishes that iteration and its accuracy check if one is due, tells the listeners, restores the best
     * parameters and returns. The first reason given is kept.
     *
     * @param reason why, one sentence (recorded by the caller, e.g. in a run's {@code run.json})
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why the last {@link #train()} stopped before its last iteration, or null if it ran to the end. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Runs the optimization from where it stands (the start, or a restored checkpoint) to the last
     * iteration, or until a listener asks it to {@link #requestStop stop}, then sets the model's parameters to
     * the best ones found. Listeners hear {@link SolverListener#onTrainBegin}, then per epoch
     * {@link SolverListener#onEpochBegin}, per iteration {@link SolverListener#onIterationBegin}, the
     * iteration's gradients and its end, the accuracy checks, and {@link SolverListener#onTrainEnd} once the
     * best parameters are back (not when the run diverges).
     *
     * @throws TrainingDivergedException naming the iteration if the run diverges (see the class comment); the
     *                                   histories then end at the diverging iteration (its loss included if finite)
     */
    public void train() {
        int perEpoch = iterationsPerEpoch();
        int numIterations = numIterations();
        long start = System.nanoTime();
        stopReason = null;
        for (SolverListener l : listeners) {
            l.onTrainBegin(iteration, numIterations);
        }
        for (int t = iteration; t < numIterations && stopReason == null; t++) {
            if (t % perEpoch == 0) {
                for (SolverListener l : listeners) {
                    l.onEpochBegin(epoch, options.numEpochs());
                }
            }
            for (SolverListener l : listeners) {
                l.onIterationBegin(t + 1, numIterations);
            }
            double loss = step(t);
            iteration = t + 1;
            for (SolverListener l : listeners) {
                l.onIteration(t + 1, numIterations, loss, epoch, System.nanoTime() - start);
            }
            boolean epochEnd = (t + 1) % perEpoch == 0;
            if (epochEnd) {
                epoch++;
                for (OptimConfig c : optimConfigs.values()) {
                    // every rule has set its learning_rate default during the first step, as setdefault does
                    c.set("learning_rate", c.get("learning_rate") * options.lrDecay());
                }
            }
            if (t == 0 || t == numIterations - 1 || epochEnd) {
                double trainAcc = checkAccuracy(data.xTrain(), data.yTrain(), options.numTrainSamples(), 100);
                double valAcc = checkAccuracy(data.xVal(), data.yVal(), options.numValSamples(), 100);
                trainAccHistory.add(trainAcc);
                valAccHistory.add(valAcc);
                boolean improved = valAcc > bestValAcc;
                if (improved) {
                    bestValAcc = valAcc;
                    bestIteration = iteration;
                    bestParams = model.params().copy();
                    bestBuffers = model.buffers().copy();
                }
                if (options.checkpointName() != null) {
                    saveCheckpoint(Path.of(options.checkpointName() + "_epoch_" + epoch + ".ckpt"));
                }
                for (SolverListener l : listeners) {
                    l.onEpoch(epoch, options.numEpochs(), trainAcc, valAcc, improved, System.nanoTime() - start);
                }
            }
        }
        model.params().assign(bestParams);
        for (SolverListener l : listeners) {
            l.onTrainEnd(iteration, numIterations, stopReason);
        }
    }

    /** One gradient step ({@code _step}); returns the minibatch loss. */
    private double step(int t) {
        int numTrain = data.xTrain().rows();
        int[] batch = rng.choice(numTrain, options.batchSize());
        Matrix xBatch = data.xTrain().gatherRows(batch);
        int[] yBatch = Labels.gather(data.yTrain(), batch);
        LossGrads lg;
        try {
            lg = model.loss(xBatch, yBatch);
        } catch (NonFiniteLossException e) {
            throw diverged(t, Double.NaN, e.getMessage().replaceAll("\\.$", ""));
        }
        double loss = lg.loss();
        if (!Double.isFinite(loss)) {
            throw diverged(t, loss, "the loss is " + loss);
        }
        double factor = options.divergenceFactor();
        boolean exploded = factor > 0 && !lossHistory.isEmpty() && loss > factor * lossHistory.get(0);
        lossHistory.add(loss);
        if (exploded) {
            throw diverged(t, loss, String.format(Locale.ROOT, "the loss %.3e is more than %s times the first "
                    + "iteration's %.4g", loss, shortest(factor), lossHistory.get(0)));
        }
        for (SolverListener l : listeners) {
            l.onGradients(t + 1, lg.grads());
        }
        for (String name : model.params().names()) {
            options.updateRule().update(model.params().get(name), lg.grads().get(name), optimConfigs.get(name));
        }
        for (String name : model.params().names()) {
            if (!model.params().get(name).allFinite()) {
                throw diverged(t, loss, "the update left " + name + " with NaN or infinite values");
            }
        }
        return loss;
    }

    private TrainingDivergedException diverged(int t, double loss, String why) {
        // the learning rate the run was given, not the decayed one
        Double lr = options.optimConfig().get("learning_rate");
        return new TrainingDivergedException("Training diverged at iteration " + (t + 1) + " of " + numIterations()
                + " (epoch " + epoch + "): " + why + "; try a smaller learning rate"
                + (lr == null ? "" : " than " + lr) + ".", t + 1, numIterations(), epoch, loss, why);
    }

    private static String shortest(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * {@code check_accuracy(X, y, num_samples, batch_size)}: the accuracy of the model's predictions,
     * on a sample of {@code numSamples} rows drawn with {@code choice(N, num_samples)} when
     * {@code 0 < numSamples < N}, predicted in batches of {@code batchSize}.
     */
    public double checkAccuracy(Matrix x, int[] y, int numSamples, int batchSize) {
        boolean subsample = numSamples > 0 && x.rows() > numSamples;
        int[] mask = subsample ? rng.choice(x.rows(), numSamples) : null;
        Matrix xs = subsample ? x.gatherRows(mask) : x;
        int[] ys = subsample ? Labels.gather(y, mask) : y;
        int n = xs.rows();
        int numBatches = n / batchSize + (n % batchSize != 0 ? 1 : 0);
        // y_pred = np.hstack([np.argmax(model.loss(X[start:end]), axis=1) for each batch])
        int[] yPred = IntStream.range(0, numBatches)
                .mapToObj(i -> model.predict(xs.gatherRows(IntStream.range(i * batchSize,
                        Math.min((i + 1) * batchSize, n)).toArray())))
                .flatMapToInt(IntStream::of).toArray();
        return Accuracy.of(yPred, ys);
    }

    // ------------------------------------------------------------------ results

    /** The trained model. */
    public Model model() {
        return model;
    }

    /** The options. */
    public SolverOptions options() {
        return options;
    }

    /** Loss of every iteration so far. */
    public double[] lossHistory() {
        return lossHistory.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Training accuracy at every check. */
    public double[] trainAccHistory() {
        return trainAccHistory.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Validation accuracy at every check. */
    public double[] valAccHistory() {
        return valAccHistory.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The best validation accuracy so far. */
    public double bestValAcc() {
        return bestValAcc;
    }

    /** A copy of the parameters of the best validation accuracy. */
    public Parameters bestParams() {
        return bestParams.copy();
    }

    /** A copy of the buffers (batchnorm running statistics) when the best validation accuracy was measured. */
    public Parameters bestBuffers() {
        return bestBuffers.copy();
    }

    /** The iteration after which the best validation accuracy was measured (0: before training). */
    public int bestIteration() {
        return bestIteration;
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Iterations completed. */
    public int iteration() {
        return iteration;
    }

    /** The optimizer config of one parameter. */
    public OptimConfig optimConfig(String param) {
        OptimConfig c = optimConfigs.get(param);
        if (c == null) {
            throw new IllegalArgumentException("no parameter named '" + param + "': " + optimConfigs.keySet() + ".");
        }
        return c;
    }

    // ------------------------------------------------------------------ checkpoints

    /** Writes the complete training state to {@code file}, atomically. */
    public void saveCheckpoint(Path file) {
        write(file, checkpoint(true));
    }

    /**
     * Writes the best model to {@code file}: the parameters and buffers of the best validation accuracy.
     * While they are the current ones (the best was just found) this is {@link #saveCheckpoint}; later it
     * is a checkpoint for evaluation only ({@link Checkpoint#trainingState()} false), which {@link #resume}
     * refuses.
     */
    public void saveBestCheckpoint(Path file) {
        write(file, checkpoint(bestIteration == iteration));
    }

    private Checkpoint checkpoint(boolean trainingState) {
        Map<String, OptimState> optim = new LinkedHashMap<>();
        optimConfigs.forEach((name, c) -> {
            Map<String, Tensor> state = new LinkedHashMap<>();
            c.stateMatrices().forEach((k, m) -> state.put(k, Tensor.of(m)));
            optim.put(name, new OptimState(c.hyperParameters(), c.t(), state));
        });
        return new Checkpoint(model.spec(), options.toProperties(), metadata, epoch, iteration, bestValAcc,
                bestIteration, trainingState, lossHistory(), trainAccHistory(), valAccHistory(), rng.getState(),
                tensors(trainingState ? model.params() : bestParams), tensors(bestParams),
                tensors(trainingState ? model.buffers() : bestBuffers), tensors(bestBuffers), optim);
    }

    private static void write(Path file, Checkpoint ck) {
        try {
            CheckpointFile.write(file, ck);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A solver that continues the run saved in {@code file}: the model is rebuilt on {@code backend}
     * from the checkpoint's architecture, its parameters, buffers and optimizer state are restored,
     * and so are the histories and the generator, so {@link #train()} continues the same trajectory.
     *
     * @param numEpochs the run's total epochs, or 0 to keep the checkpoint's
     * @throws IOException if the file cannot be read or is not a valid checkpoint
     * @throws IllegalArgumentException if the data do not fit the checkpoint's model, or the file holds a best
     *                                  model rather than a training state
     */
    public static Solver resume(Path file, Backend backend, TrainingData data, int numEpochs) throws IOException {
        Checkpoint ck = CheckpointFile.read(file);
        SolverOptions opts = SolverOptions.fromProperties(ck.solverOptions());
        if (numEpochs > 0) {
            opts = opts.toBuilder().numEpochs(numEpochs).build();
        }
        return resume(ck, file, backend, data, opts);
    }

    /**
     * A solver that continues the run of {@code ck} (read from {@code file}) with {@code options}: normally
     * the checkpoint's own ({@code SolverOptions.fromProperties(ck.solverOptions())}), with more epochs or
     * another divergence factor; options that change the arithmetic leave the recorded trajectory.
     *
     * @throws IllegalArgumentException if the data do not fit the checkpoint's model, or {@code ck} holds a
     *                                  best model rather than a training state
     */
    public static Solver resume(Checkpoint ck, Path file, Backend backend, TrainingData data, SolverOptions options) {
        if (!ck.trainingState()) {
            throw new IllegalArgumentException(file + " holds the best model of its run (from iteration "
                    + ck.bestIteration() + "), not a training state to continue from; resume from the run's last "
                    + "checkpoint.");
        }
        NumpyRandom rng = new NumpyRandom(0);
        Model model = ModelCatalog.create(backend, ck.model(), rng);
        load(model.params(), ck.params(), backend, file, "parameter");
        load(model.buffers(), ck.buffers(), backend, file, "buffer");
        Solver s = new Solver(model, data, options, rng);
        rng.setState(ck.rng());
        s.metadata = Map.copyOf(ck.metadata());
        s.epoch = ck.epoch();
        s.iteration = ck.iteration();
        s.bestValAcc = ck.bestValAcc();
        s.bestIteration = ck.bestIteration();
        Parameters best = model.params().copy();
        load(best, ck.bestParams(), backend, file, "best parameter");
        s.bestParams = best;
        Parameters bestBuffers = model.buffers().copy();
        load(bestBuffers, ck.bestBuffers(), backend, file, "best buffer");
        s.bestBuffers = bestBuffers;
        for (double v : ck.lossHistory()) {
            s.lossHistory.add(v);
        }
        for (double v : ck.trainAccHistory()) {
            s.trainAccHistory.add(v);
        }
        for (double v : ck.valAccHistory()) {
            s.valAccHistory.add(v);
        }
        ck.optim().forEach((name, st) -> {
            OptimConfig c = s.optimConfig(name);
            st.hyperParameters().forEach(c::set);
            c.setT(st.t());
            st.state().forEach((k, t) -> c.putState(k, t.toMatrix(backend, model.dtype())));
        });
        return s;
    }

    /** Loads a checkpoint's parameters into {@code model} (for evaluation and prediction). */
    public static Model loadModel(Path file, Backend backend) throws IOException {
        Checkpoint ck = CheckpointFile.read(file);
        Model model = ModelCatalog.create(backend, ck.model(), new NumpyRandom(0));
        load(model.params(), ck.params(), backend, file, "parameter");
        load(model.buffers(), ck.buffers(), backend, file, "buffer");
        return model;
    }

    private static void load(Parameters target, Map<String, Tensor> source, Backend backend, Path file, String what) {
        if (!source.keySet().equals(new LinkedHashSet<>(target.names()))) {
            throw new IllegalArgumentException("checkpoint " + file + " holds " + what + "s " + source.keySet()
                    + " but the model has " + target.names() + ".");
        }
        source.forEach((name, t) -> {
            Matrix m = target.get(name);
            if (m.rows() != t.rows() || m.cols() != t.cols()) {
                throw new IllegalArgumentException("checkpoint " + file + ": " + what + " " + name + " has shape "
                        + t.shape() + " but the model's has shape " + m.shape() + ".");
            }
            m.assign(t.toMatrix(backend, m.dtype()));
        });
    }

    private static Map<String, Tensor> tensors(Parameters p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, Tensor.of(v)));
        return out;
    }
}
