package org.backprop4j.conformance.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Reads the NumPy reference vectors written by {@code gen_vectors.py} (in the kit's jar under
 * {@code org/backprop4j/conformance/python/}): 2-D arrays are lists of rows, 1-D arrays flat lists (read here as
 * row vectors of shape (1, n)), floats in exact repr form, so parsing gives back NumPy's doubles.
 */
public final class Vectors {

    /** The kit's own file: every kernel and update rule on NumPy's inputs and outputs. */
    public static final String KERNELS = "/org/backprop4j/conformance/vectors/kernels.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private Vectors() {
    }

    /** The parsed class-path resource {@code resource} (an absolute path such as {@link #KERNELS}), read once. */
    public static JsonNode load(String resource) {
        return CACHE.computeIfAbsent(resource, n -> {
            try (InputStream in = Vectors.class.getResourceAsStream(n)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + n);
                }
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A 2-D array (list of rows) or 1-D array (row vector) as a float64 matrix on {@code b}. */
    public static Matrix matrix(Backend b, JsonNode node) {
        return matrix(b, node, DType.FLOAT64);
    }

    /** A 2-D or 1-D array as a matrix of the given dtype. */
    public static Matrix matrix(Backend b, JsonNode node, DType dtype) {
        if (node.size() > 0 && node.get(0).isArray()) {
            int rows = node.size();
            int cols = node.get(0).size();
            double[] data = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    data[r * cols + c] = node.get(r).get(c).doubleValue();
                }
            }
            return b.fromArray(rows, cols, data, dtype);
        }
        return b.fromArray(1, node.size(), doubles(node), dtype);
    }

    /** A flat or nested array's values in row-major order. */
    public static double[] doubles(JsonNode node) {
        if (node.isNumber()) {
            return new double[] {node.doubleValue()};
        }
        if (node.size() > 0 && node.get(0).isArray()) {
            int rows = node.size();
            int cols = node.get(0).size();
            double[] out = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] = node.get(r).get(c).doubleValue();
                }
            }
            return out;
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).doubleValue();
        }
        return out;
    }

    /** An integer array. */
    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).intValue();
        }
        return out;
    }

    /** An object of arrays ({@code params}, {@code grads}) as name → row-major values, in file order. */
    public static Map<String, double[]> arrays(JsonNode obj) {
        Map<String, double[]> out = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> out.put(e.getKey(), doubles(e.getValue())));
        return out;
    }
}
