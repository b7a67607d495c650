package org.backprop4j.cli.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;

/**
 * Reads the NumPy worker's replies: one JSON object per line, with {@code "ok": true} and the
 * answer's fields, or {@code "ok": false} and an {@code "error"}. Arrays come as
 * {@code {"shape": [rows, cols], "data": base64 of little-endian float64}}, which is exact.
 * Anything else is a {@link WorkerException} that says what was wrong.
 */
final class WorkerReply {

    private static final int SHOWN = 200;

    private WorkerReply() {
    }

    /** A reply the bench cannot use, or a command the worker could not run. */
    static final class WorkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerException(String message) {
            super(message);
        }
    }

    /** What the worker says about itself when it starts. */
    record Greeting(String python, String numpy, String blas, String threads) {
    }

    /** A 2-D float64 array from the worker (1-D arrays come as one row). */
    record Array(int rows, int cols, double[] data) {
    }

    /** A loss and its gradients, by parameter name in the model's order. */
    record LossGrads(double loss, Map<String, Array> grads) {
    }

    /** The reply on one line, checked to be a JSON object with {@code ok: true}. */
    static JsonNode parse(String line) {
        if (line == null) {
            throw new WorkerException("the NumPy worker ended without replying.");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new WorkerException("the NumPy worker replied with something that is not JSON: " + shorten(line));
        }
        if (node == null || !node.isObject()) {
            throw new WorkerException(
                    "the NumPy worker replied with something that is not a JSON object: " + shorten(line));
        }
        JsonNode ok = node.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw new WorkerException("the NumPy worker's reply has no \"ok\" field: " + shorten(line));
        }
        if (!ok.booleanValue()) {
            JsonNode error = node.get("error");
            throw new WorkerException(error != null && error.isTextual()
                    ? error.textValue()
                    : "the NumPy worker failed without saying why: " + shorten(line));
        }
        return node;
    }

    /** The greeting's versions and thread setting. */
    static Greeting greeting(JsonNode reply) {
        return new Greeting(text(reply, "python"), text(reply, "numpy"), text(reply, "blas"),
                reply.path("threads").asText(""));
    }

    /** The nanoseconds one {@code time} sample took: a positive whole number. */
    static long nanos(JsonNode reply) {
        JsonNode n = reply.get("nanos");
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw new WorkerException("the NumPy worker's time reply has no whole, non-negative \"nanos\": " + reply);
        }
        return Math.max(1, n.asLong());
    }

    /** The {@code loss} and {@code grads} of a {@code grads} reply. */
    static LossGrads lossGrads(JsonNode reply) {
        JsonNode loss = reply.get("loss");
        if (loss == null || !loss.isNumber()) {
            throw new WorkerException("the NumPy worker's grads reply has no numeric \"loss\".");
        }
        JsonNode grads = reply.get("grads");
        if (grads == null || !grads.isObject()) {
            throw new WorkerException("the NumPy worker's grads reply has no \"grads\" object.");
        }
        Map<String, Array> out = new LinkedHashMap<>();
        grads.fields().forEachRemaining(e -> out.put(e.getKey(), decode(e.getValue(), "grads." + e.getKey())));
        return new LossGrads(loss.doubleValue(), out);
    }

    /** The array in field {@code field} of the reply. */
    static Array array(JsonNode reply, String field) {
        return decode(reply.get(field), field);
    }

    private static Array decode(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new WorkerException("the NumPy worker's reply has no array \"" + what + "\".");
        }
        JsonNode shape = node.get("shape");
        if (shape == null || !shape.isArray() || shape.size() != 2 || !shape.get(0).canConvertToInt()
                || !shape.get(1).canConvertToInt() || shape.get(0).asInt() < 0 || shape.get(1).asInt() < 0) {
            throw new WorkerException(
                    "array \"" + what + "\" from the NumPy worker has no shape [rows, cols]: " + shape);
        }
        int rows = shape.get(0).asInt();
        int cols = shape.get(1).asInt();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            throw new WorkerException("array \"" + what + "\" from the NumPy worker is not base64: " + e.getMessage());
        }
        long expected = 8L * rows * cols;
        if (bytes.length != expected) {
            throw new WorkerException("array \"" + what + "\" from the NumPy worker has " + bytes.length
                    + " bytes, but shape [" + rows + ", " + cols + "] needs " + expected + ".");
        }
        double[] data = new double[rows * cols];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        return new Array(rows, cols, data);
    }

    private static String text(JsonNode reply, String field) {
        JsonNode v = reply.get(field);
        if (v == null || !v.isTextual()) {
            throw new WorkerException("the NumPy worker's greeting has no \"" + field + "\".");
        }
        return v.textValue();
    }

    private static String shorten(String line) {
        String s = line.strip();
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }
}
