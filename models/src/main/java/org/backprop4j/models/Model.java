package org.backprop4j.models;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * A classifier trained by the {@code Solver}: parameters, a test-time forward pass and a
 * training-time loss with gradients, as the notebooks' model classes.
 */
public interface Model {

    /** The parameters, in order; updated in place by the optimizer. */
    Parameters params();

    /** Test-time forward pass: class scores of shape (N, C), as the Python {@code model.loss(X)}. */
    Matrix scores(Matrix x);

    /** Training-time forward and backward pass with the model's own regularization, as {@code model.loss(X, y)}. */
    LossGrads loss(Matrix x, int[] y);

    /** Predicted class per row: {@code argmax(scores, axis=1)}. */
    default int[] predict(Matrix x) {
        return scores(x).argmax(1);
    }

    /** The backend the parameters live on. */
    Backend backend();

    /** The dtype of the parameters and computations. */
    DType dtype();

    /** The architecture and configuration, enough to rebuild the model (see {@code ModelCatalog}). */
    ModelSpec spec();

    /**
     * State that is not trained by gradients but must be saved with the parameters, such as
     * batchnorm running statistics; empty for most models. The matrices are live: writing into them
     * changes the model.
     */
    default Parameters buffers() {
        return new Parameters();
    }

    /**
     * Asks the model to hand the hidden activations of each training-time forward pass ({@link #loss}) to
     * {@code sink}, until called with null. Models without hidden layers to show ignore it (the default).
     */
    default void observeActivations(ActivationSink sink) {
    }

    /** Whether {@link #loss} is a deterministic function of the parameters (false with unseeded dropout). */
    default boolean deterministic() {
        return true;
    }
}
