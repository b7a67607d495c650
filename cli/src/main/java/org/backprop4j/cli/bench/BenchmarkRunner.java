package org.backprop4j.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small, dependency-free stopwatch for the {@code bench} command: times an operation after warm-up,
 * repeats it, and reports the median and the fastest repetition. JMH (the {@code benchmarks} module)
 * is the rigorous tool; this one answers "how fast is each backend here" in seconds.
 *
 * <p>How one cell is measured:
 * <ol>
 *   <li>one run calibrates: the number of operations per sample is chosen so that a sample lasts at
 *       least {@link Settings#minSample()} (tiny products are repeated in a loop, large ones run once);</li>
 *   <li>untimed samples, at least {@link Settings#warmup()} of them and for at least
 *       {@link Settings#warmupTime()}, let the JIT compile the kernels (the Vector API's take about a
 *       second of calls to reach C2; NumPy needs none, but gets the same);</li>
 *   <li>up to {@link Settings#reps()} timed samples follow, in turns with the other sides
 *       ({@link #timeAll}).</li>
 * </ol>
 * Both the warm-up and the timed phase stop early once they have used {@link Settings#budget()} (but
 * always after at least one sample), so the textbook {@code naive} loops, which take a good part of a
 * second per product at the cs231n sizes, do fewer repetitions instead of minutes of them;
 * {@link Timing#budgetLimited()} says when that happened.
 */
public final class BenchmarkRunner {

    /**
     * How to time each cell.
     *
     * @param warmup    untimed samples before timing (0 allowed; the calibration run always happens)
     * @param reps      timed samples wanted
     * @param budget    time after which the warm-up, and separately the timed samples, stop early
     * @param minSample shortest sample: faster operations are repeated within one sample
     * @param block     timed samples one side takes before the next side's turn ({@link #timeAll})
     * @param settle    pause before a side's turn, so that the threads of the side before have gone to
     *                  sleep (OpenBLAS spins for tens of milliseconds after a call) and take no core from it
     * @param warmupTime the shortest warm-up, whatever {@code warmup} says (still cut by the budget)
     * @param turnWarmup untimed samples, for at least this long, at the start of each turn after a pause:
     *                  a core that slept through the other side's turn runs a Java iteration up to 3x slower
     *                  for some 10 ms (measured on a 2-core KVM guest; NumPy, whose idle threads poll, lost
     *                  3 %), which says nothing about the step itself
     */
    public record Settings(int warmup, int reps, Duration budget, Duration minSample, int block, Duration settle,
            Duration warmupTime, Duration turnWarmup) {

        /** Blocks of {@link #DEFAULT_BLOCK} samples, {@link #DEFAULT_SETTLE} apart; no time-based warm-ups. */
        public Settings(int warmup, int reps, Duration budget, Duration minSample) {
            this(warmup, reps, budget, minSample, DEFAULT_BLOCK, DEFAULT_SETTLE);
        }

        /** No time-based warm-ups. */
        public Settings(int warmup, int reps, Duration budget, Duration minSample, int block, Duration settle) {
            this(warmup, reps, budget, minSample, block, settle, Duration.ZERO, Duration.ZERO);
        }

        /** Validates the counts. */
        public Settings {
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up must be 0 or more, got " + warmup + ".");
            }
            if (reps < 1) {
                throw new IllegalArgumentException("reps must be at least 1, got " + reps + ".");
            }
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the time budget must be positive, got " + budget + ".");
            }
            if (minSample.isNegative()) {
                throw new IllegalArgumentException(
                        "the minimum sample time must not be negative, got " + minSample + ".");
            }
            if (block < 1 || settle.isNegative()) {
                throw new IllegalArgumentException("blocks need at least one sample and a non-negative pause, got "
                        + block + " and " + settle + ".");
            }
            if (warmupTime.isNegative() || turnWarmup.isNegative()) {
                throw new IllegalArgumentException("warm-up times must not be negative, got " + warmupTime + " and "
                        + turnWarmup + ".");
            }
        }

        /** These settings with {@code settle} between turns. */
        public Settings withSettle(Duration settle) {
            return new Settings(warmup, reps, budget, minSample, block, settle, warmupTime, turnWarmup);
        }

        /** {@code warmup} and {@code reps} with a budget in seconds and samples of at least 10 ms. */
        public static Settings of(int warmup, int reps, double budgetSeconds) {
            if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
                throw new IllegalArgumentException("the time budget must be a positive number of seconds, got "
                        + budgetSeconds + ".");
            }
            return new Settings(warmup, reps, Duration.ofNanos((long) (budgetSeconds * 1e9)), Duration.ofMillis(10),
                    DEFAULT_BLOCK, DEFAULT_SETTLE, DEFAULT_WARMUP_TIME, DEFAULT_TURN_WARMUP);
        }
    }

    /** Timed samples per turn of a side. */
    public static final int DEFAULT_BLOCK = 4;
    /** The pause between two sides' turns: OpenBLAS's threads spin 2^28 cycles (about 0.1 s) after a call. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(120);
    /** The shortest warm-up of a cell: long enough for C2 to compile the Vector API kernels. */
    public static final Duration DEFAULT_WARMUP_TIME = Duration.ofSeconds(1);
    /** The untimed start of each turn after a pause (see {@link Settings#turnWarmup()}). */
    public static final Duration DEFAULT_TURN_WARMUP = Duration.ofMillis(30);

    /**
     * The timing of one cell.
     *
     * @param nanosPerOp    the duration of one operation in each timed sample, in order
     * @param requestedReps the samples asked for
     * @param warmupSamples the untimed samples run (the calibration run not included)
     * @param opsPerSample  operations per sample
     */
    public record Timing(double[] nanosPerOp, int requestedReps, int warmupSamples, int opsPerSample) {

        /** Copies the samples. */
        public Timing {
            nanosPerOp = nanosPerOp.clone();
        }

        @Override
        public double[] nanosPerOp() {
            return nanosPerOp.clone();
        }

        /** Timed samples taken. */
        public int reps() {
            return nanosPerOp.length;
        }

        /** True if the time budget stopped the timed samples before {@link #requestedReps()}. */
        public boolean budgetLimited() {
            return reps() < requestedReps;
        }

        /** Median duration of one operation, in nanoseconds. */
        public double medianNanos() {
            return median(nanosPerOp);
        }

        /** Fastest duration of one operation, in nanoseconds. */
        public double minNanos() {
            return Arrays.stream(nanosPerOp).min().orElseThrow();
        }

        /** Median in milliseconds. */
        public double medianMillis() {
            return medianNanos() / 1e6;
        }

        /** Fastest in milliseconds. */
        public double minMillis() {
            return minNanos() / 1e6;
        }

        /** Rate of {@code flops} floating-point operations per operation, at the median: GFLOP/s. */
        public double medianGflops(long flops) {
            return flops / medianNanos();
        }

        /** Rate at the fastest sample: GFLOP/s. */
        public double bestGflops(long flops) {
            return flops / minNanos();
        }
    }

    private final Settings settings;

    /** A runner with the given settings. */
    public BenchmarkRunner(Settings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * One side of a measurement: runs the operation {@code ops} times and returns the nanoseconds
     * that took. A Java operation is timed here ({@link #of}); the NumPy worker times its own loop.
     */
    @FunctionalInterface
    public interface Sampler {
        /** Nanoseconds (at least 1) for {@code ops} runs of the operation. */
        long sample(int ops);
    }

    /** A sampler that runs {@code op} in a loop timed with {@link System#nanoTime()}. */
    public static Sampler of(Runnable op) {
        return ops -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                op.run();
            }
            return Math.max(1, System.nanoTime() - t0);
        };
    }

    /** Times {@code op} as described in the class comment. */
    public Timing time(Runnable op) {
        return timeAll(List.of(of(op))).get(0);
    }

    /**
     * Times the samplers side by side, taking turns: each is calibrated, then warmed up, then their
     * timed samples alternate in blocks of {@link Settings#block()} (A A A A, B B B B, A A A A, ...), so
     * that a machine that slows down or speeds up during the run affects all of them alike. Before
     * each turn of a different sampler the runner pauses {@link Settings#settle()}: the threads of
     * the side before (OpenBLAS's, ND4J's OpenMP pool) go on spinning for a while after their last
     * call and would otherwise take a core from the next side. Each keeps its own counts and budget;
     * one that is done drops out while the others go on.
     *
     * @return one timing per sampler, in order
     */
    public List<Timing> timeAll(List<Sampler> samplers) {
        int k = samplers.size();
        Turns turns = new Turns(k > 1 ? settings.settle() : Duration.ZERO);
        long budget = settings.budget().toNanos();
        long minSample = Math.max(1, settings.minSample().toNanos());
        int[] batch = new int[k];
        int[] warm = new int[k];
        for (int i = 0; i < k; i++) {
            turns.begin(i);
            batch[i] = batchFor(samplers.get(i).sample(1), minSample); // calibration
            long warmSpent = 0;
            long warmupTime = settings.warmupTime().toNanos();
            while ((warm[i] < settings.warmup() || warmSpent < warmupTime) && (warm[i] == 0 || warmSpent < budget)) {
                long t = samplers.get(i).sample(batch[i]);
                warmSpent += t;
                warm[i]++;
                batch[i] = batchFor(Math.max(1, t / batch[i]), minSample); // the JIT may have made it faster
            }
        }
        double[][] samples = new double[k][settings.reps()];
        int[] taken = new int[k];
        long[] spent = new long[k];
        for (boolean any = true; any;) {
            any = false;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < settings.block() && taken[i] < settings.reps()
                        && (taken[i] == 0 || spent[i] < budget); j++) {
                    if (turns.begin(i)) {
                        warmTurn(samplers.get(i), batch[i]);
                    }
                    long t = samplers.get(i).sample(batch[i]);
                    spent[i] += t;
                    samples[i][taken[i]++] = (double) t / batch[i];
                    any = true;
                }
            }
        }
        List<Timing> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(new Timing(Arrays.copyOf(samples[i], taken[i]), settings.reps(), warm[i], batch[i]));
        }
        return out;
    }

    /** Remembers whose turn it was and pauses when it changes. */
    private static final class Turns {
        private final Duration settle;
        private int last = -1;

        Turns(Duration settle) {
            this.settle = settle;
        }

        /** Starts a sample of {@code sampler}; true if that began its turn after a pause. */
        boolean begin(int sampler) {
            boolean paused = last >= 0 && last != sampler && !settle.isZero();
            if (paused) {
                try {
                    Thread.sleep(settle.toMillis(), settle.toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while timing", e);
                }
            }
            last = sampler;
            return paused;
        }
    }

    /** Untimed samples for {@link Settings#turnWarmup()}, at the start of a turn after a pause. */
    private void warmTurn(Sampler sampler, int ops) {
        long want = settings.turnWarmup().toNanos();
        for (long used = 0; used < want;) {
            used += sampler.sample(ops);
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static int batchFor(long nanosPerOp, long minSample) {
        long b = (minSample + nanosPerOp - 1) / Math.max(1, nanosPerOp);
        return (int) Math.max(1, Math.min(b, 1_000_000));
    }
}
