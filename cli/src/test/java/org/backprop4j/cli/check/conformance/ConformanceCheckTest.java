package org.backprop4j.cli.check.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.backprop4j.backend.BackendProvider;
import org.backprop4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --conformance}: its output and exit codes on naive, on the broken toy backend's jar, and on errors. */
class ConformanceCheckTest {

    /** The example backend's jar and its test jar (which holds toy-broken), as the build resolved them. */
    private static String toyJars() {
        String toy = System.getProperty("backprop4j.test.toyJar");
        String broken = System.getProperty("backprop4j.test.brokenToyJar");
        assertTrue(toy != null && broken != null, "the build passes the toy backend's jars");
        return toy + File.pathSeparator + broken;
    }

    @Test
    void naiveConformsWithOneNotebookStyleLinePerCheck() {
        CliRun.Result r = CliRun.run("check", "--conformance", "--backend", "naive");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().startsWith("Conformance of backend naive"), r.out());
        for (String group : new String[] {"matrix contract", "NumPy reference vectors", "agreement with the reference",
                "numeric gradients", "determinism", "concurrency"}) {
            assertTrue(r.out().contains("\n" + group + "\n"), group + " missing:\n" + r.out());
        }
        assertTrue(Pattern
                .compile("\n  affine_backward numeric gradients N=7 D=13 M=5 float64 error: \\d\\.\\d\\de-\\d\\d ✓\n")
                .matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("\n  Matrix transpose float64 ✓\n"), r.out());
        assertTrue(Pattern.compile("\n  affine_forward/backward N=33 D=65 M=17 float64, float32 vs reference error: "
                + "\\d\\.\\d\\de[-+]\\d\\d \\(float64\\), \\d\\.\\d\\de-\\d\\d \\(float32\\) ✓\n").matcher(r.out())
                .find(), r.out());
        assertFalse(r.out().contains("✗"), r.out());
        assertTrue(Pattern.compile("\n(\\d+) checks: \\1 passed, 0 failed \\(.* s\\)\\. Backend naive conforms\\.\n")
                .matcher(r.out()).find(), r.out());
    }

    @Test
    void theBrokenToyBackendFailsNamingOperationShapeAndDtype() {
        CliRun.Result r = CliRun.run("check", "--conformance", "--backend", "toy-broken", "--classpath", toyJars());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.out().contains("\n  Matrix sum, max, mean, sumOfSquares, norm, min float64 error: 1.00e+00 ✗\n"),
                r.out());
        assertTrue(r.out().contains("sum(axis=0) (1, 1) float64: element 0"), r.out());
        assertTrue(Pattern.compile("\n  affine_forward/backward N=1 D=1 M=1 float64, float32 vs reference error: "
                + "\\d\\.\\d\\de[-+]\\d\\d( \\(float64\\), [^\n]* \\(float32\\))? ✗\n").matcher(r.out()).find(),
                r.out());
        assertTrue(r.out().contains("\n  Matrix transpose float64 ✓\n"), r.out());
        assertTrue(r.out().contains("Backend toy-broken does NOT conform."), r.out());
    }

    @Test
    void jsonListsEveryCheckWithItsErrorAndFailure() throws IOException {
        CliRun.Result r = CliRun.run("check", "--conformance", "--backend", "toy-broken", "--classpath", toyJars(),
                "--json");
        assertEquals(1, r.code(), r.both());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("toy-broken", j.get("backend").asText());
        assertFalse(j.get("passed").asBoolean());
        assertTrue(j.get("failed_count").asInt() > 10, r.out());
        assertEquals(j.get("total").asInt(), j.get("checks").size());
        boolean sawSum = false;
        for (JsonNode c : j.get("checks")) {
            if (!c.get("passed").asBoolean()) {
                assertTrue(c.get("failure").asText().matches("(?s).*(float64|float32).*"), c.toString());
                sawSum |= c.get("failure").asText().contains("sum(axis=0) (1, 1)");
            }
        }
        assertTrue(sawSum, r.out());
    }

    @Test
    void anUnknownBackendOrAMissingJarIsAUserError(@TempDir Path dir) {
        CliRun.Result unknown = CliRun.run("check", "--conformance", "--backend", "nosuch");
        assertEquals(2, unknown.code(), unknown.both());
        assertEquals(1, unknown.errLines().size(), unknown.err());
        assertTrue(unknown.err().contains("nosuch"), unknown.err());
        CliRun.Result missing = CliRun.run("check", "--conformance", "--backend", "toy", "--classpath",
                dir.resolve("toy.jar").toString());
        assertEquals(2, missing.code(), missing.both());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().contains("no such jar or folder") && missing.err().contains("toy.jar"),
                missing.err());
    }

    @Test
    void aBackendThatFailsToStartIsReportedWithItsReason(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + BackendProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, FailingBackendProvider.class.getName() + "\n");
        CliRun.Result r = CliRun.run("check", "--conformance", "--backend", "failing", "--classpath", dir.toString());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.out().contains("Backend failing is unavailable: it failed to start."), r.out());
        assertTrue(r.out().contains("reason: IllegalStateException: libfailing.so: cannot open shared object file"),
                r.out());
    }
}
