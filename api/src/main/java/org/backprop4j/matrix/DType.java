package org.backprop4j.matrix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Element type of a {@link Matrix}: IEEE double (float64) or single (float32) precision. */
public enum DType {
    FLOAT64("float64", 8),
    FLOAT32("float32", 4);

    private final String numpyName;
    private final int bytes;

    DType(String numpyName, int bytes) {
        this.numpyName = numpyName;
        this.bytes = bytes;
    }

    /** The NumPy name of this type, e.g. {@code float64}. */
    public String numpyName() {
        return numpyName;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Rounds {@code v} to this type's precision (identity for float64). */
    public double round(double v) {
        return this == FLOAT32 ? (float) v : v;
    }

    /**
     * Parses {@code float64}, {@code float32}, {@code f64}, {@code f32}, {@code double} or {@code float}.
     *
     * @throws IllegalArgumentException naming the valid spellings
     */
    public static DType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "float64", "f64", "double" -> FLOAT64;
            case "float32", "f32", "float" -> FLOAT32;
            default -> throw new IllegalArgumentException("Unknown dtype '" + name + "': expected one of "
                    + Arrays.stream(values()).map(DType::numpyName).collect(Collectors.joining(", ")) + ".");
        };
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
