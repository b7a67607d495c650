package org.backprop4j.cli.bench.peak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import org.backprop4j.matrix.DType;

/**
 * This machine's fused multiply-add peak, measured from Java with the Vector API: independent FMA
 * chains on the widest vectors ({@code VectorFmaLoop}), on one thread and on every core at once, in
 * float64 and float32. A product's GFLOP/s divided by the all-cores figure of its dtype is its fraction
 * of peak. The figure is the best of a few repetitions (a peak, not a typical speed).
 *
 * <p>The Vector API is the incubator module {@value #MODULE}: {@link #unavailableReason()} says how to
 * enable it when the JVM was started without it; only then is the loop's class loaded.
 */
public final class FmaPeak {

    /** The module the loop needs. */
    public static final String MODULE = "jdk.incubator.vector";

    /** Repetitions of each measurement; the best counts. */
    static final int REPEATS = 5;
    /** FMAs per chain in one timed call: about 0.1 s on a 3–5 GHz core. */
    static final int ITERATIONS = 50_000_000;
    /** Calls of {@link #PROFILE_ITERATIONS} that fill the interpreter's profile first. */
    static final int PROFILE_CALLS = 3_000;
    /** FMAs per chain in one profiling call. */
    static final int PROFILE_ITERATIONS = 8;
    /** FMAs per chain in one warm-up call: tens of microseconds once compiled. */
    static final int WARMUP_ITERATIONS = 20_000;
    /** The shortest warm-up, nanoseconds. */
    static final long MIN_WARMUP = 2_500_000_000L;
    /** The warm-up ends when the rate has not risen for this long, nanoseconds. */
    static final long SETTLED = 1_000_000_000L;
    /** The longest warm-up, nanoseconds. */
    static final long MAX_WARMUP = 20_000_000_000L;

    /**
     * The peak of one dtype.
     *
     * @param dtype     float64 or float32
     * @param species   the vector species the loop ran on, e.g. {@code Species[double, 8, S_512_BIT]}
     * @param oneThread GFLOP/s on one thread
     * @param allCores  GFLOP/s on {@code threads} threads at once
     * @param threads   the threads of the all-cores figure
     */
    public record Figure(DType dtype, String species, double oneThread, double allCores, int threads) {
    }

    @SuppressWarnings("unused")
    private static volatile double sink;

    private FmaPeak() {
    }

    /** Why the loop cannot run in this JVM, or null if it can. */
    public static String unavailableReason() {
        return ModuleLayer.boot().findModule(MODULE).isPresent() ? null : howToEnable();
    }

    /** The one sentence that says how to enable the Vector API. */
    public static String howToEnable() {
        return "--peak needs the Vector API: start Java with --add-modules " + MODULE
                + " (the ./backprop4j launcher does; for java -jar add it before -jar).";
    }

    /**
     * Measures both dtypes on one thread and on {@code threads}.
     *
     * @throws IllegalStateException if the module is not resolvable (check {@link #unavailableReason()} first)
     */
    public static List<Figure> measure(int threads) {
        if (unavailableReason() != null) {
            throw new IllegalStateException(unavailableReason());
        }
        List<Figure> out = new ArrayList<>();
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            boolean f64 = dtype == DType.FLOAT64;
            warmUp(f64);
            double one = best(f64, 1);
            double all = threads == 1 ? one : best(f64, threads);
            out.add(new Figure(dtype, VectorFmaLoop.species(f64), one, all, threads));
        }
        return out;
    }

    /**
     * Gets the loop compiled with its vectors in registers. First {@link #PROFILE_CALLS} calls of a few
     * iterations each, so that the interpreter's type profile of every {@code fma} call site is full
     * before C2 compiles the loop: C2 devirtualises {@code FloatVector.lanewise} only from that profile
     * (every vector class is loaded, so class-hierarchy analysis cannot), and a compile from a thin
     * profile keeps a virtual call with boxed vectors, ~100× slower, for the rest of the run (seen in
     * 1 of 5 runs when the loop went from the interpreter straight to C2 within its first long call).
     * Then calls of {@link #WARMUP_ITERATIONS} until the rate has not risen by more than 10 % for
     * {@link #SETTLED} and at least {@link #MIN_WARMUP} has passed, or at most {@link #MAX_WARMUP}.
     */
    private static void warmUp(boolean f64) {
        for (int call = 0; call < PROFILE_CALLS; call++) {
            sink = run(f64, PROFILE_ITERATIONS, call);
        }
        long start = System.nanoTime();
        double best = 0;
        long bestAt = start;
        for (int call = 0;; call++) {
            long t0 = System.nanoTime();
            sink = run(f64, WARMUP_ITERATIONS, call);
            long now = System.nanoTime();
            double rate = WARMUP_ITERATIONS / (double) Math.max(1, now - t0);
            if (rate > 1.1 * best) {
                best = rate;
                bestAt = now;
            }
            if (now - start > MAX_WARMUP || now - start > MIN_WARMUP && now - bestAt > SETTLED) {
                return;
            }
        }
    }

    private static double run(boolean f64, int iterations, double seed) {
        return f64 ? VectorFmaLoop.float64(iterations, seed) : VectorFmaLoop.float32(iterations, seed);
    }

    /** The best GFLOP/s of {@link #REPEATS} runs of {@code threads} loops started together. */
    private static double best(boolean f64, int threads) {
        double flopsPerThread = 2.0 * VectorFmaLoop.CHAINS * VectorFmaLoop.lanes(f64) * ITERATIONS;
        double best = 0;
        for (int r = 0; r < REPEATS; r++) {
            double nanos = timeTogether(f64, threads, r);
            best = Math.max(best, threads * flopsPerThread / nanos);
        }
        return best;
    }

    private static double timeTogether(boolean f64, int threads, int seed) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    sink = run(f64, ITERATIONS, seed + id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "fma-peak-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        try {
            start.await();
            long t0 = System.nanoTime();
            done.await();
            long nanos = System.nanoTime() - t0;
            if (failure.get() != null) {
                throw new IllegalStateException("the FMA loop failed: " + failure.get(), failure.get());
            }
            return Math.max(1, nanos);
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the FMA peak", e);
        }
    }
}
