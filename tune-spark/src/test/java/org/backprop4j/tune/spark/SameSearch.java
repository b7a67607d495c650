package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.backprop4j.cli.common.Json;
import org.backprop4j.solver.checkpoint.CheckpointFile;

/**
 * Two search folders hold the same search: the same files; JSON files the same values (but the training
 * times, and the search folder where they name it); checkpoints the same contents (parameters, histories, generator state, options), compared by value
 * because the order of their maps' entries may differ between JVMs; images the same bytes. And the two runs
 * printed the same results table, but for its seconds column.
 */
final class SameSearch {

    private SameSearch() {
    }

    static void assertSame(Path expected, Path actual) throws IOException {
        assertEquals(files(expected), files(actual), "the files of " + actual);
        for (String name : files(expected)) {
            Path a = expected.resolve(name);
            Path b = actual.resolve(name);
            if (name.endsWith(".json")) {
                assertEquals(withoutTimes(a, expected), withoutTimes(b, actual), b.toString());
            } else if (name.endsWith(".ckpt")) {
                assertTrue(deepEquals(CheckpointFile.read(a), CheckpointFile.read(b)), b.toString());
            } else {
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), b.toString());
            }
        }
    }

    /** The results table's rows without their seconds column. */
    static List<String> table(String out) {
        return out.lines().dropWhile(l -> !l.startsWith(" rank")).takeWhile(l -> !l.isBlank())
                .map(l -> l.replaceAll("\\s+\\S+\\s+(\\S+)$", " $1")).toList();
    }

    /** The JSON of {@code file} without training times, and the search folder {@code root} named SEARCH. */
    private static JsonNode withoutTimes(Path file, Path root) throws IOException {
        JsonNode n = Json.mapper().readTree(Files.readString(file).replace(root.toString(), "SEARCH"));
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("train_seconds", "seconds"));
        }
        n.forEach(SameSearch::strip);
    }

    /** Records by component, maps by key, arrays by element. */
    static boolean deepEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> deepEquals(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record && a.getClass() == b.getClass()) {
            try {
                for (var c : a.getClass().getRecordComponents()) {
                    if (!deepEquals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                        return false;
                    }
                }
                return true;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Objects.deepEquals(a, b);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
