package org.backprop4j.backend.nd4j;

import java.lang.ref.Reference;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code nd4j} backend: every {@link Matrix} is an {@link Nd4jMatrix} over a rank-2, row-major
 * ({@code 'c'}), non-view ND4J {@link INDArray} of {@link DataType#DOUBLE} or {@link DataType#FLOAT}.
 *
 * <p>Configuration, chosen for determinism and speed:
 * <ul>
 *   <li>dtype: every array is created with an explicit {@link DataType}; ND4J's global default dtype
 *       is never read nor changed;</li>
 *   <li>memory: arrays come from an {@link ArrayPool}, which reuses the array of a matrix once it is
 *       unreachable and keeps the native memory held by dropped matrices within a budget;</li>
 *   <li>workspaces: this backend opens none, and every array it allocates is created outside any
 *       workspace a caller may have opened ({@link #detached}), so a matrix never dies with a scope;</li>
 *   <li>threads: {@link Nd4jThreads}: large products split over one thread per physical core by
 *       {@link ParallelGemm} (OpenBLAS itself on one thread), libnd4j's OpenMP one thread, unless the
 *       system property {@value #THREADS_PROPERTY} is set before the backend starts (then every pool
 *       gets that many). With fixed thread counts, results are bitwise repeatable run to run.</li>
 * </ul>
 */
public final class Nd4jBackend implements Backend {

    /** System property: the number of threads of every native pool ND4J runs (default: see {@link Nd4jThreads}). */
    public static final String THREADS_PROPERTY = "backprop4j.nd4j.threads";

    private static volatile Nd4jBackend instance;

    private final ArrayPool pool = new ArrayPool(ArrayPool.DEFAULT_BUDGET_BYTES);
    private final ParallelGemm products;
    private final Nd4jKernels kernels = new Nd4jKernels();
    /** A row-major vector of ones per dtype, grown on demand: the operand of sums and bias adds as BLAS calls. */
    private final Map<DType, INDArray> ones = new EnumMap<>(DType.class);

    private Nd4jBackend(Nd4jThreads threads) {
        this.products = new ParallelGemm(threads.products());
    }

    /**
     * Starts ND4J (loading its native libraries on first call), sets its thread pools, and returns the
     * backend. Throws whatever ND4J throws when its native code cannot load, and an
     * {@link IllegalArgumentException} naming {@value #THREADS_PROPERTY} if that property is not a
     * positive integer.
     */
    static synchronized Backend start() {
        if (instance == null) {
            Nd4jThreads threads = Nd4jThreads.resolve(System.getProperty(THREADS_PROPERTY),
                    Nd4jThreads.physicalCores());
            // Forces the native backend to load now, so a broken installation fails here, in create().
            Nd4j.getBackend();
            threads.apply();
            INDArray probe = Nd4j.createUninitializedDetached(DataType.DOUBLE, 'c', 1, 1);
            probe.assign(1.0);
            if (probe.getDouble(0, 0) != 1.0) {
                throw new IllegalStateException("ND4J native code returned a wrong value at start-up.");
            }
            probe.close();
            instance = new Nd4jBackend(threads);
        }
        return instance;
    }

    /** The started backend (matrices exist only once it has started). */
    static Nd4jBackend backend() {
        Nd4jBackend b = instance;
        return b != null ? b : (Nd4jBackend) start();
    }

    /** Where this backend's matrix products run. */
    ParallelGemm products() {
        return products;
    }

    /** Where this backend's matrices get their arrays. */
    ArrayPool pool() {
        return pool;
    }

    /** A vector of at least {@code n} ones of {@code dtype}, shape {@code (1, m)} with {@code m >= n}; never freed. */
    synchronized INDArray ones(DType dtype, long n) {
        INDArray v = ones.get(dtype);
        if (v == null || v.length() < n) {
            long m = Math.max(n, v == null ? 256 : 2 * v.length());
            INDArray grown = allocate(dtype, 1, m);
            grown.assign(1.0);
            ones.put(dtype, grown);
            v = grown;
        }
        return v;
    }

    /** The fused layer kernels of this backend. */
    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public String name() {
        return Nd4jProvider.NAME;
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        MatrixChecks.requireShape(rows, cols);
        Nd4jMatrix m = pool.matrix(dtype, rows, cols);
        m.fill(0.0);
        return m;
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        Nd4jMatrix m = pool.matrix(dtype, rows, cols);
        Elements.write(m.array(), rowMajor);
        Reference.reachabilityFence(m);
        return m;
    }

    /**
     * Fills a new matrix row by row, straight into its native memory, so a large data set is held
     * once, in native memory, plus one row on the Java heap.
     */
    @Override
    public Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        MatrixChecks.requireShape(rows, cols);
        Math.multiplyExact(rows, cols);
        Nd4jMatrix m = pool.matrix(dtype, rows, cols);
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            source.row(r, row);
            Elements.write(m.array(), (long) r * cols, row, 0, cols);
        }
        Reference.reachabilityFence(m);
        return m;
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
