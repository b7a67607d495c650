package org.backprop4j.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CBLAS calls on the buffers of plain row-major arrays, into the OpenBLAS that ND4J ships and calls
 * itself (the same library instance and thread pool as ND4J's {@code Mmul} and level-1 wrappers).
 *
 * <p>Why not through ND4J: {@code Nd4j.gemm} runs the {@code matmul} custom op, which costs about 17 µs
 * per call more than the {@code cblas_?gemm} it ends in (42 against 25 µs for {@code (200,100)·(100,10)}),
 * and ND4J has no {@code dsdot}, the float32 dot product accumulated in double. OpenBLAS runs one thread
 * here; {@link ParallelGemm} splits large products over the backend's own threads.
 *
 * <p>Callers pass non-empty arrays of one data type with default strides and offset 0 (the
 * {@link Nd4jMatrix} invariant), and keep their owners reachable until the call returns.
 */
final class Blas {

    private Blas() {
    }

    /**
     * {@code c = alpha * op(a) · op(b) + beta * c} for row-major {@code a}, {@code b}, {@code c}, where
     * {@code op(a)} is {@code (m, k)} and {@code op(b)} is {@code (k, n)}; {@code c} must not alias
     * {@code a} or {@code b}. With {@code beta == 0} the old contents of {@code c} are not read.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, INDArray a, INDArray b,
            double beta, INDArray c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
    }

    /**
     * The block of that product that starts at element {@code aOff} of {@code a}, {@code bOff} of
     * {@code b} and {@code cOff} of {@code c}, with the leading dimensions of the whole arrays: {@code m}
     * rows of {@code c} from row {@code i0} are {@code aOff = i0 * lda} (or {@code i0} for {@code aᵀ}) and
     * {@code cOff = i0 * ldc}; {@code n} columns from column {@code j0} are {@code bOff = j0} (or
     * {@code j0 * ldb} for {@code bᵀ}) and {@code cOff = j0}.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, INDArray a, long aOff,
            INDArray b, long bOff, double beta, INDArray c, long cOff) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, (int) a.size(1), b, bOff, (int) b.size(1), beta, c, cOff,
                (int) c.size(1));
    }

    /**
     * The same product on matrices stored inside the arrays with the leading dimensions given: the operand at element
     * {@code aOff} of {@code a} has rows {@code lda} elements apart, and so on. The convolutions use it to multiply
     * one sample's block of a larger array, e.g. the {@code (F, Hout*Wout)} output of sample {@code n}, at element
     * {@code n*F*Hout*Wout} with {@code ldc = Hout*Wout}.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, INDArray a, long aOff,
            int lda, INDArray b, long bOff, int ldb, double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a).position(aOff), lda,
                    doubles(b).position(bOff), ldb, beta, doubles(c).position(cOff), ldc);
        } else {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a).position(aOff), lda,
                    floats(b).position(bOff), ldb, (float) beta, floats(c).position(cOff), ldc);
        }
    }

    /**
     * {@code y = op(a) · x} for row-major {@code a} of shape {@code (rows, cols)}: with {@code trans},
     * {@code y} has {@code cols} elements ({@code aᵀ·x}), else {@code rows}. Accumulates in the arrays' type.
     */
    static void gemv(boolean trans, INDArray a, INDArray x, INDArray y) {
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        int t = trans ? CblasTrans : CblasNoTrans;
        if (a.dataType() == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemv(CblasRowMajor, t, rows, cols, 1.0, doubles(a), cols, doubles(x), 1, 0.0,
                    doubles(y), 1);
        } else {
            openblas_nolapack.cblas_sgemv(CblasRowMajor, t, rows, cols, 1f, floats(a), cols, floats(x), 1, 0f,
                    floats(y), 1);
        }
    }

    /**
     * {@code a += x · yᵀ} for row-major {@code a} of shape {@code (x.length, y.length)}: with {@code x}
     * all ones, adds the row vector {@code y} to every row, each element once ({@code a[i][j] + y[j]}).
     */
    static void ger(INDArray x, INDArray y, INDArray a) {
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        if (a.dataType() == DataType.DOUBLE) {
            openblas_nolapack.cblas_dger(CblasRowMajor, rows, cols, 1.0, doubles(x), 1, doubles(y), 1, doubles(a),
                    cols);
        } else {
            openblas_nolapack.cblas_sger(CblasRowMajor, rows, cols, 1f, floats(x), 1, floats(y), 1, floats(a), cols);
        }
    }

    /**
     * {@code a += x · yᵀ} for the row-major {@code (rows, cols)} matrix stored contiguously from element {@code aOff}
     * of {@code a}, with {@code x} and {@code y} read from element 0: {@code rows} and {@code cols} elements.
     */
    static void ger(int rows, int cols, INDArray x, INDArray y, INDArray a, long aOff) {
        if (a.dataType() == DataType.DOUBLE) {
            openblas_nolapack.cblas_dger(CblasRowMajor, rows, cols, 1.0, doubles(x), 1, doubles(y), 1,
                    doubles(a).position(aOff), cols);
        } else {
            openblas_nolapack.cblas_sger(CblasRowMajor, rows, cols, 1f, floats(x), 1, floats(y), 1,
                    floats(a).position(aOff), cols);
        }
    }

    /** {@code y += alpha * x} over all elements (same length), in chunks that fit CBLAS's int lengths. */
    static void axpy(double alpha, INDArray x, INDArray y) {
        long length = y.length();
        boolean f64 = y.dataType() == DataType.DOUBLE;
        for (long off = 0; off < length; off += Integer.MAX_VALUE) {
            int n = (int) Math.min(Integer.MAX_VALUE, length - off);
            if (f64) {
                openblas_nolapack.cblas_daxpy(n, alpha, doubles(x).position(off), 1, doubles(y).position(off), 1);
            } else {
                openblas_nolapack.cblas_saxpy(n, (float) alpha, floats(x).position(off), 1, floats(y).position(off), 1);
            }
        }
    }

    /**
     * {@code Σ x·y} over all elements (same length), accumulated in double: {@code ddot}, or for float32
     * {@code dsdot}, whose products and sum are formed in double, so no float32 rounding enters.
     */
    static double dot(INDArray x, INDArray y) {
        long length = x.length();
        boolean f64 = x.dataType() == DataType.DOUBLE;
        double sum = 0;
        for (long off = 0; off < length; off += Integer.MAX_VALUE) {
            int n = (int) Math.min(Integer.MAX_VALUE, length - off);
            sum += f64
                    ? openblas_nolapack.cblas_ddot(n, doubles(x).position(off), 1, doubles(y).position(off), 1)
                    : openblas_nolapack.cblas_dsdot(n, floats(x).position(off), 1, floats(y).position(off), 1);
        }
        return sum;
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(a.data().addressPointer());
    }

    private static FloatPointer floats(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }
}
