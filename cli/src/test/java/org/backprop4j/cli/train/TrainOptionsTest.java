package org.backprop4j.cli.train;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Out-of-range values and unusable output paths: one sentence naming the option typed, exit 2, before any work. */
class TrainOptionsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--lr|0", "--lr|-1e-3", "--reg|-0.1", "--weight-scale|0", "--weight-scale|-1", "--momentum|1",
            "--momentum|-0.5", "--epochs|0", "--epochs|-2", "--batch-size|0", "--num-train|0", "--lr-decay|0",
            "--lr-decay|1.5", "--dropout|1.5", "--hidden|0", "--hidden|100,-3", "--beta1|1", "--beta2|1.5",
            "--epsilon|0", "--decay-rate|1", "--num-train-samples|-1", "--num-val-samples|-1", "--print-every|0",
            "--bn-momentum|1.5", "--bn-eps|0", "--divergence-factor|-1", "--seed|-1"})
    void outOfRangeValuesAreRefusedNamingTheOption(String option, String value, @TempDir Path dir) {
        Path out = dir.resolve("run");
        String[] extra = switch (option) {
            case "--beta1", "--beta2", "--epsilon" -> new String[] {"--update", "adam"};
            case "--decay-rate" -> new String[] {"--update", "rmsprop"};
            case "--bn-momentum", "--bn-eps", "--dropout" -> new String[] {"--model", "fc", "--batchnorm"};
            default -> new String[0];
        };
        String[] args = Stream.concat(Stream.of("train", "--data", "toy", option + "="
                + value, "--out", out.toString()), Stream.of(extra)).toArray(String[]::new);
        CliRun.Result r = run(args);
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(option), r.err());
        assertFalse(r.err().contains("optim_config") || r.err().contains("Exception"), r.err());
        assertFalse(r.out().contains("Wrote"), r.out());
        assertFalse(Files.exists(out), "refused before the run folder is made");
    }

    @Test
    void anUnknownDtypeNamesTheOptionAndTheChoices() {
        CliRun.Result r = run("train", "--data", "toy", "--dtype", "float16");
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertTrue(r.err().contains("--dtype") && r.err().contains("float16") && r.err().contains("float64")
                && r.err().contains("float32"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("cannot convert"), r.err());
    }

    @Test
    void optionsOfAnotherUpdateRuleAreRefusedNamingBoth() {
        CliRun.Result r = run("train", "--data", "toy", "--update", "adam", "--momentum", "0.5");
        assertEquals(ExitCode.USAGE, r.code(), r.both());
        assertTrue(r.err().contains("--momentum") && r.err().contains("sgd_momentum") && r.err().contains("adam"),
                r.err());
        assertFalse(r.err().contains("optim_config"), r.err());
    }

    @Test
    void unusableOutputPathsAreRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun.Result historyIsDir = run("train", "--data", "toy", "--out", dir.resolve("a").toString(),
                "--history-out", dir.toString());
        assertEquals(ExitCode.USAGE, historyIsDir.code(), historyIsDir.both());
        assertTrue(historyIsDir.err().contains("--history-out") && historyIsDir.err().contains("directory"),
                historyIsDir.err());
        assertFalse(historyIsDir.out().contains("(Iteration"), "before training: " + historyIsDir.out());
        assertFalse(Files.exists(dir.resolve("a")));

        CliRun.Result outIsFile = run("train", "--data", "toy", "--out", file.toString());
        assertEquals(ExitCode.USAGE, outIsFile.code(), outIsFile.both());
        assertEquals(1, outIsFile.errLines().size(), outIsFile.err());
        assertTrue(outIsFile.err().contains("--out") && outIsFile.err().contains(file.toString()), outIsFile.err());

        CliRun.Result underFile = run("train", "--data", "toy", "--out", file.resolve("run").toString());
        assertEquals(ExitCode.USAGE, underFile.code(), underFile.both());
        assertTrue(underFile.err().contains("--out"), underFile.err());

        CliRun.Result historyUnderFile = run("train", "--data", "toy", "--out", dir.resolve("b").toString(),
                "--history-out", file.resolve("h.json").toString());
        assertEquals(ExitCode.USAGE, historyUnderFile.code(), historyUnderFile.both());
        assertTrue(historyUnderFile.err().contains("--history-out"), historyUnderFile.err());
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void helpShowsOneSynopsisPerOptionAndTheCifarDefaults() {
        CliRun.Result r = run("train", "--help");
        assertEquals(ExitCode.OK, r.code(), r.both());
        assertTrue(r.out().contains("--hidden=H[,H...]"), r.out());
        assertFalse(r.out().contains("[,H[,H...]...]"), r.out());
        assertFalse(r.out().contains("npz:FILE or toy"), "one 'or' in the list of data forms: " + r.out());
        String flat = r.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("cifar10") && flat.contains("1e-4") && flat.contains("0.25") && flat.contains("200"),
                "the CIFAR-10 defaults: " + r.out());
        for (String o : new String[] {"--beta1", "--beta2", "--epsilon", "--decay-rate", "--num-train-samples",
                "--num-val-samples", "--print-every", "--bn-momentum", "--bn-eps", "--divergence-factor", "--force"}) {
            assertTrue(r.out().contains(o), o);
        }
    }
}
