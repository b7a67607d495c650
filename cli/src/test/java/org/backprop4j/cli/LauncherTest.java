package org.backprop4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./backprop4j} launcher, run by bash on a copy of it in a fresh tree, with stand-ins for
 * {@code mvn} (logs each build, takes two seconds, writes the jar, prints Maven-like noise) and {@code java}
 * (logs how it was called): two first calls at once build once, a call through symlinks finds the real tree,
 * the build stays quiet unless it fails.
 */
class LauncherTest {

    /** How the launcher starts the program: with the Vector API module, for pure's SIMD kernels. */
    private static final String RUN_JAR = "java --add-modules jdk.incubator.vector -jar ";

    private static final Path LAUNCHER = Path.of("..", "backprop4j");

    @TempDir
    Path tmp;

    private Path repo;
    private Path fakeBin;
    private Path log;

    private static Optional<Path> onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @BeforeEach
    void freshTree() throws IOException {
        assumeTrue(onPath("bash").isPresent(), "bash is not installed: the launcher cannot be run");
        assertTrue(Files.isRegularFile(LAUNCHER), "the launcher is at the root of the repository");
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(LAUNCHER, repo.resolve("backprop4j"));
        Files.setPosixFilePermissions(repo.resolve("backprop4j"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(repo.resolve("cli/src/main/java"));
        Files.writeString(repo.resolve("cli/src/main/java/Main.java"), "class Main {}\n");
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        log = tmp.resolve("calls.log");
        script(fakeBin.resolve("mvn"),
                "echo \"[INFO] Scanning for projects...\"\necho \"build in $(pwd)\" >> \"$FAKE_LOG\"\n"
                        + "sleep 2\n[ -n \"$FAKE_FAIL\" ] && { echo '[ERROR] COMPILATION ERROR'; exit 1; }\n"
                        + "mkdir -p cli/target && : > cli/target/backprop4j.jar\n");
        script(fakeBin.resolve("java"), "echo \"java $*\" >> \"$FAKE_LOG\"\necho ran\n");
    }

    private record Result(int code, String err) {
    }

    private Process start(Path launcher, String path, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(onPath("bash").orElseThrow().toString(), launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("PATH", fakeBin + File.pathSeparator + path);
        pb.environment().put("FAKE_LOG", log.toString());
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static Result finish(Process p) throws Exception {
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), err);
        } finally {
            p.destroyForcibly();
        }
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void assertTwoFirstCallsBuildOnce(String path) throws Exception {
        Process first = start(repo.resolve("backprop4j"), path, Map.of(), "check");
        Process second = start(repo.resolve("backprop4j"), path, Map.of(), "backends");
        Result a = finish(first);
        Result b = finish(second);
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        String jar = repo.toRealPath().resolve("cli/target/backprop4j.jar").toString();
        List<String> calls = calls();
        assertEquals(1, calls.stream().filter(c -> c.startsWith("build in ")).count(), "one build: " + calls);
        assertTrue(calls.contains(RUN_JAR + jar + " check") && calls.contains(RUN_JAR + jar + " backends"),
                calls.toString());
        String both = a.err() + b.err();
        assertEquals(1, both.lines().filter(l -> l.startsWith("backprop4j: building the program")).count(), both);
        assertTrue(both.contains("backprop4j: waiting for the build another backprop4j started..."), both);
        assertTrue(!both.contains("[INFO]"), "Maven's output only when the build fails: " + both);

        Result third = finish(start(repo.resolve("backprop4j"), path, Map.of(), "check"));
        assertEquals("", third.err(), "a built program starts at once");
        assertEquals(1, calls().stream().filter(c -> c.startsWith("build in ")).count());
    }

    @Test
    void twoFirstCallsAtOnceBuildOnceWithFlock() throws Exception {
        assumeTrue(onPath("flock").isPresent(), "flock (util-linux) is not installed");
        assertTwoFirstCallsBuildOnce(System.getenv("PATH"));
    }

    /** A PATH with every tool of this one but flock: the launcher falls back on its lock directory. */
    @Test
    void twoFirstCallsAtOnceBuildOnceWithoutFlock() throws Exception {
        Path noFlock = Files.createDirectories(tmp.resolve("no-flock-bin"));
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (d.isEmpty() || !Files.isDirectory(Path.of(d))) {
                continue;
            }
            try (Stream<Path> tools = Files.list(Path.of(d))) {
                for (Path t : (Iterable<Path>) tools::iterator) {
                    Path link = noFlock.resolve(t.getFileName().toString());
                    if (!t.getFileName().toString().equals("flock") && Files.isExecutable(t) && !Files.exists(link)) {
                        Files.createSymbolicLink(link, t);
                    }
                }
            }
        }
        assertTwoFirstCallsBuildOnce(noFlock.toString());
        assertTrue(Files.notExists(repo.resolve("target/.launcher-build.lock.d")), "the lock directory is removed");
    }

    @Test
    void callsThroughSymlinksFindTheRealTree() throws Exception {
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path elsewhere = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(links.resolve("bp1"), Path.of("..", "repo", "backprop4j"));
        Files.createSymbolicLink(elsewhere.resolve("backprop4j"), Path.of("..", "links", "bp1"));
        Result r = finish(start(elsewhere.resolve("backprop4j"), System.getenv("PATH"), Map.of(), "check", "--json"));
        assertEquals(0, r.code(), r.err());
        String jar = repo.toRealPath().resolve("cli/target/backprop4j.jar").toString();
        assertEquals(List.of("build in " + repo.toRealPath(), RUN_JAR + jar + " check --json"), calls());
        assertTrue(Files.notExists(elsewhere.resolve("cli")), "nothing is built beside the symlink");
    }

    /**
     * {@code tune --spark} builds and runs the tune-spark module, with Spark's jars on the class path; without
     * {@code --spark}, the same tree builds and runs cli alone.
     */
    @Test
    void sparkRunsFromTheTuneSparkModuleAndTheRestWithoutIt() throws Exception {
        script(fakeBin.resolve("mvn"), "echo \"build $*\" >> \"$FAKE_LOG\"\n"
                + "mkdir -p cli/target tune-spark/target && : > cli/target/backprop4j.jar\n"
                + ": > tune-spark/target/backprop4j-tune-spark.jar\n");
        Result r = finish(start(repo.resolve("backprop4j"), System.getenv("PATH"), Map.of(), "tune", "--spark",
                "local[2]"));
        assertEquals(0, r.code(), r.err());
        Path root = repo.toRealPath();
        Path spark = root.resolve("tune-spark/target");
        assertEquals(List.of("build -B -Dstyle.color=never -DskipTests -pl tune-spark -am package",
                "java --add-modules jdk.incubator.vector -cp " + spark.resolve("backprop4j-tune-spark.jar") + ":"
                        + spark.resolve("lib") + "/* org.backprop4j.cli.Main tune --spark local[2]"),
                calls());
        Result train = finish(start(repo.resolve("backprop4j"), System.getenv("PATH"), Map.of(), "train"));
        assertEquals(0, train.code(), train.err());
        assertEquals(RUN_JAR + root.resolve("cli/target/backprop4j.jar") + " train", calls().get(calls().size() - 1),
                "train runs cli's jar alone (and it was built already)");
        // a change in tune-spark makes its jar stale, not cli's
        Thread.sleep(1100); // file times of a second's resolution
        Files.createDirectories(repo.resolve("tune-spark/src/main/java"));
        Files.writeString(repo.resolve("tune-spark/src/main/java/Spark.java"), "class Spark {}\n");
        assertEquals(0, finish(start(repo.resolve("backprop4j"), System.getenv("PATH"), Map.of(), "train")).code());
        assertEquals(1, calls().stream().filter(c -> c.startsWith("build ")).count(), calls().toString());
        assertEquals(0, finish(start(repo.resolve("backprop4j"), System.getenv("PATH"), Map.of(), "tune", "--spark",
                "local[*]")).code());
        assertEquals(2, calls().stream().filter(c -> c.startsWith("build ")).count(), calls().toString());
    }

    @Test
    void aFailedBuildShowsMavensOutputAndExitsOne() throws Exception {
        Result r = finish(start(repo.resolve("backprop4j"), System.getenv("PATH"), Map.of("FAKE_FAIL", "1"), "check"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("[ERROR] COMPILATION ERROR") && r.err().endsWith(
                "backprop4j: the build failed (Maven's output above).\n"), r.err());
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("java ")), "nothing is run after a failed build");
    }
}
