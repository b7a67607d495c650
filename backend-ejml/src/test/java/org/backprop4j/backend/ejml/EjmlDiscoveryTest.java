package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** The backend is found through {@code META-INF/services} and starts. */
class EjmlDiscoveryTest {

    @Test
    void theRegistryFindsAndStartsEjml() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());
        assertTrue(registry.names().contains("ejml"), "discovered: " + registry.names());
        assertTrue(registry.loadProblems().isEmpty(), "load problems: " + registry.loadProblems());
        Backend backend = registry.get("EJML");
        assertInstanceOf(EjmlBackend.class, backend);
        assertEquals("ejml", backend.name());
        assertEquals(EnumSet.allOf(DType.class), backend.dtypes());
        assertEquals(Kernels.DEFAULT, backend.kernels(), "no fused kernels: the defaults");

        BackendInfo info = registry.list().stream().filter(i -> i.name().equals("ejml")).findFirst().orElseThrow();
        assertTrue(info.available());
        assertNull(info.reason());
        assertEquals(80, info.priority());
        assertTrue(info.description().contains("EJML"), info.description());
    }

    @Test
    void theSystemPropertySelectsIt() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());
        Backend b = registry.select(null, p -> p.equals(BackendRegistry.PROPERTY) ? "ejml" : null, e -> null);
        assertEquals("ejml", b.name());
        Matrix m = b.fromArray(2, 2, new double[] {1, 2, 3, 4}, DType.FLOAT32);
        assertEquals(22.0, m.dot(m).get(1, 1));
        assertEquals("ejml", m.backendName());
    }

    @Test
    void theProviderIsCheap() {
        EjmlBackendProvider provider = new EjmlBackendProvider();
        assertEquals("ejml", provider.name());
        assertEquals(80, provider.priority());
        assertInstanceOf(EjmlBackend.class, provider.create());
    }
}
