package org.backprop4j.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Everything needed to rebuild a model's architecture: its kind ({@code two-layer}, {@code mlp},
 * {@code fc}, {@code cnn}) and its configuration as ordered text properties. Stored in checkpoints.
 *
 * @param kind       the model kind
 * @param properties the configuration, e.g. {@code hidden_dims=100,100}
 */
public record ModelSpec(String kind, Map<String, String> properties) {

    /** Copies the properties, keeping their order. */
    public ModelSpec {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The values of one input row, if the spec says: {@code input_size} (two-layer nets), {@code input_dim} (fc), or
     * the product of the {@code C,H,W} of a {@code cnn}'s {@code input_dim}.
     *
     * @throws IllegalArgumentException if the property is no number (or list of numbers)
     */
    public OptionalInt inputSize() {
        String d = properties.getOrDefault("input_dim", properties.get("input_size"));
        if (d == null) {
            return OptionalInt.empty();
        }
        try {
            long size = 1;
            for (String part : d.split(",")) {
                size *= Integer.parseInt(part.trim());
            }
            return OptionalInt.of(Math.toIntExact(size));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("model spec '" + kind + "' has input size '" + d
                    + "': expected a number or C,H,W.", e);
        }
    }

    /** A property that must be present. */
    public String get(String key) {
        String v = properties.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model spec '" + kind + "' has no property '" + key + "' (it has "
                    + properties.keySet() + ").");
        }
        return v;
    }
}
