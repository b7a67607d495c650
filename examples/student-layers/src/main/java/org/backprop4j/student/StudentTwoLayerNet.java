package org.backprop4j.student;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.grader.TwoLayerNetLoss;

/**
 * cs231n's {@code TwoLayerNet} ({@code neural_net.py}): a two-layer fully-connected neural network. The net has an
 * input dimension of D, a hidden layer dimension of H, and performs classification over C classes. We train the
 * network with a softmax loss function and L2 regularization on the weight matrices. The network uses a ReLU
 * nonlinearity after the first fully connected layer.
 *
 * <p>In other words, the network has the following architecture:
 * {@code input - fully connected layer - ReLU - fully connected layer - softmax}. The outputs of the second
 * fully-connected layer are the scores for each class.
 *
 * <p>You may build it from your own layers ({@code new StudentKernels()}) or write it from scratch.
 */
public class StudentTwoLayerNet implements TwoLayerNetLoss {

    /**
     * {@code TwoLayerNet.loss(X, y, reg)}: compute the loss and gradients for a two layer fully connected neural
     * network.
     *
     * <p>Regularization: {@code loss = data_loss + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))} (so the gradient of
     * the penalty on {@code W} is {@code 2 * reg * W}); the biases are not regularized.
     *
     * @param params the parameters: {@code W1}, first layer weights, shape (D, H); {@code b1}, first layer biases,
     *               shape (1, H); {@code W2}, second layer weights, shape (H, C); {@code b2}, second layer biases,
     *               shape (1, C). Do not change them.
     * @param x      input data of shape (N, D); each {@code X[i]} is a training sample
     * @param y      vector of training labels; {@code y[i]} is the label for {@code X[i]}, and each {@code y[i]} is
     *               an integer in the range {@code 0 <= y[i] < C}
     * @param reg    regularization strength
     * @return {@code loss}: loss (data loss and regularization loss) for this batch of training samples;
     *         {@code grads}: parameter names mapped to the gradients of those parameters with respect to the loss
     *         function, the same names and shapes as {@code params}
     */
    @Override
    public LossGrads loss(Parameters params, Matrix x, int[] y, double reg) {
        throw new UnsupportedOperationException("TODO: TwoLayerNet.loss");
    }
}
