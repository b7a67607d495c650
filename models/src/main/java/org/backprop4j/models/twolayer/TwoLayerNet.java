package org.backprop4j.models.twolayer;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Labels;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.WeightInit;
import org.backprop4j.random.NumpyRandom;

/**
 * The two-layer network of cs231n's {@code neural_net.py}: {@code input - fully connected - ReLU (or
 * sigmoid) - fully connected - softmax}, with parameters {@code W1, b1, W2, b2}.
 *
 * <p>Construction draws {@code W1} then {@code W2} as {@code std * randn} from the given generator,
 * the notebook's order, so {@code new NumpyRandom(0)} gives the notebook's toy model.
 */
public class TwoLayerNet implements Model {

    private final Backend backend;
    private final TwoLayerNetConfig config;
    private final Kernels kernels;
    private final Parameters params = new Parameters();
    private double reg;

    /** Builds the network, drawing its weights from {@code rng}. */
    public TwoLayerNet(Backend backend, TwoLayerNetConfig config, NumpyRandom rng) {
        this.backend = backend;
        this.config = config;
        this.kernels = backend.kernels();
        int d = config.inputSize();
        int h = config.hiddenSize();
        int c = config.numClasses();
        DType dtype = config.dtype();
        boolean byInput = config.layout() == Layout.INPUT_BY_OUTPUT;
        params.put("W1", WeightInit.randn(backend, dtype, rng, byInput ? d : h, byInput ? h : d, config.std()));
        params.put("b1", WeightInit.zeros(backend, dtype, h));
        params.put("W2", WeightInit.randn(backend, dtype, rng, byInput ? h : c, byInput ? c : h, config.std()));
        params.put("b2", WeightInit.zeros(backend, dtype, c));
    }

    /** The configuration this network was built with. */
    public TwoLayerNetConfig config() {
        return config;
    }

    /** Kind {@code two-layer} (or {@code mlp} for {@link TwoLayerMLP}) with the configuration and {@code reg}. */
    @Override
    public ModelSpec spec() {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("input_size", Integer.toString(config.inputSize()));
        p.put("hidden_size", Integer.toString(config.hiddenSize()));
        p.put("num_classes", Integer.toString(config.numClasses()));
        p.put("std", Double.toString(config.std()));
        p.put("activation", config.activation().label());
        p.put("layout", config.layout().name());
        p.put("regularization", config.regularization().label());
        p.put("dtype", config.dtype().numpyName());
        p.put("reg", Double.toString(reg));
        return new ModelSpec(kind(), p);
    }

    /** The kind name in {@link #spec()}. */
    protected String kind() {
        return "two-layer";
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

    /** The regularization strength used by {@link #loss(Matrix, int[])} (the Solver's entry point). */
    public double reg() {
        return reg;
    }

    /** Sets the regularization strength used by {@link #loss(Matrix, int[])}. */
    public void setReg(double reg) {
        this.reg = reg;
    }

    /** Class scores of shape (N, C) for inputs of shape (N, D): the Python {@code net.loss(X)}. */
    @Override
    public Matrix scores(Matrix x) {
        return forward(x).scores;
    }

    @Override
    public LossGrads loss(Matrix x, int[] y) {
        return loss(x, y, reg);
    }

    /**
     * Loss and gradients for a minibatch, the Python {@code net.loss(X, y, reg)}: softmax loss plus
     * the configured regularization of W1 and W2.
     *
     * @param x   inputs, shape (N, D)
     * @param y   labels in [0, C), length N
     * @param reg regularization strength
     */
    public LossGrads loss(Matrix x, int[] y, double reg) {
        Pass pass = forward(x);
        LossResult data = kernels.softmaxLoss(pass.scores, y);
        Matrix w1 = params.get("W1");
        Matrix w2 = params.get("W2");
        double loss = data.loss() + config.regularization().penalty(w1, reg)
                + config.regularization().penalty(w2, reg);

        AffineGrads fc2 = affineBackward(data.dx(), pass.fc2, true);
        AffineGrads fc1;
        if (pass.affineRelu != null) {
            // affine_relu_backward: a backend may fuse the ReLU mask with the bias gradient
            fc1 = kernels.affineReluBackward(fc2.dx(), pass.affineRelu, false);
        } else {
            Matrix dh = config.activation() == Activation.RELU
                    ? kernels.reluBackward(fc2.dx(), pass.relu)
                    : kernels.sigmoidBackward(fc2.dx(), pass.sigmoid);
            fc1 = affineBackward(dh, pass.fc1, false);
        }
        config.regularization().addGradient(fc1.dw(), w1, reg);
        config.regularization().addGradient(fc2.dw(), w2, reg);

        Parameters grads = new Parameters();
        grads.put("W1", fc1.dw());
        grads.put("b1", fc1.db());
        grads.put("W2", fc2.dw());
        grads.put("b2", fc2.db());
        return new LossGrads(loss, grads);
    }

    /**
     * Minibatch SGD as cs231n's {@code TwoLayerNet.train}: each iteration draws
     * {@code np.random.choice(num_train, batch_size)} from {@code rng}, steps every parameter by
     * {@code -learning_rate * grad}, and whenever {@code it % iterations_per_epoch == 0} (with
     * {@code iterations_per_epoch = max(num_train / batch_size, 1)} as a float) records the minibatch
     * and validation accuracy and multiplies the learning rate by the decay.
     *
     * @throws NonFiniteLossException naming the iteration if the loss becomes NaN or infinite
     */
    public TrainStats train(Matrix x, int[] y, Matrix xVal, int[] yVal, TrainOptions options, NumpyRandom rng) {
        int numTrain = x.rows();
        double iterationsPerEpoch = Math.max((double) numTrain / options.batchSize(), 1.0);
        double learningRate = options.learningRate();
        double[] lossHistory = new double[options.numIters()];
        java.util.List<Double> trainAcc = new java.util.ArrayList<>();
        java.util.List<Double> valAcc = new java.util.ArrayList<>();
        for (int it = 0; it < options.numIters(); it++) {
            int[] batch = rng.choice(numTrain, options.batchSize());
            Matrix xBatch = x.gatherRows(batch);
            int[] yBatch = Labels.gather(y, batch);
            LossGrads lg = lossAt(it, xBatch, yBatch, options.reg(), learningRate);
            lossHistory[it] = lg.loss();
            for (String name : params.names()) {
                params.get(name).axpy(-learningRate, lg.grads().get(name));
            }
            if (options.verbose() && it % 100 == 0) {
                options.log().accept(String.format("iteration %d / %d: loss %f", it, options.numIters(), lg.loss()));
            }
            if (it % iterationsPerEpoch == 0) {
                trainAcc.add(Accuracy.of(predict(xBatch), yBatch));
                valAcc.add(Accuracy.of(predict(xVal), yVal));
                learningRate *= options.learningRateDecay();
            }
        }
        return new TrainStats(lossHistory, Labels.toArray(trainAcc), Labels.toArray(valAcc), new double[0]);
    }

    /** The loss at one training iteration, with a message naming the iteration if it is not finite. */
    LossGrads lossAt(int iteration, Matrix xBatch, int[] yBatch, double reg, double learningRate) {
        try {
            LossGrads lg = loss(xBatch, yBatch, reg);
            if (!Double.isFinite(lg.loss())) {
                throw new NonFiniteLossException("loss is " + lg.loss());
            }
            return lg;
        } catch (NonFiniteLossException e) {
            throw new NonFiniteLossException("Training diverged at iteration " + iteration + " (" + e.getMessage()
                    + "); try a smaller learning rate than " + learningRate + ".");
        }
    }

    // ------------------------------------------------------------------ passes

    /** The forward pass with its caches. */
    private Pass forward(Matrix x) {
        Pass p = new Pass();
        if (config.activation() == Activation.RELU && config.layout() == Layout.INPUT_BY_OUTPUT) {
            // affine_relu_forward, as cs231n's layer_utils: a backend may fuse the bias and the ReLU
            Forward<AffineReluCache> h = kernels.affineReluForward(x, params.get("W1"), params.get("b1"));
            p.affineRelu = h.cache();
            Forward<AffineCache> fc2 = affineForward(h.out(), params.get("W2"), params.get("b2"));
            p.fc2 = fc2.cache();
            p.scores = fc2.out();
            return p;
        }
        Forward<AffineCache> fc1 = affineForward(x, params.get("W1"), params.get("b1"));
        p.fc1 = fc1.cache();
        Matrix hidden;
        if (config.activation() == Activation.RELU) {
            Forward<ReluCache> r = kernels.reluForward(fc1.out());
            p.relu = r.cache();
            hidden = r.out();
        } else {
            Forward<SigmoidCache> s = kernels.sigmoidForward(fc1.out());
            p.sigmoid = s.cache();
            hidden = s.out();
        }
        Forward<AffineCache> fc2 = affineForward(hidden, params.get("W2"), params.get("b2"));
        p.fc2 = fc2.cache();
        p.scores = fc2.out();
        return p;
    }

    private Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        if (config.layout() == Layout.INPUT_BY_OUTPUT) {
            return kernels.affineForward(x, w, b);
        }
        // nndl layout: w is (M, D), so out = x · wᵀ + b
        return new Forward<>(x.dotTranspose(w).addRowVector(b), new AffineCache(x, w, b));
    }

    /** The affine backward pass; {@code dx} only when {@code inputGradient} (the first layer needs none). */
    private AffineGrads affineBackward(Matrix dout, AffineCache cache, boolean inputGradient) {
        if (config.layout() == Layout.INPUT_BY_OUTPUT) {
            return kernels.affineBackward(dout, cache, inputGradient);
        }
        return new AffineGrads(inputGradient ? dout.dot(cache.w()) : null, dout.transposeDot(cache.x()), dout.sum(0));
    }

    private static final class Pass {
        AffineReluCache affineRelu;
        AffineCache fc1;
        ReluCache relu;
        SigmoidCache sigmoid;
        AffineCache fc2;
        Matrix scores;
    }
}
