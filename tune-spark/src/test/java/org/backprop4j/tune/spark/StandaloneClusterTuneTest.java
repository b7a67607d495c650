package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune --spark spark://…} on a real standalone cluster on 127.0.0.1 (a Master and two Workers of one
 * core, {@link TestCluster}), the driver a program of its own as a user runs it: the 6-trial search is the one
 * local {@code tune} writes; it still is when a Worker is killed ({@code kill -9}) mid-search; a driver with a
 * wrong secret is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTuneTest {

    @TempDir
    static Path dir;

    private static TestCluster cluster;
    private static Path local;
    private static Cli.Result localRun;

    @BeforeAll
    static void startClusterAndSearchLocally() throws Exception {
        local = dir.resolve("local");
        localRun = Cli.run(LocalSparkTuneTest.search(local).toArray(String[]::new));
        assertEquals(ExitCode.OK, localRun.code(), localRun.both());
        cluster = new TestCluster(dir, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What the driver program printed and returned. */
    private record Driver(int code, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /**
     * Runs {@code backprop4j tune … --spark MASTER} as a program of its own, with the secret in a file named by
     * the environment; {@code whenOut} is called with each line of its output.
     */
    private static Driver driver(Path out, String secret, Consumer<String> whenOut, String... more) throws Exception {
        List<String> args = new ArrayList<>(LocalSparkTuneTest.search(out, "--spark", cluster.master()));
        args.addAll(List.of(more));
        return driverOf(args, secret, whenOut);
    }

    /** Runs {@code backprop4j args…} as a program of its own (see {@link #driver}). */
    private static Driver driverOf(List<String> args, String secret, Consumer<String> whenOut) throws Exception {
        // Spark's logging as the launcher's class path has it: packaged, cli's jar names slf4j-nop in its manifest
        List<String> cmd = new ArrayList<>(List.of(TestCluster.java(), "-Xmx512m",
                "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")),
                "org.backprop4j.cli.Main"));
        cmd.addAll(args);
        Path out = Path.of(args.get(args.indexOf("--out") + 1));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve(out.getFileName() + ".err").toFile());
        pb.environment().put(SparkSecret.FILE_VARIABLE, cluster.secretFile(dir, secret).toString());
        Process p = pb.start();
        try {
            StringBuilder sb = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sb.append(line).append('\n');
                    whenOut.accept(line);
                }
            }
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the driver did not end");
            return new Driver(p.exitValue(), sb.toString(), Files.readString(dir.resolve(out.getFileName() + ".err")));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void aSixTrialSearchOnTheClusterIsTheLocalSearch() throws Exception {
        Path out = dir.resolve("cluster");
        Driver d = driver(out, cluster.secret(), line -> {
        });
        assertEquals(ExitCode.OK, d.code(), d.both() + cluster.logs());
        SameSearch.assertSame(local, out);
        assertEquals(SameSearch.table(localRun.out()), SameSearch.table(d.out()));
        assertTrue(d.out().contains("6 of 6: done 6, running 0, failed 2"), d.out());
    }

    /**
     * Data from a file of the driver's machine reach the executors by broadcast: the file is gone before the
     * first trial starts, and the search is still the local one.
     */
    @Test
    @Order(2)
    void dataFromTheDriversDiskNeedNoSharedFileSystem() throws Exception {
        Path npz = dir.resolve("data.npz");
        Files.copy(Path.of("..", "datasets", "src", "test", "resources", "org", "backprop4j", "datasets", "fixtures",
                "npz", "data.npz"), npz);
        List<String> search = List.of("--data", "npz:" + npz, "--hidden", "4", "--lr", "0.1,0.5", "--reg",
                "0,1e-3", "--batch-size", "3", "--epochs", "3");
        Path localNpz = dir.resolve("local-npz");
        List<String> localArgs = new ArrayList<>(List.of("tune", "--out", localNpz.toString()));
        localArgs.addAll(search);
        Cli.Result l = Cli.run(localArgs.toArray(String[]::new));
        assertEquals(ExitCode.OK, l.code(), l.both());
        Path out = dir.resolve("cluster-npz");
        List<String> args = new ArrayList<>(List.of("tune", "--out", out.toString(), "--spark", cluster.master()));
        args.addAll(search);
        Driver d = driverOf(args, cluster.secret(), line -> {
            if (line.startsWith("data:")) {
                try {
                    Files.delete(npz);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertEquals(ExitCode.OK, d.code(), d.both() + cluster.logs());
        assertTrue(Files.notExists(npz));
        SameSearch.assertSame(localNpz, out);
        assertEquals(SameSearch.table(l.out()), SameSearch.table(d.out()));
    }

    @Test
    @Order(3)
    void aWrongSecretIsRefused() throws Exception {
        Path out = dir.resolve("intruder");
        Driver d = driver(out, "not-" + cluster.secret(), line -> {
        }, "--spark-conf", SparkTuneExecutorFactory.WAIT + "=15");
        assertEquals(ExitCode.USAGE, d.code(), d.both());
        assertTrue(d.err().contains("no executor of " + cluster.master() + " joined within 15 s"), d.err());
        assertTrue(Files.notExists(out.resolve("results.json")), "no trial ran");
        assertTrue(cluster.logs().contains("Authentication") || cluster.logs().contains("authentic")
                || cluster.logs().contains("SASL") || cluster.logs().contains("Sasl"),
                "the master refused the connection: " + cluster.logs());
    }

    @Test
    @Order(4)
    void aWorkerKilledMidSearchLeavesTheSameSearch() throws Exception {
        Path out = dir.resolve("killed");
        Process victim = cluster.workers().get(0);
        Driver d = driver(out, cluster.secret(), line -> {
            if (line.startsWith("trial ") && victim.isAlive()) {
                victim.destroyForcibly(); // SIGKILL
            }
        }, "--spark-conf", "spark.task.maxFailures=4");
        assertTrue(!victim.isAlive(), "the worker was killed");
        assertEquals(ExitCode.OK, d.code(), d.both() + cluster.logs());
        assertTrue(d.err().contains("Lost task") || d.err().contains("Lost executor"),
                "the killed worker's executor was lost, its trial re-run: " + d.err());
        SameSearch.assertSame(local, out);
        assertEquals(SameSearch.table(localRun.out()), SameSearch.table(d.out()));
    }
}
