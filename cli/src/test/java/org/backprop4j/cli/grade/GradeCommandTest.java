package org.backprop4j.cli.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j grade}: the skeleton, a reference solution's jar, a misbehaving jar, and the user errors. */
class GradeCommandTest {

    private static final List<String> FUNCTIONS = List.of("affine_forward", "affine_backward", "relu_forward",
            "relu_backward", "softmax_loss", "svm_loss", "batchnorm_forward", "batchnorm_backward", "dropout_forward",
            "dropout_backward", "TwoLayerNet.loss");

    @TempDir
    Path tmp;

    /**
     * The skeleton as the reactor built it: its jar after {@code mvn package} (so in {@code mvn verify}), its
     * classes before (a {@code mvn test} run); the cli module depends on it, so it is built first.
     */
    private static Path skeleton() {
        Path target = Path.of("..", "examples", "student-layers", "target");
        Path jar = target.resolve("student-layers.jar");
        return Files.exists(jar) ? jar : target.resolve("classes");
    }

    @Test
    void theSkeletonGradesAllTodo() {
        assertAllTodo(skeleton());
    }

    @Test
    void theSkeletonsClassesDirectoryGradesAllTodoToo() {
        assertAllTodo(Path.of("..", "examples", "student-layers", "target", "classes"));
    }

    private static void assertAllTodo(Path skeleton) {
        CliRun.Result r = CliRun.run("grade", skeleton.toString(), "--backend", "pure");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.out().startsWith("Grading " + skeleton + " (org.backprop4j.student.StudentKernels, "
                + "org.backprop4j.student.StudentTwoLayerNet) on pure"), r.out());
        for (String f : FUNCTIONS) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(Pattern.quote(f) + " +TODO  not written yet")),
                    f + "\n" + r.out());
        }
        assertTrue(r.out().contains("Total: 0 of 11 passed; 11 TODO."), r.out());
    }

    @Test
    void aJarOfTheReferenceSolutionPasses() throws IOException {
        Path jar = StudentJars.build(tmp.resolve("solution.jar"), "org.backprop4j.cli.grade.solution",
                StudentJars.kernelsAndNet("org.backprop4j.cli.grade.solution.SolutionKernels",
                        "org.backprop4j.cli.grade.solution.SolutionNet"));
        CliRun.Result r = CliRun.run("grade", jar.toString(), "--backend", "pure");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("affine_forward      PASS  Testing affine_forward function: difference: 9.77e-10"),
                r.out());
        assertTrue(r.out().contains("Total: 11 of 11 passed."), r.out());
    }

    @Test
    void classesNamedInTheManifestAreGraded() throws IOException {
        Path jar = StudentJars.build(tmp.resolve("manifest.jar"), List.of("org.backprop4j.cli.grade.solution"),
                Map.of(),
                Map.of("Kernels-Class", "org.backprop4j.cli.grade.solution.SolutionKernels", "TwoLayerNetLoss-Class",
                        "org.backprop4j.cli.grade.solution.SolutionNet"));
        CliRun.Result r = CliRun.run("grade", jar.toString(), "--backend", "pure");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("(org.backprop4j.cli.grade.solution.SolutionKernels, "
                + "org.backprop4j.cli.grade.solution.SolutionNet)"), r.out());
    }

    @Test
    void aMethodLeftToKernelsDefaultIsTodoNotTheReferencesPass() throws IOException {
        Path jar = StudentJars.build(tmp.resolve("partial.jar"), "org.backprop4j.cli.grade.partial",
                Map.of("org.backprop4j.kernel.Kernels", "org.backprop4j.cli.grade.partial.AffineOnlyKernels"));
        CliRun.Result r = CliRun.run("grade", jar.toString(), "--backend", "pure");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.out().contains("affine_forward      PASS  "), r.out());
        assertTrue(r.out().contains("relu_backward       TODO  not written: AffineOnlyKernels does not override "
                + "reluBackward (Kernels' own default, the reference, is not graded)."), r.out());
        assertTrue(r.out().contains("Total: 1 of 11 passed; 10 TODO."), r.out());
    }

    @Test
    void jsonHasOneEntryPerFunction() throws IOException {
        Path jar = StudentJars.build(tmp.resolve("kernels-only.jar"), "org.backprop4j.cli.grade.solution",
                Map.of("org.backprop4j.kernel.Kernels", "org.backprop4j.cli.grade.solution.SolutionKernels"));
        CliRun.Result r = CliRun.run("grade", jar.toString(), "--backend", "pure", "--json");
        assertEquals(1, r.code(), r.both());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(11, j.get("functions").size());
        assertEquals(10, j.get("passed").asInt());
        assertEquals(false, j.get("all_passed").asBoolean());
        JsonNode net = j.get("functions").get(10);
        assertEquals("TwoLayerNet.loss", net.get("function").asText());
        assertEquals("TODO", net.get("status").asText());
        assertEquals("Testing affine_forward function: difference: 9.77e-10",
                j.get("functions").get(0).get("line").asText());
    }

    @Test
    void aFunctionThatLoopsThrowsOrFillsTheHeapGetsItsLineAndTheRestIsGraded() throws Exception {
        Path jar = StudentJars.build(tmp.resolve("misbehaving.jar"),
                List.of("org.backprop4j.cli.grade.misbehaving", "org.backprop4j.cli.grade.solution"),
                Map.of("org.backprop4j.kernel.Kernels", "org.backprop4j.cli.grade.misbehaving.MisbehavingKernels"),
                Map.of());
        // a process of its own: the endless loop spins until that JVM exits, and its heap is small
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.backprop4j.cli.Main", "grade", jar.toString(), "--backend", "pure", "--time-limit", "3"));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile())
                .start();
        long start = System.nanoTime();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "grade did not finish");
        } finally {
            p.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), text + Files.readString(tmp.resolve("err.txt")));
        assertTrue(text.contains("affine_forward      TIME  did not return within the time limit of 3.00 s (an "
                + "endless loop?); left running, the other functions are graded."), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("relu_backward       ERR   threw IllegalArgumentException: ")
                && l.matches(
                        ".*shapes \\(10, 10\\) and \\(1, 10\\) \\(at MisbehavingKernels.java:\\d+, in reluBackward\\)\\.")),
                text);
        assertTrue(
                text.lines()
                        .anyMatch(l -> l.startsWith("softmax_loss        OOM   ran out of memory (Java heap space)")),
                text);
        for (String f : List.of("affine_backward", "relu_forward", "svm_loss", "batchnorm_forward",
                "batchnorm_backward", "dropout_forward", "dropout_backward")) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(String.format("%-19s PASS  ", f))), f + "\n" + text);
        }
        assertTrue(text.contains("Total: 7 of 11 passed; 1 TODO, 1 threw, 1 timed out, 1 out of memory."), text);
        assertTrue(seconds < 3 + 60, "grading took " + seconds + " s");
    }

    @Test
    void userErrorsAreOneSentenceWithExitCode2() throws IOException {
        CliRun.Result missing = CliRun.run("grade", tmp.resolve("nope.jar").toString());
        assertEquals(2, missing.code(), missing.both());
        assertEquals(List.of("error: student jar " + tmp.resolve("nope.jar") + " does not exist."),
                missing.errLines());

        Path empty = StudentJars.build(tmp.resolve("empty.jar"), "org.backprop4j.cli.grade.solution", Map.of());
        CliRun.Result none = CliRun.run("grade", empty.toString());
        assertEquals(2, none.code(), none.both());
        assertEquals(List.of("error: student jar " + empty + " holds no Kernels: list your class in "
                + "META-INF/services/org.backprop4j.kernel.Kernels (or name it in the manifest as Kernels-Class)."),
                none.errLines());

        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a jar");
        CliRun.Result notJar = CliRun.run("grade", text.toString());
        assertEquals(2, notJar.code(), notJar.both());
        assertEquals(1, notJar.errLines().size(), notJar.both());
        assertTrue(notJar.err().contains("is not a jar (zip) file"), notJar.err());

        CliRun.Result nothing = CliRun.run("grade");
        assertEquals(2, nothing.code(), nothing.both());
        assertEquals(List.of("error: grade needs the student's JAR (or --reference for the reference solution)."),
                nothing.errLines());
    }
}
