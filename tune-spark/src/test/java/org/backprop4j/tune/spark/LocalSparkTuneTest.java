package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tune --spark local[2]} writes the search that local {@code tune} writes, and refuses bad settings early. */
class LocalSparkTuneTest {

    /** Six trials on the bundled digits, two of which diverge (lr 1000). */
    static List<String> search(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("tune", "--num-train", "200", "--epochs", "2", "--batch-size",
                "50", "--hidden", "16", "--lr", "1e-2,0.2,1000", "--reg", "1e-4,1e-3", "--jobs", "2", "--out",
                out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void localTwoGivesTheSearchOfLocalTune(@TempDir Path dir) throws Exception {
        Cli.Result local = Cli.run(search(dir.resolve("local")).toArray(String[]::new));
        assertEquals(ExitCode.OK, local.code(), local.both());
        Cli.Result spark = Cli.run(search(dir.resolve("spark"), "--spark", "local[2]").toArray(String[]::new));
        assertEquals(ExitCode.OK, spark.code(), spark.both());
        SameSearch.assertSame(dir.resolve("local"), dir.resolve("spark"));
        assertEquals(SameSearch.table(local.out()), SameSearch.table(spark.out()));
        assertTrue(spark.out().contains("6 of 6: done 6, running 0, failed 2"), spark.out());
        assertTrue(spark.out().contains("spark:  local[2], Spark 4.2.0"), spark.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yarn", "local[0]", "spark://host", "mesos://h:5050", "k8s://h"})
    void mastersOtherThanLocalAndStandaloneAreRefused(String master, @TempDir Path dir) {
        Cli.Result r = Cli.run(search(dir.resolve("t"), "--spark", master).toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertTrue(r.err().contains("--spark takes local[*], local[N] or spark://HOST:PORT"), r.err());
        assertTrue(Files.notExists(dir.resolve("t")), "refused before anything is written");
    }

    @Test
    void aSecretOnTheCommandLineIsRefused(@TempDir Path dir) {
        Cli.Result r = Cli.run(search(dir.resolve("t"), "--spark", "local[2]", "--spark-conf",
                "spark.authenticate.secret=hunter2").toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(SparkSecret.VARIABLE) && !r.err().contains("hunter2"), r.err());
        assertTrue(Files.notExists(dir.resolve("t")), "refused before anything is written");
    }
}
