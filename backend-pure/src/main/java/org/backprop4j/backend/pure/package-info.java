/**
 * The {@code pure} backend: {@link org.backprop4j.backend.pure.BlockedGemm}, a cache-blocked, register-blocked,
 * multi-threaded matrix product, and {@link org.backprop4j.backend.pure.PureKernels}, fused layer and loss
 * kernels, over the shared primitive-array storage of {@link org.backprop4j.backend.array}.
 */
package org.backprop4j.backend.pure;
