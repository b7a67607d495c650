package org.backprop4j.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.cli.Main;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval, predict and visualize check their paths first and say in one sentence what they expected. */
class CheckpointPathsTest {

    @TempDir
    Path dir;

    private static List<String> errorLines(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expectedCode, code, err.toString());
        return List.of(err.toString().strip().split("\\R"));
    }

    @Test
    void evalOnADirectorySaysWhichFileItTakes() throws IOException {
        assertEquals(List.of("error: " + dir + " is a directory, but eval takes a checkpoint file such as"
                + " runs/<date-time>/best.ckpt."), errorLines(ExitCode.USAGE, "eval", dir.toString()));
        Files.createFile(dir.resolve("best.ckpt"));
        assertEquals(List.of("error: " + dir + " is a directory, but eval takes a checkpoint file such as "
                + dir.resolve("best.ckpt") + "."), errorLines(ExitCode.USAGE, "eval", dir.toString()));
        assertEquals(List.of("error: " + dir + " is a directory, but predict takes a checkpoint file such as "
                + dir.resolve("best.ckpt") + "."), errorLines(ExitCode.USAGE, "predict", dir.toString()));
    }

    @Test
    void aMissingCheckpointIsNamed() {
        Path none = dir.resolve("nope.ckpt");
        assertEquals(List.of("error: The checkpoint " + none + " does not exist."),
                errorLines(ExitCode.USAGE, "eval", none.toString()));
    }

    @Test
    void predictChecksItsOutputBeforeLoadingAnything() throws IOException {
        Path ckpt = Files.writeString(dir.resolve("broken.ckpt"), "not a checkpoint");
        Path sub = Files.createDirectory(dir.resolve("out"));
        assertEquals(List.of("error: --output " + sub + " is a directory; give the name of the CSV file to write."),
                errorLines(ExitCode.USAGE, "predict", ckpt.toString(), "--output", sub.toString()));
        Path orphan = dir.resolve("missing").resolve("p.csv");
        assertEquals(
                List.of("error: --output " + orphan + ": the directory " + orphan.getParent() + " does not exist."),
                errorLines(ExitCode.USAGE, "predict", ckpt.toString(), "--output", orphan.toString()));
    }

    @Test
    void predictWritesTheWholeCsvOrSaysItCouldNot() throws IOException {
        Path run = dir.resolve("run");
        errorLinesOk("train", "--data", "toy", "--hidden", "5", "--epochs", "1", "--batch-size", "5", "--out",
                run.toString());
        Path csv = dir.resolve("p.csv");
        errorLinesOk("predict", run.resolve("best.ckpt").toString(), "--output", csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(PredictCommand.HEADER, lines.get(0));
        assertEquals(1 + 5, lines.size(), "the toy test split has 5 rows");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file left");
        }
        // standard output on a full disk: PrintWriter swallows the IOException, predict must not
        StringWriter err = new StringWriter();
        PrintWriter full = new PrintWriter(new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        int code = Main.run(new String[] {"predict", run.resolve("best.ckpt").toString()}, full,
                new PrintWriter(err, true));
        assertEquals(ExitCode.USAGE, code, err.toString());
        assertEquals("error: Could not write the predictions to standard output.", err.toString().strip());
    }

    private static void errorLinesOk(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.OK, Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)),
                err.toString());
    }

    @Test
    void visualizeOnAFileSaysItTakesARunFolder() throws IOException {
        Path file = Files.createFile(dir.resolve("best.ckpt"));
        assertEquals(List.of("error: " + file + " is a file, but visualize takes a run folder (the directory train"
                + " wrote, e.g. runs/<date-time>)."), errorLines(ExitCode.USAGE, "visualize", file.toString()));
    }
}
