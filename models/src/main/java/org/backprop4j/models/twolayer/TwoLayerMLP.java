package org.backprop4j.models.twolayer;

import java.util.Arrays;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Labels;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Regularization;
import org.backprop4j.random.NumpyRandom;

/**
 * Seed 002's {@code TwoLayerMLP} ({@code mlp.py}): {@code z1 = X·W1 + b1}, a ReLU or sigmoid hidden layer,
 * {@code scores = hidden·W2 + b2}, {@code W1} (D, H), loss {@code data_loss + 0.5 * reg * (ΣW1² + ΣW2²)}
 * (or, for the notebook's question 3.2, {@code reg·Σ|W|}), and training by epochs over a fixed permutation
 * per epoch that records ‖∇W1‖ every iteration (the notebook's plot showing sigmoid saturating).
 */
public final class TwoLayerMLP extends TwoLayerModel {

    /** The seed the notebook's {@code train} reseeds the generator with before its first epoch. */
    public static final long TRAIN_SEED = 1;

    /** {@code TwoLayerMLP(input_size, hidden_size, output_size, std, activation)}, drawing W1 then W2 from {@code rng}. */
    public TwoLayerMLP(Backend backend, TwoLayerNetConfig config, Activation activation, NumpyRandom rng) {
        this(backend, config, activation, Regularization.L2_HALF, rng);
    }

    /** As {@link #TwoLayerMLP(Backend, TwoLayerNetConfig, Activation, NumpyRandom)}, penalising the weights by {@code regularization}. */
    public TwoLayerMLP(Backend backend, TwoLayerNetConfig config, Activation activation, Regularization regularization,
            NumpyRandom rng) {
        super("mlp", backend, config, activation, Layout.INPUT_BY_OUTPUT, regularization, rng);
    }

    /** Class scores of shape (N, C) for inputs of shape (N, D): the Python {@code net.loss(X)}. */
    @Override
    public Matrix scores(Matrix x) {
        return forward(x).scores().out();
    }

    /** {@code net.loss(X, y, reg)}: softmax loss plus the regularization of W1 and W2. */
    @Override
    public LossGrads loss(Matrix x, int[] y, double reg) {
        Pass pass = forward(x);
        observed(pass.hidden());
        LossResult data = kernels.softmaxLoss(pass.scores().out(), y);

        AffineGrads fc2 = kernels.affineBackward(data.dx(), pass.scores().cache(), true);
        Matrix dz1 = switch (activation()) {
            case RELU -> kernels.reluBackward(fc2.dx(), new ReluCache(pass.z1().out()));          // dhidden * (z1 > 0)
            case SIGMOID -> kernels.sigmoidBackward(fc2.dx(), new SigmoidCache(pass.hidden())); // dhidden * hidden * (1 - hidden)
        };
        AffineGrads fc1 = kernels.affineBackward(dz1, pass.z1().cache(), false);
        return regularized(data, fc1, fc2, reg);
    }

    /** The forward pass with its caches: {@code z1}, {@code hidden = f(z1)}, {@code scores}. */
    private record Pass(Forward<AffineCache> z1, Matrix hidden, Forward<AffineCache> scores) {
    }

    private Pass forward(Matrix x) {
        Forward<AffineCache> z1 = kernels.affineForward(x, params().get("W1"), params().get("b1"));
        Matrix hidden = switch (activation()) {
            case RELU -> kernels.reluForward(z1.out()).out();       // np.maximum(0, z1)
            case SIGMOID -> kernels.sigmoidForward(z1.out()).out(); // 1 / (1 + np.exp(-z1))
        };
        return new Pass(z1, hidden, kernels.affineForward(hidden, params().get("W2"), params().get("b2")));
    }

    /**
     * The notebook's {@code train(X, y, X_val, y_val, learning_rate, learning_rate_decay, reg,
     * num_epochs, batch_size)}: reseeds {@code rng} with {@link #TRAIN_SEED} (as the notebook does),
     * then per epoch draws {@code np.random.permutation(num_train)} and steps through
     * {@code max(int(num_train / batch_size), 1)} minibatches of it; after each epoch records the last
     * minibatch's and the validation accuracy and decays the learning rate.
     *
     * @param options {@code numIters} is the number of epochs
     * @throws org.backprop4j.kernel.NonFiniteLossException naming the iteration if the loss becomes NaN or infinite
     */
    public TrainStats train(Matrix x, int[] y, Matrix xVal, int[] yVal, TrainOptions options, NumpyRandom rng) {
        int numTrain = x.rows();
        int batchSize = options.batchSize();
        int iterationsPerEpoch = Math.max(numTrain / batchSize, 1);
        int numEpochs = options.numIters();
        double learningRate = options.learningRate();
        double[] lossHistory = new double[numEpochs * iterationsPerEpoch];
        double[] gradMagnitude = new double[lossHistory.length];
        double[] trainAcc = new double[numEpochs];
        double[] valAcc = new double[numEpochs];
        rng.seed(TRAIN_SEED);
        int step = 0;
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            int[] perm = rng.permutation(numTrain);
            Matrix xBatch = null;
            int[] yBatch = null;
            for (int it = 0; it < iterationsPerEpoch; it++) {
                int[] idx = Arrays.copyOfRange(perm, it * batchSize, Math.min((it + 1) * batchSize, numTrain));
                xBatch = x.gatherRows(idx);
                yBatch = Labels.gather(y, idx);
                LossGrads lg = sgdStep(step, xBatch, yBatch, options.reg(), learningRate);
                lossHistory[step] = lg.loss();
                gradMagnitude[step] = lg.grads().get("W1").norm();
                step++;
            }
            trainAcc[epoch] = Accuracy.of(predict(xBatch), yBatch);
            valAcc[epoch] = Accuracy.of(predict(xVal), yVal);
            if (options.verbose()) {
                options.log().accept(String.format("Epoch %d: loss %f, train_acc %f, val_acc %f", epoch + 1,
                        lossHistory[step - 1], trainAcc[epoch], valAcc[epoch]));
            }
            learningRate *= options.learningRateDecay();
        }
        return new TrainStats(lossHistory, trainAcc, valAcc, gradMagnitude);
    }
}
