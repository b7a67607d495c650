package org.backprop4j.backend.ejml;

import java.util.Objects;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * The {@code ejml} backend: float64 matrices are EJML {@code DMatrixRMaj}, float32 matrices
 * {@code FMatrixRMaj}, and the arithmetic is EJML's {@code CommonOps_DDRM} / {@code CommonOps_FDRM}.
 *
 * <p>Matrix products of at least {@link #concurrentThreshold()} multiply-adds ({@code m·n·k}) run on
 * EJML's concurrent kernels ({@code CommonOps_MT_DDRM} / {@code CommonOps_MT_FDRM}), smaller ones on the
 * single-threaded kernels, whose fork/join overhead they would not repay. The default,
 * {@value #DEFAULT_CONCURRENT_THRESHOLD}, was measured on a 2-core machine by a sweep of product sizes on one
 * thread against the concurrent kernels (re-measured with JMH's {@code MatmulBenchmark} and this property at
 * {@code -1} and {@code 0}; see benchmarks/README.md): two threads lose below about 3·10^5 multiply-adds
 * (fork/join costs about 10 µs), break even near 3·10^5, and win by 1.3x from 5·10^5 and by 1.9x from 7·10^6.
 * Override it with the
 * system property {@value #THRESHOLD_PROPERTY} or the constructor.
 * Concurrency is also off on a single processor and whenever EJML's own switch
 * ({@code EjmlConcurrency.setMaxThreads(1)}) is off.
 */
public final class EjmlBackend implements Backend {

    /** Products with at least this many multiply-adds run on EJML's concurrent kernels by default. */
    public static final long DEFAULT_CONCURRENT_THRESHOLD = 1L << 19;

    /** System property that overrides {@link #DEFAULT_CONCURRENT_THRESHOLD}; {@code -1} turns concurrency off. */
    public static final String THRESHOLD_PROPERTY = "backprop4j.ejml.concurrentThreshold";

    private final long concurrentThreshold;
    private final boolean multicore = Runtime.getRuntime().availableProcessors() > 1;

    /** The backend with the threshold from {@value #THRESHOLD_PROPERTY}, else the default. */
    public EjmlBackend() {
        this(thresholdFromProperty(System.getProperty(THRESHOLD_PROPERTY)));
    }

    /**
     * The backend with an explicit concurrency threshold.
     *
     * @param concurrentThreshold the smallest {@code m·n·k} that runs concurrently: {@code 0} always,
     *                            a negative value never
     */
    public EjmlBackend(long concurrentThreshold) {
        this.concurrentThreshold = concurrentThreshold < 0 ? Long.MAX_VALUE : concurrentThreshold;
    }

    static long thresholdFromProperty(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CONCURRENT_THRESHOLD;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + THRESHOLD_PROPERTY + " must be a whole number"
                    + " of multiply-adds (or -1 for never), got '" + value + "'.", e);
        }
    }

    /** The smallest product size {@code m·n·k} that runs on EJML's concurrent kernels. */
    public long concurrentThreshold() {
        return concurrentThreshold;
    }

    /** Whether a product {@code (m, k) · (k, n)} runs on the concurrent kernels (which split the m rows). */
    boolean concurrent(int m, int n, int k) {
        return multicore && m > 1 && (long) m * n * k >= concurrentThreshold && EjmlConcurrency.isUseConcurrent();
    }

    @Override
    public String name() {
        return EjmlBackendProvider.NAME;
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        return allocate(rows, cols, dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        EjmlMatrix m = allocate(rows, cols, dtype);
        m.load(rowMajor, 0, 0, rowMajor.length);
        return m;
    }

    /** Fills the EJML matrix one row at a time through a single row buffer: no full-size temporary. */
    @Override
    public Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        EjmlMatrix m = allocate(rows, cols, dtype);
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            source.row(r, row);
            m.load(row, 0, r * cols, cols);
        }
        return m;
    }

    /** A new zero matrix of this backend. */
    EjmlMatrix allocate(int rows, int cols, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        MatrixChecks.requireShape(rows, cols);
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "a matrix of shape (" + rows + ", " + cols + ") has " + (long) rows * cols
                            + " elements, more than one Java array can hold.");
        }
        return dtype == DType.FLOAT64 ? new EjmlMatrix64(this, rows, cols) : new EjmlMatrix32(this, rows, cols);
    }

    @Override
    public String toString() {
        return "EjmlBackend[concurrentThreshold=" + concurrentThreshold + "]";
    }
}
