package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train comparison's parsing of both children's output and the commands it builds (no training is run). */
class TrainComparisonTest {

    @Test
    void javaRunsAreReadFromTrainsLastLines() {
        String out = "Trained in 14.8 s; best validation accuracy 0.9660.\nTest accuracy: 0.9550\n"
                + "Wrote runs/x (best.ckpt, last.ckpt, history.json, run.json, curves.png, weights.png).\n";
        TrainComparison.Run r = TrainComparison.parseJava(out, 16.9);
        assertEquals(new TrainComparison.Run(16.9, 14.8, 0.966, 0.955), r);
        assertNull(TrainComparison.parseJava("Trained in 1.0 s; best validation accuracy 0.5000.\n", 2).testAcc());
        String m = assertThrows(TrainComparison.ChildFailed.class,
                () -> TrainComparison.parseJava("error: something\n", 1)).getMessage();
        assertTrue(m.contains("error: something"), m);
    }

    @Test
    void numpyRunsAreReadFromTheScriptsJsonLine() {
        TrainComparison.Run r = TrainComparison
                .parseNumpy("{\"ok\": true, \"start_seconds\": 0.2, \"load_seconds\": 0.1, "
                        + "\"train_seconds\": 6.1, \"iterations\": 1600, \"final_loss\": 0.01, \"best_val_acc\": 0.966, "
                        + "\"test_acc\": 0.955}\n", 6.75);
        assertEquals(new TrainComparison.Run(6.75, 6.1, 0.966, 0.955), r);
        assertThrows(TrainComparison.ChildFailed.class,
                () -> TrainComparison.parseNumpy("{\"ok\": true, \"train_seconds\": 6.1}", 7));
        assertThrows(WorkerReply.WorkerException.class, () -> TrainComparison.parseNumpy(
                "{\"ok\": false, \"error\": \"NumPy cannot be imported (ModuleNotFoundError: No module named 'numpy')\"}",
                1));
    }

    @Test
    void theNumpyLoopGetsTrainsDefaults(@TempDir Path dir) throws Exception {
        List<String> args = TrainComparison.numpyArguments(dir);
        // the defaults ./backprop4j train documents: two-layer, hidden 256, sgd_momentum lr 0.1, lr_decay 0.95,
        // batch 100, 20 epochs, reg 1e-4, weight scale 1e-2, seed 0, float64, 8000 / 1000 / 1000 digits
        for (String[] pair : new String[][] {{"--hidden", "256"}, {"--update", "sgd_momentum"}, {"--lr", "0.1"},
                {"--lr-decay", "0.95"}, {"--batch-size", "100"}, {"--epochs", "20"}, {"--reg", "1e-4"},
                {"--weight-scale", "1e-2"}, {"--seed", "0"}, {"--dtype", "float64"}, {"--train", "8000"},
                {"--val", "1000"},
                {"--test", "1000"}, {"--classes", "10"}, {"--num-train-samples", "1000"}}) {
            int i = args.indexOf(pair[0]);
            assertTrue(i >= 0, pair[0] + " in " + args);
            assertEquals(pair[1], args.get(i + 1), pair[0]);
        }
        assertFalse(args.contains("--momentum"), "sgd_momentum keeps its own default momentum, as train does");
        Path images = Path.of(args.get(args.indexOf("--images") + 1));
        assertTrue(Files.size(images) > 1_000_000, "the bundled digits were copied: " + images);
    }

    @Test
    void theChildJvmIsStartedAsThisOne() throws Exception {
        List<String> cmd = TrainComparison.javaCommand();
        assertTrue(cmd.get(0).endsWith("java"), cmd.get(0));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-javaagent:") || a.startsWith("-agentlib:")),
                cmd.toString());
        // from the test class path: -cp CLASSPATH MAIN; the main class named as a string must exist
        int cp = cmd.indexOf("-cp");
        if (cp >= 0) {
            assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
            assertEquals("main", Class.forName(cmd.get(cp + 2)).getMethod("main", String[].class).getName());
        } else {
            assertEquals("-jar", cmd.get(cmd.size() - 2));
        }
    }

    @Test
    void theTableShowsMediansRatiosAndTheAccuracyCheck() {
        TrainComparison.Side java = TrainComparison.Side.of(List.of(new TrainComparison.Run(17, 15, 0.966, 0.955),
                new TrainComparison.Run(16, 14.5, 0.966, 0.955), new TrainComparison.Run(30, 20, 0.966, 0.955)));
        TrainComparison.Side numpy = TrainComparison.Side.of(List.of(new TrainComparison.Run(7, 6.5, 0.966, 0.955),
                new TrainComparison.Run(8, 7, 0.966, 0.955), new TrainComparison.Run(6, 5.4, 0.966, 0.955)));
        assertEquals(17, java.wallMedian());
        assertEquals(2, java.restMedian(), "median of 2, 1.5 and 10");
        TrainComparison.Report r = new TrainComparison.Report("pure", List.of("java", "-jar", "backprop4j.jar"), java,
                numpy,
                java.wallMedian() / numpy.wallMedian(), true, null);
        StringWriter s = new StringWriter();
        TrainComparison.print(r, new PrintWriter(s, true));
        String t = s.toString();
        assertTrue(t.lines().anyMatch(l -> l.startsWith("java (pure)") && l.contains("17.0 s") && l.contains("15.0 s")
                && l.contains("2.00 s") && l.contains("0.9660 / 0.9550")), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("java / numpy") && l.contains("2.4×")), t);
        assertTrue(t.contains("the same validation and test accuracy"), t);
    }
}
