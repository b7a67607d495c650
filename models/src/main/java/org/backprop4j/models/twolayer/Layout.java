package org.backprop4j.models.twolayer;

/** How a two-layer net stores its weight matrices (recorded in its {@code ModelSpec}). */
public enum Layout {
    /** cs231n and seed 002: {@code W1} is (D, H), {@code W2} is (H, C), {@code scores = f(X·W1 + b1)·W2 + b2}. */
    INPUT_BY_OUTPUT,
    /** nndl {@code neural_net.py}: {@code W1} is (H, D), {@code W2} is (C, H), {@code scores = relu(X·W1ᵀ + b1)·W2ᵀ + b2}. */
    OUTPUT_BY_INPUT
}
