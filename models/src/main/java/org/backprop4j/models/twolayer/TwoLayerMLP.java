package org.backprop4j.models.twolayer;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Accuracy;
import org.backprop4j.models.Labels;
import org.backprop4j.models.LossGrads;
import org.backprop4j.random.NumpyRandom;

/**
 * Seed 002's {@code TwoLayerMLP}: a {@link TwoLayerNet} with a ReLU or sigmoid hidden layer, the
 * {@code 0.5·reg·ΣW²} convention, and training by epochs over a fixed permutation per epoch that
 * records ‖∇W1‖ every iteration (the notebook's plot showing sigmoid saturating).
 */
public final class TwoLayerMLP extends TwoLayerNet {

    /** The seed the notebook's {@code train} reseeds the generator with before its first epoch. */
    public static final long TRAIN_SEED = 1;

    /** Builds the network, drawing W1 then W2 from {@code rng}. */
    public TwoLayerMLP(Backend backend, TwoLayerNetConfig config, NumpyRandom rng) {
        super(backend, config, rng);
    }

    @Override
    protected String kind() {
        return "mlp";
    }

    /**
     * The notebook's {@code train(X, y, X_val, y_val, learning_rate, learning_rate_decay, reg,
     * num_epochs, batch_size)}: reseeds {@code rng} with {@link #TRAIN_SEED} (as the notebook does),
     * then per epoch draws {@code np.random.permutation(num_train)} and steps through
     * {@code max(int(num_train / batch_size), 1)} minibatches of it; after each epoch records the last
     * minibatch's and the validation accuracy and decays the learning rate.
     *
     * @param options {@code numIters} is the number of epochs
     */
    @Override
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
            double loss = Double.NaN;
            for (int it = 0; it < iterationsPerEpoch; it++) {
                int from = it * batchSize;
                int to = Math.min((it + 1) * batchSize, numTrain);
                int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
                xBatch = x.gatherRows(idx);
                yBatch = Labels.gather(y, idx);
                LossGrads lg = lossAt(step, xBatch, yBatch, options.reg(), learningRate);
                loss = lg.loss();
                lossHistory[step] = loss;
                for (String name : params().names()) {
                    params().get(name).axpy(-learningRate, lg.grads().get(name));
                }
                gradMagnitude[step] = lg.grads().get("W1").norm();
                step++;
            }
            trainAcc[epoch] = Accuracy.of(predict(xBatch), yBatch);
            valAcc[epoch] = Accuracy.of(predict(xVal), yVal);
            if (options.verbose()) {
                options.log().accept(String.format("Epoch %d: loss %f, train_acc %f, val_acc %f", epoch + 1, loss,
                        trainAcc[epoch], valAcc[epoch]));
            }
            learningRate *= options.learningRateDecay();
        }
        return new TrainStats(lossHistory, trainAcc, valAcc, gradMagnitude);
    }
}
