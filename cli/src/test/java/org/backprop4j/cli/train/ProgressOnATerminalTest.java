package org.backprop4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on a real pseudo-terminal (util-linux {@code script} gives the program one): the bar is drawn
 * where standard error is a terminal, and with {@code 2> err.log} the terminal shows the plain progress lines
 * while the file gets no bar frames.
 */
class ProgressOnATerminalTest {

    @TempDir
    Path dir;

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What the terminal showed while {@code train} ran under {@code script}, with {@code redirect} appended to it. */
    private String screen(String redirect) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")),
                "org.backprop4j.cli.Main", "train", "--data", "toy", "--hidden", "5", "--epochs", "30", "--batch-size",
                "5",
                "--out", quote(dir.resolve("run" + redirect.length()).toString()), redirect);
        Path screen = dir.resolve("screen" + redirect.length());
        Process p = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null")
                .redirectInput(new File("/dev/null")).redirectOutput(screen.toFile()).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "train under script did not finish");
            assertEquals(0, p.exitValue(), Files.readString(screen));
        } finally {
            p.destroyForcibly();
        }
        return Files.readString(screen, StandardCharsets.UTF_8);
    }

    @Test
    void theBarIsDrawnWhereStandardErrorIsATerminal() throws Exception {
        assumeTrue(onPath("script"), "util-linux script is not installed: no pseudo-terminal to test on");
        String bar = screen("");
        assertTrue(bar.contains(" it/s, loss "), bar);
        assertFalse(bar.contains("(Iteration "), "no plain iteration lines under a bar:\n" + bar);

        Path errLog = dir.resolve("err.log");
        String plain = screen("2> " + quote(errLog.toString()));
        assertTrue(plain.contains("(Iteration 1 / 30) loss: "), plain);
        assertTrue(plain.contains("(Epoch 30 / 30) train acc: "), plain);
        assertFalse(plain.contains("it/s"), "no bar on the screen:\n" + plain);
        // (JDK 24+ also writes its sun.misc.Unsafe warnings about Guava there)
        String log = Files.readString(errLog);
        assertFalse(log.contains("it/s") || log.contains("\r"), "no bar frames in err.log:\n" + log);
    }
}
