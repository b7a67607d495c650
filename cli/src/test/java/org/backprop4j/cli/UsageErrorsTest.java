package org.backprop4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;

/** Usage errors: one sentence with picocli's suggestions, the help hint; --version and help texts (run as MainTest runs). */
class UsageErrorsTest {

    private static void assertUsageError(MainTest.Run r, String sentence, String command) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertEquals(List.of("error: " + sentence, "Try '" + command + " --help' for more information."), r.errLines());
    }

    @Test
    void misspelledOptionsAndCommandsGetPicocliSuggestions() {
        assertUsageError(MainTest.run("train", "--epoch", "3"),
                "Unknown option '--epoch': did you mean --epsilon or --epochs?",
                "backprop4j train");
        assertUsageError(MainTest.run("train", "--hiden", "3"),
                "Unknown option '--hiden': did you mean --hidden or --history-out?", "backprop4j train");
        assertUsageError(MainTest.run("trian"), "Unknown command 'trian': did you mean train?", "backprop4j");
        assertUsageError(MainTest.run("tarin", "--epochs", "3"), "Unknown command 'tarin': did you mean train?",
                "backprop4j");
        assertUsageError(MainTest.run("fit"),
                "Unknown command 'fit': expected one of train, eval, predict, export, visualize, tune, check, grade,"
                        + " backends, bench, help.",
                "backprop4j");
    }

    @Test
    void badValuesNameTheOptionNotTheJavaException() {
        MainTest.Run r = MainTest.run("train", "--dtype", "float16");
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertEquals(List.of("error: --dtype must be float64 or float32, got 'float16'."), r.errLines());
        assertFalse(r.err().contains("java.lang"), r.err());
    }

    /** The project version, read from this module's pom (the parent's version), not from the program. */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the cli pom names its parent's version");
        return m.group(1);
    }

    @Test
    void everyCommandPrintsTheProjectVersion() throws IOException {
        String want = "backprop4j " + projectVersion() + " on Java " + System.getProperty("java.version");
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"train", "--version"}, {"eval", "--version"},
                {"predict", "-V"}, {"visualize", "--version"}, {"tune", "--version"}, {"check", "--version"},
                {"backends", "--version"}, {"bench", "--version"}}) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(ExitCode.OK, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(want, r.out().strip(), String.join(" ", args));
        }
    }

    /**
     * A word with a dot wrapped onto the next line (picocli breaks lines after dots): "best.\n ckpt", the rest
     * on an unindented description line or an indented continuation line (a command name is indented 2).
     */
    private static final Pattern SPLIT_AT_DOT = Pattern.compile("\\w\\.\\R( {6,}|)[a-z]");

    @Test
    void helpTextsHaveNoBrokenWordsOrDoubledConjunctions() {
        for (String command : new String[] {"eval", "predict", "export", "visualize"}) {
            MainTest.Run r = MainTest.run(command, "--help");
            assertEquals(ExitCode.OK, r.code());
            assertFalse(r.out().contains(" or npz:FILE or toy"), command + ":\n" + r.out());
            assertFalse(SPLIT_AT_DOT.matcher(r.out()).find(), "a file name split at its dot:\n" + r.out());
            assertFalse(r.out().contains("…"), "plain ASCII in help:\n" + r.out());
        }
        String top = MainTest.run("--help").out();
        String ours = top.substring(top.indexOf("\n  eval "), top.indexOf("\n  tune "));
        assertFalse(SPLIT_AT_DOT.matcher(ours).find(), "a file name split at its dot:\n" + ours);
        assertTrue(ours.contains("predict    Predict with a checkpoint: one CSV line per example of a split,"), ours);
        MainTest.Run predict = MainTest.run("predict", "--help");
        assertTrue(predict.out().contains("index,predicted,probability,label,class"), predict.out());
    }
}
