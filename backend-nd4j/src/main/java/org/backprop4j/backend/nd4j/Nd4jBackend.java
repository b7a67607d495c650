package org.backprop4j.backend.nd4j;

import java.util.function.Supplier;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@code nd4j} backend: every {@link Matrix} is an {@link Nd4jMatrix} over a rank-2, row-major
 * ({@code 'c'}), non-view ND4J {@link INDArray} of {@link DataType#DOUBLE} or {@link DataType#FLOAT}.
 *
 * <p>Configuration, chosen for determinism and speed:
 * <ul>
 *   <li>dtype: every array is created with an explicit {@link DataType}; ND4J's global default dtype
 *       is never read nor changed;</li>
 *   <li>workspaces: this backend opens none, and every array it allocates is created outside any
 *       workspace a caller may have opened ({@link #detached}), so a matrix never dies with a scope;</li>
 *   <li>threads: ND4J's default, one OpenMP thread and one OpenBLAS thread per physical core (2 on
 *       the project's machines), unless the system property {@value #THREADS_PROPERTY} is set before
 *       the backend starts. With a fixed thread count, results are bitwise repeatable run to run.</li>
 * </ul>
 */
public final class Nd4jBackend implements Backend {

    /** System property: the number of OpenMP and BLAS threads ND4J uses (default: physical cores). */
    public static final String THREADS_PROPERTY = "backprop4j.nd4j.threads";

    /** Elements per chunk when {@link #fromRows(int, int, DType, RowSource)} fills a matrix. */
    private static final int CHUNK_ELEMENTS = 1 << 18;

    private static volatile Nd4jBackend instance;

    private Nd4jBackend() {
    }

    /**
     * Starts ND4J (loading its native libraries on first call) and returns the backend. Throws
     * whatever ND4J throws when its native code cannot load.
     */
    static synchronized Backend start() {
        if (instance == null) {
            // Forces the native backend to load now, so a broken installation fails here, in create().
            Nd4j.getBackend();
            configureThreads(System.getProperty(THREADS_PROPERTY));
            INDArray probe = Nd4j.createUninitializedDetached(DataType.DOUBLE, 'c', 1, 1);
            probe.assign(1.0);
            if (probe.getDouble(0, 0) != 1.0) {
                throw new IllegalStateException("ND4J native code returned a wrong value at start-up.");
            }
            instance = new Nd4jBackend();
        }
        return instance;
    }

    /** The started backend (matrices exist only once it has started). */
    static Nd4jBackend backend() {
        Nd4jBackend b = instance;
        return b != null ? b : (Nd4jBackend) start();
    }

    private static void configureThreads(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw new IllegalArgumentException("System property " + THREADS_PROPERTY + "='" + value
                    + "' is not a positive thread count.");
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    @Override
    public String name() {
        return Nd4jProvider.NAME;
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        MatrixChecks.requireShape(rows, cols);
        INDArray a = allocate(dtype, rows, cols);
        if (a.length() > 0) {
            a.assign(0.0);
        }
        return new Nd4jMatrix(a, dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        if (rowMajor.length == 0) {
            return new Nd4jMatrix(allocate(dtype, rows, cols), dtype);
        }
        // Nd4j.create copies into native memory, rounding to float for FLOAT.
        INDArray a = detached(() -> Nd4j.create(rowMajor, new long[] {rows, cols}, new long[] {cols, 1}, 'c',
                dataType(dtype)));
        return new Nd4jMatrix(a, dtype);
    }

    /**
     * Fills a new matrix in chunks of rows (at most {@value #CHUNK_ELEMENTS} elements, at least one
     * row), so a large data set is held once in native memory plus one chunk on the Java heap.
     */
    @Override
    public Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        MatrixChecks.requireShape(rows, cols);
        Math.multiplyExact(rows, cols);
        INDArray a = allocate(dtype, rows, cols);
        if (rows == 0 || cols == 0) {
            return new Nd4jMatrix(a, dtype);
        }
        int chunkRows = Math.max(1, Math.min(rows, CHUNK_ELEMENTS / cols));
        double[] chunk = new double[chunkRows * cols];
        double[] row = new double[cols];
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int n = Math.min(chunkRows, rows - r0);
            for (int i = 0; i < n; i++) {
                source.row(r0 + i, row);
                System.arraycopy(row, 0, chunk, i * cols, cols);
            }
            double[] part = n == chunkRows ? chunk : java.util.Arrays.copyOf(chunk, n * cols);
            INDArray block = detached(() -> Nd4j.create(part, new long[] {n, cols}, new long[] {cols, 1}, 'c',
                    dataType(dtype)));
            a.get(NDArrayIndex.interval(r0, r0 + n), NDArrayIndex.all()).assign(block);
        }
        return new Nd4jMatrix(a, dtype);
    }

    // ------------------------------------------------------------------ helpers shared with Nd4jMatrix

    /** The ND4J data type of {@code dtype}. */
    static DataType dataType(DType dtype) {
        return dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** A new uninitialised row-major {@code (rows, cols)} array outside any workspace. */
    static INDArray allocate(DType dtype, long rows, long cols) {
        return Nd4j.createUninitializedDetached(dataType(dtype), 'c', rows, cols);
    }

    /** Runs an ND4J call that allocates its result, outside any workspace the caller may have open. */
    static INDArray detached(Supplier<INDArray> allocating) {
        if (Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
            return allocating.get();
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return allocating.get();
        }
    }
}
