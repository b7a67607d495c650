/**
 * Four-dimensional views, {@code (N, C, H, W)}, over the backends' two-dimensional {@link org.backprop4j.matrix.Matrix}:
 * the images and filters of the convolutional layers.
 */
package org.backprop4j.tensor;
