/**
 * The SIMD kernels of {@code pure} on the Vector API ({@code jdk.incubator.vector}): {@link
 * org.backprop4j.backend.pure.simd.VectorGemm}, the vectorised product, and the vectorised element-wise
 * loops. The only package of the project that names the incubator API; {@code Simd} loads it by name only
 * when the JVM has the module.
 */
package org.backprop4j.backend.pure.simd;
