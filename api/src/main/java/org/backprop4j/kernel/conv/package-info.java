/**
 * The convolutional layers of cs231n assignment 2 ({@code layers.py}, {@code fast_layers.py}, {@code layer_utils.py}):
 * their parameters ({@code conv_param}, {@code pool_param}, {@code gn_param}), shapes, caches and gradients, and the
 * array loops behind {@link org.backprop4j.kernel.Kernels}' default conv, pooling and spatial normalization kernels.
 */
package org.backprop4j.kernel.conv;
