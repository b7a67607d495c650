package org.backprop4j.cli.run;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs never write into each other's folders, and what they write can be read by others. */
class RunFolderTest {

    private static final String[] TOY = {"train", "--quiet", "--data", "toy", "--hidden", "10", "--batch-size", "5",
            "--epochs", "2"};

    private static String[] toy(String... more) {
        return Stream.concat(Stream.of(TOY), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void defaultFoldersAreUniqueEvenWithinOneSecond(@TempDir Path root) throws Exception {
        Set<Path> dirs = new HashSet<>();
        List<RunFolder> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RunFolder f = RunFolder.createUnder(root);
                open.add(f);
                assertTrue(Files.isDirectory(f.dir()));
                dirs.add(f.dir());
            }
        } finally {
            for (RunFolder f : open) {
                f.close();
            }
        }
        assertEquals(4, dirs.size(), dirs.toString());
    }

    @Test
    void aFolderHoldingAnotherRunIsRefusedUnlessForced(@TempDir Path dir) {
        Path out = dir.resolve("run");
        assertEquals(ExitCode.OK, run(toy("--out", out.toString())).code());
        CliRun.Result again = run(toy("--out", out.toString()));
        assertEquals(ExitCode.USAGE, again.code(), again.both());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().contains(out.toString()) && again.err().contains("--force"), again.err());
        CliRun.Result forced = run(toy("--out", out.toString(), "--force"));
        assertEquals(ExitCode.OK, forced.code(), forced.both());
    }

    @Test
    void aSecondRunIntoAFolderInUseIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        try (RunFolder first = RunFolder.claim(out, false, null)) {
            CliRun.Result second = run(toy("--out", out.toString(), "--force"));
            assertEquals(ExitCode.USAGE, second.code(), second.both());
            assertEquals(1, second.errLines().size(), second.err());
            assertTrue(second.err().contains(out.toString()) && second.err().contains("another run"), second.err());
        }
        CliRun.Result after = run(toy("--out", out.toString(), "--force"));
        assertEquals(ExitCode.OK, after.code(), "the lock is released when the first run ends: " + after.both());
    }

    @Test
    void temporaryFilesOfAnInterruptedWriteAreRemovedAtStart(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(ExitCode.OK, run(toy("--out", out.toString())).code());
        Path staleCkpt = Files.writeString(out.resolve("last.ckpt.8231.tmp"), "half a checkpoint");
        Path staleJson = Files.writeString(out.resolve("run.json.77.tmp"), "{");
        Path mine = Files.writeString(out.resolve("notes.txt"), "kept");
        CliRun.Result r = run("train", "--quiet", "--resume", out.resolve("last.ckpt").toString(), "--epochs", "3",
                "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), "resuming into the run's own folder needs no --force: " + r.both());
        assertFalse(Files.exists(staleCkpt));
        assertFalse(Files.exists(staleJson));
        assertTrue(Files.exists(mine), "other files are left alone");
    }

    @Test
    void checkpointsAndJsonFilesGetTheOrdinaryFileMode(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX file modes");
        Path out = dir.resolve("run");
        Path history = dir.resolve("history-copy.json");
        assertEquals(ExitCode.OK, run(toy("--out", out.toString(), "--history-out", history.toString())).code());
        // a file made the ordinary way gets the mode the umask allows (0644 under umask 022)
        var ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
        for (Path f : new Path[] {out.resolve("best.ckpt"), out.resolve("last.ckpt"), out.resolve("history.json"),
                out.resolve("run.json"), history}) {
            assertEquals(ordinary, Files.getPosixFilePermissions(f), f.toString());
        }
    }
}
