package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.Backends;

/**
 * The backends the cross-backend tests run on: every available backend found through the SPI, so a
 * new backend is covered without editing a test. The four shipped backends must all be present.
 */
final class BackendsUnderTest {

    /** The backends this project ships; a test fails if any is missing or unavailable. */
    static final Set<String> EXPECTED = Set.of("naive", "pure", "ejml", "nd4j");

    private BackendsUnderTest() {
    }

    /** Every available backend, highest priority first. */
    static Stream<Backend> all() {
        List<Backend> available = Backends.registry().available();
        Set<String> names = available.stream().map(Backend::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(EXPECTED), "expected the backends " + EXPECTED + " but found " + names
                + "; unavailable: " + Backends.list().stream().filter(i -> !i.available())
                        .map(BackendInfo::toString).collect(Collectors.joining("; ")));
        return available.stream();
    }
}
