package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.Reference;
import java.util.Random;
import java.util.stream.Stream;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Products split over threads: every transpose case, cut by rows and (for a single row) by columns,
 * held to the reference product and to the same product in one OpenBLAS call.
 */
class ParallelGemmTest {

    /** dtype, transA, transB, (m, n, k): by rows at the training shapes, by columns for m = 1. */
    static Stream<Arguments> cases() {
        int[][] shapes = {{200, 100, 3072}, {3072, 100, 200}, {1, 1024, 1024}, {37, 515, 129}};
        return Stream.of(DType.values()).flatMap(d -> Stream.of(false, true).flatMap(ta -> Stream.of(false, true)
                .flatMap(tb -> Stream.of(shapes).map(s -> Arguments.of(d, ta, tb, s[0], s[1], s[2])))));
    }

    @Test
    void smallProductsStayInOneCallAndLargeOnesUseEveryThread() {
        ParallelGemm three = new ParallelGemm(3);
        assertEquals(1, three.blocks(200, 10, 100), "H·W2: 0.2 M multiply-adds");
        assertEquals(3, three.blocks(200, 100, 3072), "X·W1: 61 M multiply-adds");
        assertEquals(2, three.blocks(1, 2, 1 << 20), "no more blocks than rows or columns");
        assertEquals(1, new ParallelGemm(1).blocks(3072, 100, 200));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitProductsAreTheProduct(DType dtype, boolean transA, boolean transB, int m, int n, int k) {
        Random rnd = new Random(m * 7L + n + k);
        int ar = transA ? k : m;
        int ac = transA ? m : k;
        int br = transB ? n : k;
        int bc = transB ? k : n;
        Matrix a = Ref.random(rnd, ar, ac, dtype);
        Matrix b = Ref.random(rnd, br, bc, dtype);
        Matrix c = Ref.random(rnd, m, n, dtype);
        double beta = 0.5;
        ParallelGemm three = new ParallelGemm(3);
        // the owners stay referenced to the end: the pool hands the array of an unreachable matrix to the next
        // one, and with only the arrays held, `whole` once got the buffer of `split` (the product applied twice)
        Nd4jMatrix splitOwner = (Nd4jMatrix) c.copy();
        Nd4jMatrix wholeOwner = (Nd4jMatrix) c.copy();
        INDArray split = splitOwner.array();
        INDArray whole = wholeOwner.array();
        three.gemm(transA, transB, m, n, k, 1.5, arr(a), arr(b), beta, split);
        Blas.gemm(transA, transB, m, n, k, 1.5, arr(a), arr(b), beta, whole);

        double[] scale = new double[m * n];
        double[] want = Ref.matmul(a.toArray(), ar, ac, transA, b.toArray(), br, bc, transB, scale);
        double[] old = c.toArray();
        for (int i = 0; i < want.length; i++) {
            want[i] = 1.5 * want[i] + beta * old[i];
            scale[i] = 1.5 * scale[i] + beta * Math.abs(old[i]);
        }
        Matrix got = Ref.backend().fromArray(m, n, split.data().asDouble(), dtype);
        Ref.assertSum(want, scale, k + 1, got);
        double[] w = whole.data().asDouble();
        double[] s = split.data().asDouble();
        double err = 0;
        double max = 0;
        for (int i = 0; i < w.length; i++) {
            err = Math.max(err, Math.abs(w[i] - s[i]));
            max = Math.max(max, Math.abs(w[i]));
        }
        assertEquals(0.0, err / max, dtype == DType.FLOAT64 ? 1e-14 : 1e-6, "split against one call");
        Reference.reachabilityFence(splitOwner);
        Reference.reachabilityFence(wholeOwner);
    }

    private static INDArray arr(Matrix m) {
        return ((Nd4jMatrix) m).array();
    }
}
