package org.backprop4j.it;

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
 * The NumPy reference vectors under {@code src/test/resources/vectors/}, written by
 * {@code src/test/python/gen_vectors.py}: 2-D arrays are lists of rows, 1-D arrays flat lists (read
 * here as row vectors of shape (1, n)), floats in exact repr form.
 */
final class Vectors {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private Vectors() {
    }

    /** The parsed file {@code vectors/<name>}. */
    static JsonNode load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource vectors/" + n);
                }
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A 2-D array (list of rows) or 1-D array (row vector) as a float64 matrix on {@code b}. */
    static Matrix matrix(Backend b, JsonNode node) {
        return matrix(b, node, DType.FLOAT64);
    }

    /** A 2-D or 1-D array as a matrix of the given dtype. */
    static Matrix matrix(Backend b, JsonNode node, DType dtype) {
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
    static double[] doubles(JsonNode node) {
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
    static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).intValue();
        }
        return out;
    }

    /** An object of arrays ({@code params}, {@code grads}) as name → row-major values, in file order. */
    static Map<String, double[]> arrays(JsonNode obj) {
        Map<String, double[]> out = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> out.put(e.getKey(), doubles(e.getValue())));
        return out;
    }
}
