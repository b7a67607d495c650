package org.backprop4j.models.twolayer;

import java.util.Locale;

/** The hidden layer's nonlinearity. */
public enum Activation {
    /** {@code max(0, z)}. */
    RELU,
    /** {@code 1 / (1 + exp(-z))}. */
    SIGMOID;

    /** Parses {@code relu} or {@code sigmoid}. */
    public static Activation parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            default -> throw new IllegalArgumentException("Unknown activation '" + s + "': expected relu or sigmoid.");
        };
    }

    /** Lower-case name as in the notebooks. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
