package org.backprop4j.models.twolayer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.ActivationSink;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.WeightInit;
import org.backprop4j.random.NumpyRandom;

/**
 * What the notebooks' three two-layer nets have in common, and nothing else: the parameters
 * {@code W1, b1, W2, b2} drawn in the notebooks' order, the regularization strength, the checkpoint spec,
 * and the plain SGD step of their {@code train} methods. Each net writes its own {@code loss}.
 */
public abstract sealed class TwoLayerModel implements Model permits TwoLayerNet, NndlTwoLayerNet, TwoLayerMLP {

    /** The backend's kernels, through which every net's layers run. */
    protected final Kernels kernels;
    private final Backend backend;
    private final TwoLayerNetConfig config;
    private final Parameters params = new Parameters();
    private final String kind;
    private final Activation activation;
    private final Layout layout;
    private final Regularization regularization;
    private double reg;
    private ActivationSink activationSink;

    /**
     * Draws {@code W1} then {@code W2} as {@code std * np.random.randn}, stored as {@code layout} says, and
     * zero biases, so {@code new NumpyRandom(0)} gives the notebooks' toy models.
     *
     * @param kind the {@link ModelSpec#kind()}; {@code activation}, {@code layout} and {@code regularization}
     *             are what this net is, recorded in its spec so a checkpoint rebuilds the same net
     */
    TwoLayerModel(String kind, Backend backend, TwoLayerNetConfig config, Activation activation, Layout layout,
            Regularization regularization, NumpyRandom rng) {
        this.backend = backend;
        this.kernels = backend.kernels();
        this.config = config;
        this.kind = kind;
        this.activation = activation;
        this.layout = layout;
        this.regularization = regularization;
        int d = config.inputSize();
        int h = config.hiddenSize();
        int c = config.numClasses();
        boolean byInput = layout == Layout.INPUT_BY_OUTPUT;
        params.put("W1",
                WeightInit.randn(backend, config.dtype(), rng, byInput ? d : h, byInput ? h : d, config.std()));
        params.put("b1", WeightInit.zeros(backend, config.dtype(), h));
        params.put("W2",
                WeightInit.randn(backend, config.dtype(), rng, byInput ? h : c, byInput ? c : h, config.std()));
        params.put("b2", WeightInit.zeros(backend, config.dtype(), c));
    }

    /** The configuration this network was built with. */
    public TwoLayerNetConfig config() {
        return config;
    }

    /**
     * The kind with the configuration and {@code reg}: {@code input_size, hidden_size, num_classes, std,
     * activation, layout, regularization, dtype, reg}, as checkpoints have recorded them since format version 1.
     */
    @Override
    public ModelSpec spec() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("input_size", Integer.toString(config.inputSize()));
        p.put("hidden_size", Integer.toString(config.hiddenSize()));
        p.put("num_classes", Integer.toString(config.numClasses()));
        p.put("std", Double.toString(config.std()));
        p.put("activation", activation.label());
        p.put("layout", layout.name());
        p.put("regularization", regularization.label());
        p.put("dtype", config.dtype().numpyName());
        p.put("reg", Double.toString(reg));
        return new ModelSpec(kind, p);
    }

    /** The hidden layer's nonlinearity. */
    public Activation activation() {
        return activation;
    }

    /** How {@code loss} penalises W1 and W2. */
    public Regularization regularization() {
        return regularization;
    }

    @Override
    public Parameters params() {
        return params;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return config.dtype();
    }

    @Override
    public void observeActivations(ActivationSink sink) {
        this.activationSink = sink;
    }

    /** Hands the hidden layer's output of a training forward pass to the sink, if one is set. */
    void observed(Matrix hidden) {
        if (activationSink != null) {
            activationSink.hidden(1, activation.label(), hidden);
        }
    }

    /** The regularization strength used by {@link #loss(Matrix, int[])} (the Solver's entry point). */
    public double reg() {
        return reg;
    }

    /** Sets the regularization strength used by {@link #loss(Matrix, int[])}. */
    public void setReg(double reg) {
        this.reg = reg;
    }

    @Override
    public LossGrads loss(Matrix x, int[] y) {
        return loss(x, y, reg);
    }

    /**
     * Loss and gradients for a minibatch, the Python {@code net.loss(X, y, reg)}.
     *
     * @param x   inputs, shape (N, D)
     * @param y   labels in [0, C), length N
     * @param reg regularization strength
     */
    public abstract LossGrads loss(Matrix x, int[] y, double reg);

    /**
     * What every notebook's {@code loss} ends with: {@code loss = data_loss} plus this net's penalty of W1 and
     * W2, and the penalty's gradient added to {@code dW1} and {@code dW2}; the gradients in the parameters' order.
     */
    LossGrads regularized(LossResult data, AffineGrads fc1, AffineGrads fc2, double reg) {
        Matrix w1 = params.get("W1");
        Matrix w2 = params.get("W2");
        regularization.addGradient(fc1.dw(), w1, reg);
        regularization.addGradient(fc2.dw(), w2, reg);
        double loss = data.loss() + regularization.penalty(w1, reg) + regularization.penalty(w2, reg);
        Parameters grads = new Parameters();
        grads.put("W1", fc1.dw());
        grads.put("b1", fc1.db());
        grads.put("W2", fc2.dw());
        grads.put("b2", fc2.db());
        return new LossGrads(loss, grads);
    }

    /**
     * One iteration of the notebooks' {@code train}: the minibatch's loss and gradients, then
     * {@code self.params[param] -= learning_rate * grads[param]} for every parameter.
     *
     * @throws NonFiniteLossException naming the iteration if the loss is NaN or infinite
     */
    LossGrads sgdStep(int iteration, Matrix xBatch, int[] yBatch, double reg, double learningRate) {
        LossGrads lg;
        try {
            lg = loss(xBatch, yBatch, reg);
            if (!Double.isFinite(lg.loss())) {
                throw new NonFiniteLossException("loss is " + lg.loss());
            }
        } catch (NonFiniteLossException e) {
            throw new NonFiniteLossException("Training diverged at iteration " + iteration + " (" + e.getMessage()
                    + "); try a smaller learning rate than " + learningRate + ".");
        }
        for (String name : params.names()) {
            params.get(name).axpy(-learningRate, lg.grads().get(name));
        }
        return lg;
    }
}
