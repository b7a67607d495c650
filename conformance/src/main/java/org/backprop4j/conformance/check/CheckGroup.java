package org.backprop4j.conformance.check;

import java.util.List;

/**
 * A group of checks about one idea (the Matrix contract, the NumPy vectors, ...), run as one
 * {@code @TestFactory} of {@code BackendConformance} and printed under one heading by {@code check --conformance}.
 *
 * @param name   the group's name, e.g. {@code matrix contract}
 * @param checks its checks, in order
 */
public record CheckGroup(String name, List<Check> checks) {
}
