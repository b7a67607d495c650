package org.backprop4j.backend.array;

import java.util.Objects;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.MatrixChecks;

/**
 * A backend whose matrices are {@link ArrayMatrix} instances (primitive {@code double[]} or {@code float[]}
 * row-major storage). Subclasses choose the {@link MatrixProduct}, the {@link ElementLoops} and the
 * {@link Kernels}; storage, broadcasts, reductions and indexing are shared.
 */
public abstract class ArrayBackend implements Backend {

    private final String name;
    private final MatrixProduct product;
    private final ElementLoops loops;

    /**
     * @param name    the backend's name, lower case
     * @param product how {@link ArrayMatrix#gemm} multiplies
     * @param loops   how element-wise operations and sums run
     */
    protected ArrayBackend(String name, MatrixProduct product, ElementLoops loops) {
        this.name = Objects.requireNonNull(name, "name");
        this.product = Objects.requireNonNull(product, "product");
        this.loops = Objects.requireNonNull(loops, "loops");
    }

    @Override
    public final String name() {
        return name;
    }

    /** The matrix product this backend's matrices use. */
    public final MatrixProduct product() {
        return product;
    }

    /** The element-wise loops this backend's matrices use. */
    public final ElementLoops loops() {
        return loops;
    }

    @Override
    public abstract Kernels kernels();

    @Override
    public ArrayMatrix zeros(int rows, int cols, DType dtype) {
        MatrixChecks.requireShape(rows, cols);
        return new ArrayMatrix(this, rows, cols, Objects.requireNonNull(dtype, "dtype"));
    }

    @Override
    public ArrayMatrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        ArrayMatrix m = zeros(rows, cols, dtype);
        m.load(rowMajor, 0, 0, rowMajor.length);
        return m;
    }

    /** Fills the matrix's own storage row by row through one {@code cols}-long buffer: no full-size temporary. */
    @Override
    public ArrayMatrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        ArrayMatrix m = zeros(rows, cols, dtype);
        double[] buffer = new double[cols];
        for (int r = 0; r < rows; r++) {
            source.row(r, buffer);
            m.load(buffer, 0, r * cols, cols);
        }
        return m;
    }

    @Override
    public String toString() {
        return name + " backend";
    }
}
