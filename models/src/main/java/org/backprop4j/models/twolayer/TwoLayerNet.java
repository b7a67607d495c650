package org.backprop4j.models.twolayer;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Labels;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Regularization;
import org.backprop4j.random.NumpyRandom;

/**
 * cs231n's {@code TwoLayerNet} (assignment 1, {@code neural_net.py}; seeds 003 and 004):
 * {@code input - fully connected - ReLU - fully connected - softmax}, {@code W1} (D, H), {@code W2} (H, C),
 * loss {@code data_loss + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))}, and its own SGD {@code train}.
 *
 * <p>Construction draws {@code W1} then {@code W2} as {@code std * randn} from the given generator,
 * the notebook's order, so {@code new NumpyRandom(0)} gives the notebook's {@code init_toy_model()}.
 */
public final class TwoLayerNet extends TwoLayerModel {

    /** {@code TwoLayerNet(input_size, hidden_size, output_size, std)}, drawing its weights from {@code rng}. */
    public TwoLayerNet(Backend backend, TwoLayerNetConfig config, NumpyRandom rng) {
        super("two-layer", backend, config, Activation.RELU, Layout.INPUT_BY_OUTPUT, Regularization.L2, rng);
    }

    /** Class scores of shape (N, C) for inputs of shape (N, D): the Python {@code net.loss(X)}. */
    @Override
    public Matrix scores(Matrix x) {
        return forward(x).scores().out();
    }

    /** {@code net.loss(X, y, reg)}: softmax loss plus {@code reg·ΣW²} of W1 and W2. */
    @Override
    public LossGrads loss(Matrix x, int[] y, double reg) {
        Pass pass = forward(x);
        observed(pass.hidden().out());
        LossResult data = kernels.softmaxLoss(pass.scores().out(), y);

        AffineGrads fc2 = kernels.affineBackward(data.dx(), pass.scores().cache(), true);
        // affine_relu_backward: a backend may fuse the ReLU mask with the bias gradient
        AffineGrads fc1 = kernels.affineReluBackward(fc2.dx(), pass.hidden().cache(), false);
        return regularized(data, fc1, fc2, reg);
    }

    /** The forward pass with its caches: {@code h1 = relu(X·W1 + b1)}, {@code scores = h1·W2 + b2}. */
    private record Pass(Forward<AffineReluCache> hidden, Forward<AffineCache> scores) {
    }

    private Pass forward(Matrix x) {
        // affine_relu_forward, as cs231n's layer_utils: a backend may fuse the bias and the ReLU
        Forward<AffineReluCache> hidden = kernels.affineReluForward(x, params().get("W1"), params().get("b1"));
        return new Pass(hidden, kernels.affineForward(hidden.out(), params().get("W2"), params().get("b2")));
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
        List<Double> trainAcc = new ArrayList<>();
        List<Double> valAcc = new ArrayList<>();
        for (int it = 0; it < options.numIters(); it++) {
            int[] batch = rng.choice(numTrain, options.batchSize());
            Matrix xBatch = x.gatherRows(batch);
            int[] yBatch = Labels.gather(y, batch);
            lossHistory[it] = sgdStep(it, xBatch, yBatch, options.reg(), learningRate).loss();
            if (options.verbose() && it % 100 == 0) {
                options.log()
                        .accept(String.format("iteration %d / %d: loss %f", it, options.numIters(), lossHistory[it]));
            }
            if (it % iterationsPerEpoch == 0) {
                trainAcc.add(Accuracy.of(predict(xBatch), yBatch));
                valAcc.add(Accuracy.of(predict(xVal), yVal));
                learningRate *= options.learningRateDecay();
            }
        }
        return new TrainStats(lossHistory, trainAcc.stream().mapToDouble(Double::doubleValue).toArray(),
                valAcc.stream().mapToDouble(Double::doubleValue).toArray(), new double[0]);
    }
}
