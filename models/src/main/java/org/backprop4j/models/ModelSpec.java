package org.backprop4j.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
