package org.backprop4j.backend;

import java.util.Set;

import org.backprop4j.matrix.DType;

/**
 * What is known about one discovered backend.
 *
 * @param name        the backend's name
 * @param priority    its rank when none is named
 * @param description one line saying what it is
 * @param available   whether it started
 * @param reason      why it did not start, or {@code null} when available
 * @param dtypes      the dtypes it supports (empty when unavailable)
 */
public record BackendInfo(String name, int priority, String description, boolean available, String reason,
        Set<DType> dtypes) {
}
