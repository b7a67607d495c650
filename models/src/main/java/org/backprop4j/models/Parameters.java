package org.backprop4j.models;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.backprop4j.matrix.Matrix;

/**
 * The ordered, name-addressable parameter (or gradient) dictionary of a model, as the Python
 * {@code self.params} / {@code grads}: {@code W1, b1, W2, b2, ...} in insertion order.
 */
public final class Parameters implements Iterable<Map.Entry<String, Matrix>> {

    private final LinkedHashMap<String, Matrix> map = new LinkedHashMap<>();

    /** Adds (or replaces) a parameter; a replacement must keep the old shape and dtype. */
    public Parameters put(String name, Matrix value) {
        Matrix old = map.get(name);
        if (old != null && (old.rows() != value.rows() || old.cols() != value.cols() || old.dtype() != value.dtype())) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + old.shape() + " " + old.dtype()
                    + " but the replacement has shape " + value.shape() + " " + value.dtype() + ".");
        }
        map.put(name, value);
        return this;
    }

    /**
     * The parameter called {@code name}.
     *
     * @throws IllegalArgumentException naming the known parameters if there is none
     */
    public Matrix get(String name) {
        Matrix m = map.get(name);
        if (m == null) {
            throw new IllegalArgumentException(
                    "no parameter named '" + name + "': the parameters are " + names() + ".");
        }
        return m;
    }

    /** True if a parameter of that name exists. */
    public boolean has(String name) {
        return map.containsKey(name);
    }

    /** The names in insertion order. */
    public List<String> names() {
        return List.copyOf(map.keySet());
    }

    /** Number of parameters (matrices). */
    public int size() {
        return map.size();
    }

    /** Total number of scalar values over all parameters. */
    public long count() {
        long n = 0;
        for (Matrix m : map.values()) {
            n += m.size();
        }
        return n;
    }

    /** A deep copy: new matrices with the same values, in the same order. */
    public Parameters copy() {
        Parameters p = new Parameters();
        map.forEach((k, v) -> p.map.put(k, v.copy()));
        return p;
    }

    /** Overwrites every parameter's values with those of the same name in {@code source}, in place. */
    public void assign(Parameters source) {
        if (!source.map.keySet().equals(map.keySet())) {
            throw new IllegalArgumentException("cannot assign parameters " + source.names() + " to parameters "
                    + names() + ": the names differ.");
        }
        map.forEach((k, v) -> v.assign(source.map.get(k)));
    }

    /** Calls {@code action} for each (name, matrix) in order. */
    public void forEach(BiConsumer<String, Matrix> action) {
        map.forEach(action);
    }

    /** An unmodifiable view of the map. */
    public Map<String, Matrix> asMap() {
        return Collections.unmodifiableMap(map);
    }

    @Override
    public Iterator<Map.Entry<String, Matrix>> iterator() {
        return Collections.unmodifiableMap(map).entrySet().iterator();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(v.shape()));
        return sb.append('}').toString();
    }
}
