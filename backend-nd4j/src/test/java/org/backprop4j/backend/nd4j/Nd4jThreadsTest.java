package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread configuration: products split over every core and OpenMP one thread by default, OpenBLAS
 * always one thread, and {@code -Dbackprop4j.nd4j.threads=N} limiting every pool to N, read back from
 * the backend, libnd4j and OpenBLAS's wrapper after the backend started.
 */
class Nd4jThreadsTest {

    @Test
    void defaultGivesTheProductsEveryCoreAndTheElementWiseOpsOne() {
        assertEquals(new Nd4jThreads(2, 1), Nd4jThreads.resolve(null, 2));
        assertEquals(new Nd4jThreads(16, 1), Nd4jThreads.resolve("  ", 16));
        assertEquals(new Nd4jThreads(1, 1), Nd4jThreads.resolve(null, 0), "at least one thread");
    }

    @Test
    void thePropertyLimitsEveryPool() {
        assertEquals(new Nd4jThreads(3, 3), Nd4jThreads.resolve("3", 2));
        assertEquals(new Nd4jThreads(1, 1), Nd4jThreads.resolve(" 1 ", 8));
    }

    @Test
    void aBadPropertyIsNamedInOneSentence() {
        for (String bad : List.of("0", "-2", "two", "1.5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Nd4jThreads.resolve(bad, 2));
            assertEquals("System property backprop4j.nd4j.threads='" + bad + "' is not a positive thread count.",
                    e.getMessage());
        }
    }

    /** This JVM started the backend without the property: the default is in force. */
    @Test
    void theStartedBackendRunsTheDefault() {
        Nd4jBackend.backend();
        assertEquals(Nd4jThreads.resolve(null, Nd4jThreads.physicalCores()), Nd4jThreads.current());
        assertEquals(1, Nd4jThreads.openBlasThreads(), "OpenBLAS's own workers would spin between calls");
    }

    @Test
    void thePropertyIsAppliedAtStart(@TempDir Path tmp) throws Exception {
        assertEquals("products=1 openMp=1 openblas=1", child(tmp, "-D" + Nd4jBackend.THREADS_PROPERTY + "=1"));
        assertEquals("products=3 openMp=3 openblas=1", child(tmp, "-D" + Nd4jBackend.THREADS_PROPERTY + "=3"));
    }

    @Test
    void aBadPropertyMakesTheBackendUnavailableWithTheSentence(@TempDir Path tmp) throws Exception {
        String out = child(tmp, "-D" + Nd4jBackend.THREADS_PROPERTY + "=lots");
        assertTrue(out.startsWith("unavailable: "), out);
        assertTrue(out.contains("System property backprop4j.nd4j.threads='lots' is not a positive thread count."), out);
    }

    /** Runs {@link ThreadsMain} in a child JVM with {@code option}; returns its last line of output. */
    private static String child(Path tmp, String option) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile(tmp, "threads", ".txt");
        List<String> cmd = new ArrayList<>(List.of(java, option, "-cp", System.getProperty("java.class.path"),
                ThreadsMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM did not finish");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }
}
