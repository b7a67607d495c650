package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The products of a TwoLayerNet step and their FLOP counts. */
class StepProductTest {

    @Test
    void flopsAreTwoTimesMTimesNTimesK() {
        assertEquals(2 * 3 * 4 * 5, StepProduct.flops(3, 4, 5));
        assertEquals(0, StepProduct.flops(0, 4, 5));
        // in long arithmetic: 2 * 50000^3 overflows an int many times over
        assertEquals(250_000_000_000_000L, StepProduct.flops(50_000, 50_000, 50_000));
    }

    @Test
    void theSixProductsOfTheCs231nStepHaveTheKernelsShapesAndTransposes() {
        int n = 200;
        int d = 3072;
        int h = 100;
        int c = 10;
        List<StepProduct> ps = StepProduct.twoLayerNet(n, d, h, c);
        assertEquals(6, ps.size());
        // id, m, n, k, transA, transB
        check(ps.get(0), "x_w1", n, h, d, false, false);
        check(ps.get(1), "h_w2", n, c, h, false, false);
        check(ps.get(2), "ds_w2t", n, h, c, false, true);
        check(ps.get(3), "ht_ds", h, c, n, true, false);
        check(ps.get(4), "dh_w1t", n, d, h, false, true);
        check(ps.get(5), "xt_dh", d, h, n, true, false);
        assertEquals(122_880_000L, ps.get(0).flops(), "X·W1 = 2·200·3072·100");
        assertEquals(400_000L, ps.get(1).flops(), "H·W2 = 2·200·100·10");
        assertEquals(ps.get(0).flops(), ps.get(4).flops());
        assertEquals(ps.get(0).flops(), ps.get(5).flops());
        assertEquals("(200,10)·(100,10)ᵀ", ps.get(2).shapes());
        assertEquals("(200,3072)ᵀ·(200,100)", ps.get(5).shapes());
    }

    @Test
    void mismatchedInnerDimensionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StepProduct("x", "x", "x", 2, 3, false, 4, 5, false));
    }

    private static void check(StepProduct p, String id, int m, int n, int k, boolean ta, boolean tb) {
        assertEquals(id, p.id());
        assertEquals(m, p.m(), id + " m");
        assertEquals(n, p.n(), id + " n");
        assertEquals(k, p.k(), id + " k");
        assertEquals(ta, p.transA(), id + " transA");
        assertEquals(tb, p.transB(), id + " transB");
    }
}
