package org.backprop4j.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import org.backprop4j.cli.common.Json;

/**
 * The bench's JSON: its report records and the worker's commands are written by Jackson with
 * snake-case names ({@code msMedian} → {@code ms_median}), like every other JSON the CLI writes.
 */
final class BenchJson {

    /** The CLI's mapper with snake-case property names. */
    static final ObjectMapper SNAKE = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private BenchJson() {
    }

    /** {@code value} as indented JSON. */
    static String write(Object value) {
        try {
            return SNAKE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }
}
