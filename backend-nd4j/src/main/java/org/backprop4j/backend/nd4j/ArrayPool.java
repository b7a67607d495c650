package org.backprop4j.backend.nd4j;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.backprop4j.matrix.DType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where every {@link Nd4jMatrix} gets its native array, and where the array goes back when the matrix
 * is dropped.
 *
 * <p>Why: the {@code Matrix} API returns new matrices and callers never close them, so an ND4J array
 * is freed only after the garbage collector finds its owner unreachable, which with a small Java heap
 * happens every few seconds: meanwhile hundreds of megabytes of fresh native memory are allocated, and
 * every fresh page is faulted in on first touch (2–5 ms for a 4.9 MB minibatch, against 0.07 ms for
 * memory used before). Here the array of a dropped matrix is kept and handed to the next matrix of the
 * same dtype and shape, so a training loop cycles through the same buffers.
 *
 * <ul>
 *   <li>Each matrix is watched by a {@link PhantomReference} on the pool's own queue, polled by every
 *       {@link #matrix} call: no extra thread, and an array is reused only once its owner is unreachable
 *       (owners keep themselves reachable during native calls with {@link Reference#reachabilityFence}).</li>
 *   <li>Budget: a fresh array is allocated only while the native bytes held (handed out or idle) stay
 *       within the bytes live at the last collection plus {@link #budgetBytes()}; beyond that
 *       {@link #matrix} asks for a collection ({@code System.gc()}) and takes back what it found.
 *       Native memory so stays within the live matrices plus the budget; a training loop that drops
 *       7.4 MB per iteration (the two-layer net at N=200, D=3072 with its minibatch) collects once every
 *       35 iterations.</li>
 *   <li>Idle arrays of a shape nobody asked for between two collections are freed at the second one;
 *       idle arrays beyond the budget are freed at once.</li>
 *   <li>{@link #release} gives a matrix's array back at once, for temporaries the backend owns.</li>
 * </ul>
 */
final class ArrayPool {

    /**
     * Default budget: 256 MiB. A collection ({@code System.gc()}) takes 5–8 ms on this backend's small
     * Java heap on a quiet 2-core machine (40–100 ms when it is shared with four builds), so the
     * two-layer net's training loop pays 0.15–0.25 ms per iteration for it; a smaller budget collects
     * more often, a larger one holds more memory for little gain.
     */
    static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    /**
     * How long {@link #collect} waits for the first reference after {@code System.gc()}. The reference
     * handler enqueues the first within 0.1 ms on a quiet machine, but with the two cores shared by several
     * builds it waited more than 20 ms for a core, the collection found nothing and the pool allocated beyond
     * its budget (ArrayPoolTest). The wait is paid in full only by a collection that finds no garbage at all,
     * at most once per budget of growth of the live matrices.
     */
    private static final long FIRST_REFERENCE_WAIT_MILLIS = 200;

    private final long budget;
    private final ReferenceQueue<Nd4jMatrix> queue = new ReferenceQueue<>();
    /** Keeps the leases themselves reachable until they are enqueued or released. */
    private final Set<Lease> leases = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean collecting = new AtomicBoolean();

    // guarded by this
    private final Map<Shape, Bin> idle = new HashMap<>();
    private long idleBytes;
    private long outstandingBytes;
    private long baselineBytes;
    private long fresh;
    private long reused;
    private long collections;

    ArrayPool(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** Bytes handed out between two collections, and the cap on idle arrays. */
    long budgetBytes() {
        return budget;
    }

    /** The pool key: dtype and shape. */
    private record Shape(DType dtype, long rows, long cols) {
        long bytes() {
            return rows * cols * dtype.bytes();
        }
    }

    /** The idle arrays of one shape, and whether one was wanted since the last collection. */
    private static final class Bin {
        final ArrayDeque<INDArray> arrays = new ArrayDeque<>();
        boolean wanted;
    }

    /** The array of one live (or not yet collected) matrix. */
    static final class Lease extends PhantomReference<Nd4jMatrix> {
        private final Shape shape;
        private final INDArray array;
        /** The number of collections before this lease: it counts in the baseline of every later one. */
        private final long generation;

        private Lease(Nd4jMatrix owner, ReferenceQueue<Nd4jMatrix> queue, Shape shape, INDArray array,
                long generation) {
            super(owner, queue);
            this.shape = shape;
            this.array = array;
            this.generation = generation;
        }
    }

    /**
     * A new matrix of shape {@code (rows, cols)} with uninitialised elements (an idle array of that
     * dtype and shape, or a fresh one), outside any ND4J workspace.
     */
    Nd4jMatrix matrix(DType dtype, long rows, long cols) {
        if (rows == 0 || cols == 0) {
            return new Nd4jMatrix(Nd4jBackend.allocate(dtype, rows, cols), dtype);
        }
        Shape shape = new Shape(dtype, rows, cols);
        reclaim();
        INDArray array = takeIdle(shape);
        if (array == null && overBudget(shape.bytes()) && collecting.compareAndSet(false, true)) {
            try {
                collect();
            } finally {
                collecting.set(false);
            }
            array = takeIdle(shape);
        }
        if (array == null) {
            array = Nd4jBackend.allocate(dtype, rows, cols);
            synchronized (this) {
                fresh++;
                outstandingBytes += shape.bytes();
            }
        }
        return lease(dtype, shape, array);
    }

    private Nd4jMatrix lease(DType dtype, Shape shape, INDArray array) {
        Nd4jMatrix m = new Nd4jMatrix(array, dtype);
        long generation;
        synchronized (this) {
            generation = collections;
        }
        Lease lease = new Lease(m, queue, shape, array, generation);
        leases.add(lease);
        m.attach(lease);
        return m;
    }

    private synchronized INDArray takeIdle(Shape shape) {
        Bin bin = idle.computeIfAbsent(shape, k -> new Bin());
        bin.wanted = true;
        if (bin.arrays.isEmpty()) {
            return null;
        }
        long bytes = shape.bytes();
        idleBytes -= bytes;
        outstandingBytes += bytes;
        reused++;
        return bin.arrays.pop();
    }

    /** True if a fresh array of {@code bytes} would take native memory beyond the live bytes plus the budget. */
    private synchronized boolean overBudget(long bytes) {
        return outstandingBytes + idleBytes + bytes > baselineBytes + budget;
    }

    /**
     * Frees the idle arrays of every shape that nobody asked for since the last collection, collects
     * garbage, takes back the arrays of the matrices found unreachable, and makes the bytes still
     * handed out the new baseline.
     */
    private void collect() {
        List<INDArray> stale = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<Shape, Bin>> it = idle.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Shape, Bin> e = it.next();
                if (!e.getValue().wanted) {
                    stale.addAll(e.getValue().arrays);
                    idleBytes -= e.getKey().bytes() * e.getValue().arrays.size();
                    it.remove();
                } else {
                    e.getValue().wanted = false;
                }
            }
        }
        stale.forEach(INDArray::close);
        System.gc();
        try {
            // The reference handler enqueues the references just after the collection (the first within
            // 0.1 ms here): wait for the first, then take them until none comes for a millisecond.
            long wait = FIRST_REFERENCE_WAIT_MILLIS;
            for (Reference<? extends Nd4jMatrix> r; (r = queue.remove(wait)) != null; wait = 1) {
                giveBack((Lease) r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            collections++;
            baselineBytes = outstandingBytes;
        }
    }

    /** Takes back the arrays of every matrix found unreachable so far (non-blocking). */
    void reclaim() {
        for (Reference<? extends Nd4jMatrix> r; (r = queue.poll()) != null;) {
            giveBack((Lease) r);
        }
    }

    /**
     * Gives the array of {@code m} back now. The caller owns {@code m} (a temporary it made) and must not
     * use it again; a matrix without a lease (zero-size) is left alone.
     */
    void release(Nd4jMatrix m) {
        Lease lease = m.lease();
        if (lease != null && leases.contains(lease)) {
            lease.clear();
            giveBack(lease);
        }
    }

    private void giveBack(Lease lease) {
        if (!leases.remove(lease)) {
            return;
        }
        long bytes = lease.shape.bytes();
        boolean keep;
        synchronized (this) {
            outstandingBytes -= bytes;
            // A lease from before the last collection counts in its baseline: it was live then, or its
            // reference came after collect() stopped waiting (the reference handler can be descheduled for
            // milliseconds on a shared machine). Either way it is not live now, so the baseline drops by it,
            // and the budget holds however late the reference comes. The baseline so counts only leases still out
            // since the last collection, and never exceeds outstandingBytes.
            if (lease.generation < collections) {
                baselineBytes -= bytes;
            }
            keep = idleBytes + bytes <= budget;
            if (keep) {
                idle.computeIfAbsent(lease.shape, s -> new Bin()).arrays.push(lease.array);
                idleBytes += bytes;
            }
        }
        if (!keep) {
            lease.array.close();
        }
    }

    /** Counters, for tests and diagnostics. */
    record Stats(long fresh, long reused, long collections, long outstandingBytes, long idleBytes, int leases) {
    }

    /** The counters now. */
    synchronized Stats stats() {
        return new Stats(fresh, reused, collections, outstandingBytes, idleBytes, leases.size());
    }
}
