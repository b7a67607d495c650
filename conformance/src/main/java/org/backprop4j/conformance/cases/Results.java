package org.backprop4j.conformance.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.matrix.Matrix;

/** The outputs of one computation on one backend, by name ({@code out}, {@code dx}, {@code loss}, ...), in order. */
public final class Results {

    private final Map<String, double[]> values = new LinkedHashMap<>();

    /** Adds a matrix's values under {@code name}. */
    public Results put(String name, Matrix m) {
        values.put(name, m.toArray());
        return this;
    }

    /** Adds a scalar under {@code name}. */
    public Results put(String name, double v) {
        values.put(name, new double[] {v});
        return this;
    }

    /** Every output, by name, in the order they were added. */
    public Map<String, double[]> values() {
        return values;
    }

    /** The values of output {@code name}. */
    public double[] get(String name) {
        return values.get(name);
    }
}
