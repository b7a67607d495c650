package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The stopwatch's bookkeeping: counts, the budget, the statistics (no assertions on speed). */
class BenchmarkRunnerTest {

    @Test
    void runsCalibrationWarmupAndRepsWhenTheBudgetAllows() {
        AtomicInteger calls = new AtomicInteger();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(3, 5, Duration.ofSeconds(60), Duration.ZERO));
        BenchmarkRunner.Timing t = runner.time(calls::incrementAndGet);
        assertEquals(5, t.reps());
        assertEquals(3, t.warmupSamples());
        assertEquals(1, t.opsPerSample());
        assertFalse(t.budgetLimited());
        assertEquals(1 + 3 + 5, calls.get(), "one calibration run, three warm-up, five timed");
    }

    @Test
    void theBudgetCutsRepsButLeavesAtLeastOne() {
        AtomicInteger calls = new AtomicInteger();
        Runnable slow = () -> {
            calls.incrementAndGet();
            sleep(30);
        };
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(100, 100, Duration.ofMillis(1), Duration.ZERO));
        BenchmarkRunner.Timing t = runner.time(slow);
        assertEquals(1, t.reps(), "every sample outlasts the budget");
        assertEquals(1, t.warmupSamples());
        assertTrue(t.budgetLimited());
        assertEquals(3, calls.get());
    }

    @Test
    void fastOperationsAreBatchedUpToTheMinimumSample() {
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(0, 2, Duration.ofSeconds(60), Duration.ofMillis(5)));
        BenchmarkRunner.Timing t = runner.time(() -> {
        });
        assertTrue(t.opsPerSample() > 1, "an empty operation is repeated: " + t.opsPerSample());
    }

    @Test
    void timedSamplesAlternateInBlocksAfterEachSidesWarmUp() {
        List<String> calls = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(2, 5, Duration.ofSeconds(60), Duration.ZERO, 2, Duration.ZERO));
        List<BenchmarkRunner.Timing> t = runner
                .timeAll(List.of(ops -> record(calls, "java", ops), ops -> record(calls, "numpy", ops)));
        assertEquals(List.of("java", "java", "java", "numpy", "numpy", "numpy", // calibration and two warm-ups each
                "java", "java", "numpy", "numpy", "java", "java", "numpy", "numpy", "java", "numpy"), // 5 timed, in twos
                calls);
        assertEquals(2, t.size());
        assertEquals(5, t.get(0).reps());
        assertEquals(5, t.get(1).reps());
        assertEquals(2, t.get(1).warmupSamples());
    }

    @Test
    void theRunnerPausesWhenTheTurnPassesToTheOtherSideOnly() {
        List<Long> starts = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(0, 2, Duration.ofSeconds(60), Duration.ZERO, 2, Duration.ofMillis(40)));
        BenchmarkRunner.Sampler a = ops -> {
            starts.add(System.nanoTime());
            return record(calls, "a", ops);
        };
        BenchmarkRunner.Sampler b = ops -> {
            starts.add(System.nanoTime());
            return record(calls, "b", ops);
        };
        runner.timeAll(List.of(a, b));
        assertEquals(List.of("a", "b", "a", "a", "b", "b"), calls, "calibrations, then timed samples in twos");
        long pause = 40_000_000;
        for (int i : new int[] {1, 2, 4}) {
            assertTrue(starts.get(i) - starts.get(i - 1) >= pause,
                    "a pause before call " + i + ", the other side's turn");
        }
        assertTrue(starts.get(3) - starts.get(2) < pause || starts.get(5) - starts.get(4) < pause,
                "no pause between calls of the same side (one of two may be slow on a busy machine)");
        // one sampler alone never pauses
        List<String> alone = new ArrayList<>();
        runner.timeAll(List.of(ops -> record(alone, "x", ops)));
        assertEquals(3, alone.size());
    }

    @Test
    void theWarmUpLastsAtLeastItsTimeAndEachTurnAfterAPauseStartsWithUntimedSamples() {
        List<String> calls = new ArrayList<>();
        // each sample reports 10 ms: a 35 ms warm-up takes 4 samples although 1 is asked for; a 15 ms turn
        // warm-up takes 2 untimed samples at the start of every turn that follows a pause
        BenchmarkRunner runner = new BenchmarkRunner(new BenchmarkRunner.Settings(1, 4, Duration.ofSeconds(60),
                Duration.ZERO, 2, Duration.ofMillis(1), Duration.ofMillis(35), Duration.ofMillis(15)));
        BenchmarkRunner.Sampler a = ops -> {
            calls.add("a");
            return 10_000_000;
        };
        BenchmarkRunner.Sampler b = ops -> {
            calls.add("b");
            return 10_000_000;
        };
        List<BenchmarkRunner.Timing> t = runner.timeAll(List.of(a, b));
        List<String> want = new ArrayList<>();
        want.addAll(List.of("a", "a", "a", "a", "a")); // calibration, 4 warm-up samples
        want.addAll(List.of("b", "b", "b", "b", "b"));
        want.addAll(List.of("a", "a", "a", "a", "b", "b", "b", "b")); // 2 untimed + 2 timed per turn
        want.addAll(List.of("a", "a", "a", "a", "b", "b", "b", "b"));
        assertEquals(want, calls);
        assertEquals(4, t.get(0).reps());
        assertEquals(4, t.get(0).warmupSamples());
    }

    @Test
    void aSideThatUsedUpItsBudgetDropsOutWhileTheOtherGoesOn() {
        List<String> calls = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(2, 3, Duration.ofMillis(1), Duration.ZERO, 1, Duration.ZERO));
        BenchmarkRunner.Sampler slow = ops -> {
            record(calls, "slow", ops);
            return 5_000_000; // 5 ms a sample, over the 1 ms budget
        };
        BenchmarkRunner.Sampler fast = ops -> record(calls, "fast", ops);
        List<BenchmarkRunner.Timing> t = runner.timeAll(List.of(slow, fast));
        assertEquals(List.of("slow", "slow", "fast", "fast", "fast", "slow", "fast", "fast", "fast"), calls,
                "calibration and one warm-up of slow (its budget is spent), calibration and two of fast, then timing");
        assertEquals(1, t.get(0).reps());
        assertTrue(t.get(0).budgetLimited());
        assertEquals(3, t.get(1).reps());
        assertEquals(5_000_000, t.get(0).medianNanos(), "the sampler's own nanoseconds are the sample");
    }

    /** Records a call and reports 1 ns per operation. */
    private static long record(List<String> calls, String side, int ops) {
        calls.add(side);
        return ops;
    }

    @Test
    void medianAndMinimum() {
        BenchmarkRunner.Timing odd = new BenchmarkRunner.Timing(new double[] {5, 1, 3}, 3, 0, 1);
        assertEquals(3, odd.medianNanos());
        assertEquals(1, odd.minNanos());
        BenchmarkRunner.Timing even = new BenchmarkRunner.Timing(new double[] {4, 1, 3, 10}, 5, 0, 1);
        assertEquals(3.5, even.medianNanos());
        assertTrue(even.budgetLimited());
        // 2000 FLOPs in 1000 ns are 2 GFLOP/s
        BenchmarkRunner.Timing one = new BenchmarkRunner.Timing(new double[] {1000}, 1, 0, 1);
        assertEquals(2.0, one.medianGflops(2000));
        assertEquals(0.001, one.medianMillis());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkRunner.Settings.of(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkRunner.Settings.of(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkRunner.Settings.of(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkRunner.Settings.of(0, 1, Double.NaN));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
