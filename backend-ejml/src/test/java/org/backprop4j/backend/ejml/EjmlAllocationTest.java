package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The in-place operations allocate nothing, measured with the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}); skipped where the JVM does not offer it.
 */
class EjmlAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (t instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean s = (com.sun.management.ThreadMXBean) t;
            if (s.isThreadAllocatedMemorySupported()) {
                s.setThreadAllocatedMemoryEnabled(true);
                return s;
            }
        }
        return null;
    }

    /** Bytes this thread allocates running {@code r} (the least of several runs, after a warm-up). */
    private static long allocated(Runnable r) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            r.run();
            least = Math.min(least, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void inPlaceOperationsAllocateNothing(DType dtype) {
        assumeTrue(THREADS != null, "no per-thread allocation counter in this JVM");
        EjmlBackend single = new EjmlBackend(-1);
        Matrix a = single.fromArray(257, 300, Ref.random(257, 300, dtype, 1).toArray(), dtype);
        Matrix b = single.fromArray(257, 300, Ref.random(257, 300, dtype, 2, 1, 2).toArray(), dtype);
        Matrix x = single.fromArray(257, 64, Ref.random(257, 64, dtype, 3).toArray(), dtype);
        Matrix w = single.fromArray(64, 300, Ref.random(64, 300, dtype, 4).toArray(), dtype);
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("axpy", () -> a.axpy(0.5, b));
        for (BinaryOp op : BinaryOp.values()) {
            ops.put("applyInPlace " + op, () -> a.applyInPlace(op, b));
            ops.put("scalarInPlace " + op, () -> a.scalarInPlace(op, 1.5));
        }
        for (UnaryOp f : new UnaryOp[] {UnaryOp.EXP, UnaryOp.NEGATE, UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.SQUARE}) {
            ops.put("mapInPlace " + f, () -> a.mapInPlace(f));
        }
        ops.put("assign", () -> a.assign(b));
        ops.put("fill", () -> a.fill(0.25));
        ops.put("addAt", () -> a.addAt(COLUMNS, -1));
        ops.put("gemm beta=0", () -> a.gemm(1, x, false, w, false, 0));
        ops.put("gemm beta=1", () -> a.gemm(1, x, false, w, false, 1));
        ops.put("gemm beta=0.5", () -> a.gemm(-1, x, false, w, false, 0.5));
        ops.put("gemm a.T", () -> w.gemm(1, x, true, a, false, 1));
        Matrix wt = w.transpose();
        ops.put("gemm b.T", () -> a.gemm(1, x, false, wt, true, 0));
        for (Map.Entry<String, Runnable> op : ops.entrySet()) {
            long bytes = allocated(op.getValue());
            assertTrue(bytes <= 64, op.getKey() + " allocated " + bytes + " bytes");
        }
        // a.T·b.T: EJML's kernel for wide a copies one column of a into a scratch array of length k
        Matrix y = single.zeros(64, 64, dtype);
        Matrix xt = x.transpose();
        long bytes = allocated(() -> y.gemm(1, x, true, xt, true, 0));
        assertTrue(bytes <= 257 * 8 + 64, "gemm a.T·b.T allocated " + bytes + " bytes");
    }

    private static final int[] COLUMNS = new int[257];

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void concurrentGemmAllocatesNoTemporaryMatrix(DType dtype) {
        assumeTrue(THREADS != null, "no per-thread allocation counter in this JVM");
        EjmlBackend concurrent = new EjmlBackend(0);
        Matrix x = concurrent.fromArray(200, 500, Ref.random(200, 500, dtype, 1).toArray(), dtype);
        Matrix w = concurrent.fromArray(500, 100, Ref.random(500, 100, dtype, 2).toArray(), dtype);
        Matrix c = concurrent.zeros(200, 100, dtype);
        long bytes = allocated(() -> c.gemm(1, x, false, w, false, 0));
        long matrix = 200L * 100 * dtype.bytes();
        assertTrue(bytes < matrix / 10, "concurrent gemm allocated " + bytes + " bytes; the output has " + matrix);
        bytes = allocated(() -> c.gemm(1, x, false, w, false, 1));
        assertTrue(bytes < matrix / 10, "concurrent gemm (beta 1) allocated " + bytes + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void fromRowsHoldsTheDataOnce(DType dtype) {
        assumeTrue(THREADS != null, "no per-thread allocation counter in this JVM");
        int rows = 2000;
        int cols = 3072;
        long bytes = allocated(() -> Ref.EJML.fromRows(rows, cols, dtype, (r, buffer) -> buffer[r % cols] = r));
        long matrix = (long) rows * cols * dtype.bytes();
        assertTrue(bytes < matrix + cols * 8L + 4096,
                "fromRows allocated " + bytes + " bytes for a matrix of " + matrix);
    }
}
