package org.backprop4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.backend.pure.PureBackend;
import org.backprop4j.matrix.DType;
import org.junit.jupiter.api.Test;

/** The two backends are found through {@code META-INF/services}, start, and rank {@code pure} above {@code naive}. */
class DiscoveryTest {

    @Test
    void serviceLoaderFindsBothProvidersWithTheirPriorities() {
        Map<String, Integer> priorities = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(BackendProvider::name, BackendProvider::priority));
        assertEquals(100, priorities.get("pure"));
        assertEquals(10, priorities.get("naive"));
    }

    @Test
    void theRegistryStartsBothAndPrefersPure() {
        BackendRegistry registry = new BackendRegistry(ServiceLoader.load(BackendProvider.class));
        assertTrue(registry.names().containsAll(List.of("pure", "naive")), registry.names().toString());
        assertInstanceOf(PureBackend.class, registry.get("pure"));
        assertInstanceOf(NaiveBackend.class, registry.get("NAIVE"));
        assertEquals("pure", registry.select(null, k -> null, k -> null).name());
        assertEquals("naive", registry.select(null, k -> null, k -> "naive").name());
        for (BackendInfo info : registry.list()) {
            if (info.name().equals("pure") || info.name().equals("naive")) {
                assertTrue(info.available(), info.name() + ": " + info.reason());
                assertEquals(EnumSet.allOf(DType.class), info.dtypes());
                assertTrue(!info.description().isBlank());
            }
        }
        assertTrue(registry.loadProblems().isEmpty(), registry.loadProblems().toString());
    }

    @Test
    void loadingThroughAClassLoaderFindsThemToo() {
        BackendRegistry registry = BackendRegistry.load(DiscoveryTest.class.getClassLoader());
        assertEquals("pure", registry.get("pure").name());
        assertEquals("naive", registry.get("naive").name());
    }
}
