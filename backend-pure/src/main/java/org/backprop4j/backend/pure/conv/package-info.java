/**
 * The fast convolution and max pooling of {@code pure} ({@code conv_forward_fast}, {@code max_pool_forward_fast} of
 * cs231n's {@code fast_layers.py}): each sample lowered to a {@code (C*HH*WW, Hout*Wout)} patch matrix that the
 * {@code pure} product multiplies with the filters, samples spread over the product's threads, and window loops
 * over the primitive arrays for pooling.
 */
package org.backprop4j.backend.pure.conv;
