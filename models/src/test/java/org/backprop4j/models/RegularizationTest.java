package org.backprop4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;

class RegularizationTest {

    private final Backend b = Backends.get("pure");
    private final double[] w = {1, -2, 3, 0.5};

    private Matrix w() {
        return b.fromArray(2, 2, w, DType.FLOAT64);
    }

    @Test
    void penaltiesFollowEachNotebooksConvention() {
        // sum of squares 1 + 4 + 9 + 0.25 = 14.25, sum of |w| = 6.5
        assertEquals(0.1 * 14.25, Regularization.L2.penalty(w(), 0.1), 1e-15);
        assertEquals(0.5 * 0.1 * 14.25, Regularization.L2_HALF.penalty(w(), 0.1), 1e-15);
        assertEquals(0.1 * 6.5, Regularization.L1.penalty(w(), 0.1), 1e-15);
    }

    @Test
    void gradientsAreTheDerivativesOfThePenalties() {
        Matrix dw = b.zeros(2, 2, DType.FLOAT64);
        Regularization.L2.addGradient(dw, w(), 0.1);
        assertArrayEquals(new double[] {0.2, -0.4, 0.6, 0.1}, dw.toArray(), 1e-15);
        dw.fill(1.0);
        Regularization.L2_HALF.addGradient(dw, w(), 0.1);
        assertArrayEquals(new double[] {1.1, 0.8, 1.3, 1.05}, dw.toArray(), 1e-15);
        dw.fill(0.0);
        Regularization.L1.addGradient(dw, w(), 0.1);
        assertArrayEquals(new double[] {0.1, -0.1, 0.1, 0.1}, dw.toArray(), 1e-15);
    }

    @Test
    void parsesLabelsAndRejectsOthers() {
        assertEquals(Regularization.L2_HALF, Regularization.parse("L2-half"));
        assertEquals(Regularization.L1, Regularization.parse("l1"));
        assertThrows(IllegalArgumentException.class, () -> Regularization.parse("l3"));
    }
}
