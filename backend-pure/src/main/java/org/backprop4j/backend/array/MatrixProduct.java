package org.backprop4j.backend.array;

/**
 * The matrix-product strategy of an {@link ArrayBackend}: the one place where {@code pure} (cache-blocked,
 * multi-threaded) and {@code naive} (the i-j-k triple loop) differ in how {@link ArrayMatrix#gemm} runs.
 */
public interface MatrixProduct {

    /**
     * {@code c = alpha * op(a) · op(b) + beta * c}, where {@code op(m)} is {@code m} or its transpose.
     *
     * <p>The caller ({@link ArrayMatrix#gemm}) has already checked the operands (same backend, same dtype,
     * aligned shapes) and guarantees that {@code c} shares no storage with {@code a} or {@code b}. With
     * {@code beta == 0} the old contents of {@code c} must be ignored, even if they are NaN. Results are
     * rounded to {@code c}'s dtype.
     */
    void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta, ArrayMatrix c);
}
