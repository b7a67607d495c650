package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.matrix.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through {@link java.util.ServiceLoader}, and a native failure contained in {@code create()}. */
class Nd4jProviderTest {

    @Test
    void discoveredThroughTheServiceLoader() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());
        assertTrue(registry.names().contains("nd4j"), registry.names().toString());
        assertTrue(registry.loadProblems().isEmpty(), registry.loadProblems().toString());
        BackendInfo info = registry.list().stream().filter(i -> i.name().equals("nd4j")).findFirst().orElseThrow();
        assertTrue(info.available(), "reason: " + info.reason());
        assertNull(info.reason());
        assertEquals(60, info.priority());
        assertEquals(EnumSet.allOf(DType.class), info.dtypes());
        Backend backend = registry.get("ND4J");
        assertEquals("nd4j", backend.name());
        assertSame(Nd4jBackend.backend(), backend, "one backend per JVM: ND4J's state is global");
        assertEquals(22.0, backend.fromArray(2, 2, new double[] {1, 2, 3, 4}, DType.FLOAT32)
                .dot(backend.fromArray(2, 2, new double[] {1, 2, 3, 4}, DType.FLOAT32)).get(1, 1), 0.0);
    }

    /** A class loader that records every class it is asked for. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> requested = new ArrayList<>();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (requested) {
                requested.add(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static URL[] testClassPath() throws MalformedURLException {
        String[] parts = System.getProperty("java.class.path").split(File.pathSeparator);
        URL[] urls = new URL[parts.length];
        for (int i = 0; i < parts.length; i++) {
            urls[i] = new File(parts[i]).toURI().toURL();
        }
        return urls;
    }

    /** Listing the providers constructs Nd4jProvider; that must not load a single ND4J or JavaCPP class. */
    @Test
    void constructingTheProviderLoadsNoNativeClass() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(testClassPath())) {
            Class<?> registry = loader.loadClass("org.backprop4j.backend.BackendRegistry");
            Object r = registry.getMethod("load", ClassLoader.class).invoke(null, loader);
            Object names = registry.getMethod("names").invoke(r);
            assertEquals(List.of("nd4j"), names);
            List<String> seen;
            synchronized (loader.requested) {
                seen = new ArrayList<>(loader.requested);
            }
            assertTrue(seen.contains("org.backprop4j.backend.nd4j.Nd4jProvider"), seen.toString());
            for (String name : seen) {
                assertFalse(name.startsWith("org.nd4j.") || name.startsWith("org.bytedeco."),
                        "provider construction loaded " + name);
                assertFalse(name.equals("org.backprop4j.backend.nd4j.Nd4jBackend"), "Nd4jBackend loaded eagerly");
            }
        }
    }

    /**
     * In a child JVM whose JavaCPP looks for Windows binaries, ND4J's native load fails; the registry
     * must list nd4j as unavailable with the UnsatisfiedLinkError as reason, and nothing escapes.
     */
    @Test
    void nativeFailureIsContained(@TempDir Path tmp) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.platform=windows-x86_64",
                "-cp", System.getProperty("java.class.path"), ListBackendsMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("names=[nd4j]"), text);
        assertTrue(text.contains("info nd4j available=false reason="), text);
        String reason = text.lines().filter(l -> l.startsWith("info nd4j")).findFirst().orElseThrow();
        assertTrue(reason.contains("UnsatisfiedLinkError"), reason);
        assertTrue(text.contains("get nd4j: BackendUnavailableException: Backend 'nd4j' is unavailable ("), text);
        assertTrue(text.contains("done"), text);
        assertFalse(text.contains("Exception in thread"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }
}
