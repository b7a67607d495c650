package org.backprop4j.models.grader;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Parameters;

/**
 * What a student writes for cs231n's {@code TwoLayerNet.loss} ({@code neural_net.py}): the loss and gradients of
 * {@code input - fully connected - ReLU - fully connected - softmax} with L2 regularization
 * {@code reg * (np.sum(W1 * W1) + np.sum(W2 * W2))}. A student jar lists its implementation in
 * {@code META-INF/services/org.backprop4j.models.grader.TwoLayerNetLoss}; {@code backprop4j grade} holds it to
 * {@code TwoLayerNet.loss}.
 */
public interface TwoLayerNetLoss {

    /**
     * {@code TwoLayerNet.loss(X, y, reg)} for the given parameters.
     *
     * @param params {@code W1} (D, H), {@code b1} (1, H), {@code W2} (H, C), {@code b2} (1, C); not to be changed
     * @param x      input data, shape (N, D); each row is a sample
     * @param y      labels, length N, each in {@code [0, C)}
     * @param reg    regularization strength
     * @return the loss (data loss plus regularization loss) and the gradients, named as the parameters and of
     *         their shapes
     */
    LossGrads loss(Parameters params, Matrix x, int[] y, double reg);
}
