package org.backprop4j.models;

/**
 * What a model's training-time {@code loss(X, y)} returns: {@code loss, grads}.
 *
 * @param loss  data loss plus regularization loss
 * @param grads gradient of the loss on each parameter, same names and shapes as the parameters
 */
public record LossGrads(double loss, Parameters grads) {
}
