/**
 * The {@code naive} backend, kept as the teaching baseline: {@link org.backprop4j.backend.naive.NaiveGemm}, the
 * i-j-k triple loop, and {@link org.backprop4j.backend.naive.NaiveKernels}, the per-element gradient formulas a
 * student writes before vectorising. It computes the same numbers as {@code pure}, only slower.
 */
package org.backprop4j.backend.naive;
