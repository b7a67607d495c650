package org.backprop4j.student;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/**
 * Your {@code layers.py}: write each function below, replacing its {@code throw}. Build with {@code mvn package}
 * and grade {@code target/student-layers.jar} with {@code backprop4j grade}.
 *
 * <p>Work with the {@link Matrix} operations ({@code dot}, {@code transposeDot}, {@code dotTranspose},
 * {@code sum(axis)}, {@code mean(axis)}, {@code addRowVector}, {@code map}, {@code mul}, ...) or element by
 * element ({@code get}, {@code set}, {@code toArray}, {@code create}). Do not change the matrices you are given:
 * return new ones. Biases, {@code gamma} and {@code beta} are row vectors of shape (1, M) here, where NumPy has
 * shape (M,). The functions not listed here ({@code affine_relu_forward} and the other sandwich layers) are built
 * from yours.
 */
public class StudentKernels implements Kernels {

    /**
     * {@code affine_forward}: computes the forward pass for an affine (fully-connected) layer. The input x has shape
     * (N, D) and contains a minibatch of N examples, each a vector of dimension D, transformed to an output vector
     * of dimension M.
     *
     * @param x input data, of shape (N, D)
     * @param w weights, of shape (D, M)
     * @param b biases, of shape (1, M)
     * @return {@code out}: output, of shape (N, M); {@code cache}: {@code (x, w, b)}
     */
    @Override
    public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        throw new UnsupportedOperationException("TODO: affine_forward");
    }

    /**
     * {@code affine_backward}: computes the backward pass for an affine layer.
     *
     * @param dout  upstream derivative, of shape (N, M)
     * @param cache {@code x}: input data, of shape (N, D); {@code w}: weights, of shape (D, M); {@code b}: biases,
     *              of shape (1, M)
     * @return {@code dx}: gradient with respect to x, of shape (N, D); {@code dw}: gradient with respect to w, of
     *         shape (D, M); {@code db}: gradient with respect to b, of shape (1, M)
     */
    @Override
    public AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        throw new UnsupportedOperationException("TODO: affine_backward");
    }

    /**
     * {@code relu_forward}: computes the forward pass for a layer of rectified linear units (ReLUs).
     *
     * @param x inputs, of any shape
     * @return {@code out}: output, of the same shape as x; {@code cache}: x
     */
    @Override
    public Forward<ReluCache> reluForward(Matrix x) {
        throw new UnsupportedOperationException("TODO: relu_forward");
    }

    /**
     * {@code relu_backward}: computes the backward pass for a layer of rectified linear units (ReLUs).
     *
     * @param dout  upstream derivatives, of any shape
     * @param cache input x, of same shape as dout
     * @return {@code dx}: gradient with respect to x
     */
    @Override
    public Matrix reluBackward(Matrix dout, ReluCache cache) {
        throw new UnsupportedOperationException("TODO: relu_backward");
    }

    /**
     * {@code softmax_loss}: computes the loss and gradient for softmax classification.
     *
     * @param x input data, of shape (N, C) where {@code x[i, j]} is the score for the jth class for the ith input
     * @param y vector of labels, of shape (N,) where {@code y[i]} is the label for {@code x[i]} and
     *          {@code 0 <= y[i] < C}
     * @return {@code loss}: scalar giving the loss; {@code dx}: gradient of the loss with respect to x
     */
    @Override
    public LossResult softmaxLoss(Matrix x, int[] y) {
        throw new UnsupportedOperationException("TODO: softmax_loss");
    }

    /**
     * {@code svm_loss}: computes the loss and gradient using for multiclass SVM classification.
     *
     * @param x input data, of shape (N, C) where {@code x[i, j]} is the score for the jth class for the ith input
     * @param y vector of labels, of shape (N,) where {@code y[i]} is the label for {@code x[i]} and
     *          {@code 0 <= y[i] < C}
     * @return {@code loss}: scalar giving the loss; {@code dx}: gradient of the loss with respect to x
     */
    @Override
    public LossResult svmLoss(Matrix x, int[] y) {
        throw new UnsupportedOperationException("TODO: svm_loss");
    }

    /**
     * {@code batchnorm_forward}: forward pass for batch normalization.
     *
     * <p>During training the sample mean and (uncorrected) sample variance are computed from minibatch statistics
     * and used to normalize the incoming data. During training we also keep an exponentially decaying running mean
     * of the mean and variance of each feature, and these averages are used to normalize data at test-time. At each
     * timestep we update the running averages for mean and variance using an exponential decay based on the
     * momentum parameter: {@code running_mean = momentum * running_mean + (1 - momentum) * sample_mean},
     * {@code running_var = momentum * running_var + (1 - momentum) * sample_var}. The running averages start as
     * {@code null} in {@code bn_param}: treat them as zeros of shape (1, D) and store them with
     * {@code bn_param.setRunning(mean, var)}.
     *
     * @param x        data of shape (N, D)
     * @param gamma    scale parameter of shape (1, D)
     * @param beta     shift parameter of shape (1, D)
     * @param bn_param {@code mode}: TRAIN or TEST; {@code eps}: constant for numeric stability; {@code momentum}:
     *                 constant for running mean / variance; {@code runningMean}, {@code runningVar}: arrays of shape
     *                 (1, D) giving the running mean and variance of features
     * @return {@code out}: of shape (N, D); {@code cache}: the values needed in the backward pass,
     *         {@code (x_hat, gamma, x - mean, 1 / sqrt(var + eps))} ({@code null} in test mode)
     */
    @Override
    public Forward<BatchnormCache> batchnormForward(Matrix x, Matrix gamma, Matrix beta, BatchnormParam bn_param) {
        throw new UnsupportedOperationException("TODO: batchnorm_forward");
    }

    /**
     * {@code batchnorm_backward}: backward pass for batch normalization. For this implementation, you should write
     * out a computation graph for batch normalization on paper and propagate gradients backward through
     * intermediate nodes.
     *
     * @param dout  upstream derivatives, of shape (N, D)
     * @param cache variable of intermediates from {@code batchnorm_forward}
     * @return {@code dx}: gradient with respect to inputs x, of shape (N, D); {@code dgamma}: gradient with respect
     *         to scale parameter gamma, of shape (1, D); {@code dbeta}: gradient with respect to shift parameter
     *         beta, of shape (1, D)
     */
    @Override
    public BatchnormGrads batchnormBackward(Matrix dout, BatchnormCache cache) {
        throw new UnsupportedOperationException("TODO: batchnorm_backward");
    }

    /**
     * {@code dropout_forward}: performs the forward pass for (inverted) dropout.
     *
     * @param x             input data, of any shape
     * @param dropout_param {@code p}: dropout parameter; we keep each neuron output with probability p;
     *                      {@code mode}: TEST or TRAIN — if the mode is train, then perform dropout; if the mode is
     *                      test, then just return the input; {@code seed}: seed for the random number generator
     *                      (reseed {@code rng} with it when it is not {@code null}). Passing seed makes this function
     *                      deterministic, which is needed for gradient checking but not in real networks.
     * @param rng           the random number generator, {@code np.random}: draw the mask with
     *                      {@code rng.rand(n)} (as {@code np.random.rand(*x.shape)})
     * @return {@code out}: array of the same shape as x; {@code cache}: the dropout mask that was used to multiply
     *         the input (in test mode, {@code null})
     */
    @Override
    public Forward<DropoutCache> dropoutForward(Matrix x, DropoutParam dropout_param, NumpyRandom rng) {
        throw new UnsupportedOperationException("TODO: dropout_forward");
    }

    /**
     * {@code dropout_backward}: performs the backward pass for (inverted) dropout.
     *
     * @param dout  upstream derivatives, of any shape
     * @param cache the mask from {@code dropout_forward}; {@code null} in test mode, where dx = dout
     * @return {@code dx}: gradient with respect to x
     */
    @Override
    public Matrix dropoutBackward(Matrix dout, DropoutCache cache) {
        throw new UnsupportedOperationException("TODO: dropout_backward");
    }
}
