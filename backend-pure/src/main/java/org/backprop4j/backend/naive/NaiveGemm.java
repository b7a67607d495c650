package org.backprop4j.backend.naive;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.array.MatrixProduct;

/**
 * The textbook matrix product: for every row {@code i} and column {@code j} of C, the dot product of row
 * {@code i} of {@code op(A)} with column {@code j} of {@code op(B)},
 * {@code c_ij = alpha * sum_p op(A)_ip op(B)_pj + beta * c_ij}.
 *
 * <p>Single-threaded, no blocking, no packing; a transpose is handled by swapping the two strides of an
 * operand ({@code op(A)_ip} is {@code a[i * cols + p]}, or {@code a[p * cols + i]} when transposed). The
 * inner loop walks B down a column, a stride of a whole row per step, which is why it is slow on large
 * matrices (one cache miss per multiply-add once B no longer fits in cache) and why {@code pure} packs
 * panels instead. Dot products accumulate in double, also for float32 (rounded once at the end).
 */
public final class NaiveGemm implements MatrixProduct {

    @Override
    public void gemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b, boolean transB, double beta,
            ArrayMatrix c) {
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        // Distance in storage between op(A)_ip and op(A)_i(p+1), and between op(A)_ip and op(A)_(i+1)p.
        int aStepP = transA ? a.cols() : 1;
        int aStepI = transA ? 1 : a.cols();
        int bStepP = transB ? 1 : b.cols();
        int bStepJ = transB ? b.cols() : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = dot(k, a, i * aStepI, aStepP, b, j * bStepJ, bStepP);
                int idx = i * n + j;
                double v = alpha * sum;
                c.put(idx, beta == 0 ? v : beta * c.at(idx) + v);
            }
        }
    }

    /**
     * The textbook dot product {@code sum_p u_p v_p} of {@code len} elements, {@code u_p} at
     * {@code u[uFrom + p * uStep]} and {@code v_p} at {@code v[vFrom + p * vStep]} (a row has step 1, a
     * column the row length), summed in order, in double.
     */
    public static double dot(int len, ArrayMatrix u, int uFrom, int uStep, ArrayMatrix v, int vFrom, int vStep) {
        double sum = 0;
        for (int p = 0; p < len; p++) {
            sum += u.at(uFrom + p * uStep) * v.at(vFrom + p * vStep);
        }
        return sum;
    }
}
