package org.backprop4j.datasets;

import java.util.concurrent.atomic.AtomicInteger;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * The real {@code pure} backend, counting how matrices are made, so tests can check that loaders fill
 * matrices row by row through {@link #fromRows} (no full-size temporary array) and never call
 * {@link #fromArray}.
 */
public final class CountingBackend implements Backend {

    private final Backend pure = Backends.get("pure");
    /** Calls of {@link #fromArray} so far. */
    public final AtomicInteger fromArrayCalls = new AtomicInteger();
    /** Calls of {@link #fromRows(int, int, DType, RowSource)} so far. */
    public final AtomicInteger fromRowsCalls = new AtomicInteger();

    @Override
    public String name() {
        return pure.name();
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        return pure.zeros(rows, cols, dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        fromArrayCalls.incrementAndGet();
        return pure.fromArray(rows, cols, rowMajor, dtype);
    }

    @Override
    public Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        fromRowsCalls.incrementAndGet();
        return pure.fromRows(rows, cols, dtype, source);
    }

    @Override
    public Kernels kernels() {
        return pure.kernels();
    }
}
