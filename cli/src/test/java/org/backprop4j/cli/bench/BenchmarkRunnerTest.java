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
        BenchmarkRunner.Timing t = runner.time(() -> { });
        assertTrue(t.opsPerSample() > 1, "an empty operation is repeated: " + t.opsPerSample());
    }

    @Test
    void samplersAlternateInCalibrationWarmupAndTiming() {
        List<String> calls = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(2, 3, Duration.ofSeconds(60), Duration.ZERO));
        List<BenchmarkRunner.Timing> t = runner.timeAll(List.of(ops -> record(calls, "java", ops), ops -> record(calls, "numpy", ops)));
        assertEquals(List.of("java", "numpy", "java", "numpy", "java", "numpy", "java", "numpy", "java", "numpy", "java", "numpy"),
                calls, "calibration, two warm-ups and three timed samples, each side in turn");
        assertEquals(2, t.size());
        assertEquals(3, t.get(0).reps());
        assertEquals(3, t.get(1).reps());
        assertEquals(2, t.get(1).warmupSamples());
    }

    @Test
    void aSideThatUsedUpItsBudgetDropsOutWhileTheOtherGoesOn() {
        List<String> calls = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(
                new BenchmarkRunner.Settings(2, 3, Duration.ofMillis(1), Duration.ZERO));
        BenchmarkRunner.Sampler slow = ops -> {
            record(calls, "slow", ops);
            return 5_000_000; // 5 ms a sample, over the 1 ms budget
        };
        BenchmarkRunner.Sampler fast = ops -> record(calls, "fast", ops);
        List<BenchmarkRunner.Timing> t = runner.timeAll(List.of(slow, fast));
        assertEquals(List.of("slow", "fast", "slow", "fast", "fast", "slow", "fast", "fast", "fast"), calls);
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
