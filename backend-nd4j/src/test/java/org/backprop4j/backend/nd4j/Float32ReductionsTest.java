package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * float32 sums accumulate in double without a widened copy of their operand: on a 64 MB matrix whose
 * sums are exact in double (every element a multiple of 2^-9 below 1 in magnitude), each sum is exact,
 * and the process's resident memory does not grow by the 128 MB a float64 copy would take.
 */
class Float32ReductionsTest {

    private static final int N = 4096;

    private static double element(int r, int c) {
        return (((r * 31 + c * 17) % 1000) - 500) / 512.0;
    }

    @Test
    void sumsAreExactAndNeedNoWidenedCopy() {
        Matrix m = Ref.backend().fromRows(N, N, DType.FLOAT32, (r, row) -> {
            for (int c = 0; c < N; c++) {
                row[c] = element(r, c);
            }
        });
        double total = 0;
        double squares = 0;
        double[] colSums = new double[N];
        double[] rowSums = new double[N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double v = element(r, c);
                total += v;
                squares += v * v;
                colSums[c] += v;
                rowSums[r] += v;
            }
        }
        m.sum(0);                                     // first calls: the JIT, ND4J's shape caches, ones vectors
        m.sum(1);
        m.sumOfSquares();
        m.sum();
        long rssBefore = Pointer.physicalBytes();
        double gotTotal = m.sum();
        double gotSquares = m.sumOfSquares();
        Matrix gotCols = m.sum(0);
        Matrix gotRows = m.sum(1);
        long grown = Pointer.physicalBytes() - rssBefore;
        assertTrue(grown < (32L << 20), "resident memory grew by " + (grown >> 20) + " MB during the sums");
        assertEquals(total, gotTotal, 0.0);
        assertEquals(squares, gotSquares, 0.0);
        for (int i = 0; i < N; i += 97) {
            assertEquals((float) colSums[i], gotCols.get(0, i), 0.0, "column " + i);
            assertEquals((float) rowSums[i], gotRows.get(i, 0), 0.0, "row " + i);
        }
    }
}
