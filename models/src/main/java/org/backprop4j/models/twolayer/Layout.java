package org.backprop4j.models.twolayer;

/** How the weight matrices of a {@link TwoLayerNet} are stored. */
public enum Layout {
    /** cs231n: {@code W1} is (D, H), {@code W2} is (H, C), {@code scores = relu(X·W1 + b1)·W2 + b2}. */
    INPUT_BY_OUTPUT,
    /** nndl {@code neural_net.py}: {@code W1} is (H, D), {@code W2} is (C, H), {@code scores = relu(X·W1ᵀ + b1)·W2ᵀ + b2}. */
    OUTPUT_BY_INPUT
}
