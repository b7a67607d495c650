package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged program ({@code cli/target/backprop4j.jar} with its {@code lib/}), run as a user runs
 * it, in a child JVM: every backend's {@code META-INF/services} entry survives packaging, ND4J starts
 * without log noise, and a bad backend name gives one line and exit code 2.
 */
class PackagedCliTest {

    private static Path jar;

    @BeforeAll
    static void findTheJar() {
        jar = Path.of("..", "cli", "target", "backprop4j.jar").toAbsolutePath().normalize();
        assertTrue(Files.exists(jar), jar + " is built by the cli module's package phase, before these tests run");
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the program finishes");
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void allFourBackendsAreFoundInThePackagedProgram() throws Exception {
        Result r = run(List.of(), "backends", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> available = new ArrayList<>();
        j.get("backends").forEach(b -> {
            if (b.get("available").asBoolean()) {
                available.add(b.get("name").asText());
            }
        });
        assertTrue(available.containsAll(BackendsUnderTest.EXPECTED), "available: " + available + "\n" + r.out());
    }

    @Test
    void nd4jStartsQuietly() throws Exception {
        Result r = run(List.of(), "check", "--backend", "nd4j", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().isBlank(), "nothing on standard error: " + r.err());
        new ObjectMapper().readTree(r.out()); // standard output is exactly one JSON document
    }

    @Test
    void anUnknownBackendInTheSystemPropertyGivesOneLineAndExitTwo() throws Exception {
        Result r = run(List.of("-Dbackprop4j.backend=nosuch"), "check");
        assertEquals(2, r.code());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains("nosuch") && lines[0].contains("pure") && lines[0].contains("nd4j"), lines[0]);
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
