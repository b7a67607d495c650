package org.backprop4j.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads that help the calling thread with the bands (blocks of rows or columns) of one matrix product,
 * shared by the backends that split their products ({@code pure}, {@code nd4j}): {@code cores - 1} daemon
 * threads that, after a product, keep polling for the next one for {@link #spinNanos()} before they park.
 *
 * <p><b>Why they poll.</b> A training step calls a large product every few hundred microseconds. A thread
 * that parks after each one must be woken for the next, and on a virtual machine the wake-up of an idle core
 * can take milliseconds: measured on a 2-core KVM guest, a TwoLayerNet iteration that took 2.1 ms in a
 * steady loop took 4.4-6.1 ms in the iterations that followed a 120 ms sleep, about the single-threaded
 * time, while NumPy's OpenBLAS, whose threads poll in the same way, lost 3 %. Polling for
 * {@value #DEFAULT_SPIN_MICROS} us (system property {@value #SPIN_PROPERTY}, in microseconds; 0 parks at
 * once) keeps a helper awake across a training loop and costs one core for that long after the last
 * product of a burst.
 *
 * <p><b>Claiming.</b> The caller and the helpers take band numbers from one counter until none is left, so a
 * helper that wakes late finds the bands done instead of delaying the product. One product uses the
 * helpers at a time; a product started meanwhile on another thread computes all its bands on its own thread.
 * An exception thrown by a band is rethrown on the calling thread once every band has ended.
 */
public final class BandHelpers {

    /** System property: microseconds a helper polls for the next product before it parks. */
    public static final String SPIN_PROPERTY = "backprop4j.spin";
    /** The default polling time, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 2000;

    private static final class Shared {
        static final BandHelpers INSTANCE = new BandHelpers(
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1), spinFromProperty());
    }

    private final Helper[] helpers;
    private final long spinNanos;
    private final AtomicBoolean inUse = new AtomicBoolean();
    /** The product the helpers are asked to join, or null; a new object for every product. */
    private volatile Job current;

    /** The helpers every product of the process shares, started on first use. */
    public static BandHelpers shared() {
        return Shared.INSTANCE;
    }

    /** {@code count} helper threads that poll for {@code spinNanos} before they park (tests make their own). */
    BandHelpers(int count, long spinNanos) {
        this.spinNanos = spinNanos;
        this.helpers = new Helper[count];
        for (int i = 0; i < count; i++) {
            helpers[i] = new Helper("backprop4j-product-helper-" + (i + 1));
            helpers[i].start();
        }
    }

    private static long spinFromProperty() {
        String s = System.getProperty(SPIN_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_SPIN_MICROS * 1000;
        }
        try {
            long micros = Long.parseLong(s.trim());
            if (micros >= 0) {
                return micros * 1000;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("system property " + SPIN_PROPERTY
                + " must be a whole number of microseconds, 0 or more, got '" + s + "'.");
    }

    /** How long a helper polls for the next product before it parks, in nanoseconds. */
    public long spinNanos() {
        return spinNanos;
    }

    /**
     * Runs {@code band.accept(p)} for every {@code p < parts}, on this thread and the helpers, and returns once
     * every band has ended (also when one failed: the caller may reuse the output at once); the first failure
     * is then rethrown.
     */
    public void run(int parts, IntConsumer band) {
        Job job = new Job(parts, band);
        if (!inUse.compareAndSet(false, true)) {
            job.work();
            job.rethrow();
            return;
        }
        try {
            current = job;
            for (Helper h : helpers) {
                if (h.parked) {
                    LockSupport.unpark(h);
                }
            }
            job.work();
            job.awaitEnd();
        } finally {
            current = null;
            inUse.set(false);
        }
        job.rethrow();
    }

    /** One product's bands: the next one to claim, how many have ended, and the first failure. */
    private static final class Job {
        final int parts;
        final IntConsumer band;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        volatile Throwable failure;

        Job(int parts, IntConsumer band) {
            this.parts = parts;
            this.band = band;
        }

        /** Claims and computes bands until none is left. */
        void work() {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    band.accept(p);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    ended.incrementAndGet();
                }
            }
        }

        /** Waits until every claimed band has ended: the others are computing theirs, about as long as ours. */
        void awaitEnd() {
            for (int spins = 0; ended.get() < parts; spins++) {
                if (spins < 1 << 16) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    private final class Helper extends Thread {
        /** Set before parking, so that {@link #run(int, IntConsumer)} knows to unpark this helper. */
        volatile boolean parked;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job job = awaitNext(seen);
                seen = job;
                job.work();
            }
        }

        /** Polls for a product other than {@code seen} for {@link #spinNanos}, then parks until one is posted. */
        private Job awaitNext(Job seen) {
            long deadline = System.nanoTime() + spinNanos;
            while (true) {
                Job job = current;
                if (job != null && job != seen) {
                    return job;
                }
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                job = current; // posted between the check above and the flag: do not sleep through it
                if (job == null || job == seen) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + spinNanos;
            }
        }
    }
}
