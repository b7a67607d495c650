package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pool behind every nd4j matrix: arrays of dropped matrices are reused, arrays of reachable ones
 * never are, and the native memory held stays within the live matrices plus the budget.
 */
class ArrayPoolTest {

    private static final long BUDGET = 1 << 20;                  // 1 MiB
    private static final int ROWS = 100;
    private static final int COLS = 100;
    private static final long BYTES = (long) ROWS * COLS * 8;     // 80 KB, 13 of them fit the budget

    @Test
    void aReleasedArrayGoesToTheNextMatrixOfItsShapeAndDtype() {
        ArrayPool pool = new ArrayPool(BUDGET);
        Nd4jMatrix first = pool.matrix(DType.FLOAT64, 3, 4);
        INDArray array = first.array();
        pool.release(first);
        assertNotSame(array, pool.matrix(DType.FLOAT32, 3, 4).array(), "another dtype");
        assertNotSame(array, pool.matrix(DType.FLOAT64, 4, 3).array(), "another shape");
        assertSame(array, pool.matrix(DType.FLOAT64, 3, 4).array());
        ArrayPool.Stats s = pool.stats();
        assertEquals(3, s.fresh());
        assertEquals(1, s.reused());
    }

    @Test
    void zeroSizeMatricesTakeNothingFromThePool() {
        ArrayPool pool = new ArrayPool(BUDGET);
        assertEquals(0, pool.matrix(DType.FLOAT64, 0, 5).size());
        pool.release(pool.matrix(DType.FLOAT32, 7, 0));
        assertEquals(0, pool.stats().fresh() + pool.stats().reused() + pool.stats().leases());
    }

    /**
     * A loop that drops every matrix it makes, as a training loop drops its minibatches and gradients:
     * once the budget is used up the pool collects and reuses, so it allocates a budget's worth of
     * arrays, not one per iteration, and never holds more than the budget beyond the live matrix.
     */
    @Test
    void droppedMatricesAreReusedWithinTheBudget() {
        ArrayPool pool = new ArrayPool(BUDGET);
        int iterations = 200;
        for (int i = 0; i < iterations; i++) {
            Nd4jMatrix m = pool.matrix(DType.FLOAT64, ROWS, COLS);
            m.fill(i);
            assertEquals(i, m.get(ROWS - 1, COLS - 1), 0.0);
            ArrayPool.Stats s = pool.stats();
            assertTrue(s.outstandingBytes() + s.idleBytes() <= BUDGET + 2 * BYTES,
                    "iteration " + i + ": native bytes held " + (s.outstandingBytes() + s.idleBytes()));
        }
        ArrayPool.Stats s = pool.stats();
        assertTrue(s.collections() >= 1, s.toString());
        assertTrue(s.fresh() <= 4 * (BUDGET / BYTES), "fresh arrays: " + s);
        assertEquals(iterations, s.fresh() + s.reused());
    }

    /** Matrices that stay reachable keep their arrays and values while many others come and go. */
    @Test
    void reachableMatricesAreNeverHandedOut() {
        ArrayPool pool = new ArrayPool(BUDGET);
        List<Nd4jMatrix> kept = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Nd4jMatrix m = pool.matrix(DType.FLOAT64, ROWS, COLS);
            m.fill(i);
            kept.add(m);
            for (int j = 0; j < 20; j++) {
                pool.matrix(DType.FLOAT64, ROWS, COLS).fill(-1);   // dropped at once
            }
        }
        assertTrue(pool.stats().collections() >= 2, pool.stats().toString());
        Set<INDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < kept.size(); i++) {
            Nd4jMatrix m = kept.get(i);
            assertTrue(arrays.add(m.array()), "matrix " + i + " shares its array");
            for (double v : m.toArray()) {
                assertEquals(i, v, 0.0, "matrix " + i);
            }
        }
    }

    /**
     * Two threads compute on the backend's own pool, each checking every result against the value it
     * must have, while the garbage they drop makes the pool collect and reuse arrays many times.
     */
    @Test
    void concurrentComputationsSeeOnlyTheirOwnArrays() throws Exception {
        int n = 512;                                                   // 2 MiB per float64 matrix
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t + 1;
                runs.add(pool.submit(() -> {
                    double[] ones = new double[n * n];
                    Arrays.fill(ones, 1.0);
                    Matrix one = Ref.backend().fromArray(n, n, ones, DType.FLOAT64);
                    int checked = 0;
                    for (int i = 0; i < 120; i++) {
                        double v = seed * 1000 + i;
                        Matrix a = one.scale(v);                       // every element v
                        Matrix b = a.add(one).gatherRows(new int[] {n - 1, 0, 7});
                        Matrix c = a.transpose().sum(0);               // every element n * v
                        assertEquals(v + 1, b.get(2, n - 1), 0.0);
                        assertEquals(v + 1, b.get(0, 3), 0.0);
                        assertEquals(n * v, c.get(0, n / 2), 0.0);
                        assertEquals(v, a.get(n - 1, n - 1), 0.0);
                        checked += 4;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : runs) {
                assertEquals(480, f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Nd4jBackend.backend().pool().stats().reused() > 0, Nd4jBackend.backend().pool().stats().toString());
    }
}
