package org.backprop4j.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The reference definitions against values worked out by hand (and as NumPy prints them): every backend's
 * element-wise loops are held to {@link UnaryOp#apply}, so this is where that reference is itself held.
 */
class UnaryOpTest {

    private static void assertValue(double expected, UnaryOp f, double x) {
        // assertEquals on doubles compares bits: NaN equals NaN, and 0.0 is not -0.0
        assertEquals(expected, f.apply(x), f + "(" + x + ")");
    }

    @Test
    void reluIsNumpysMaximumWithZero() {
        assertValue(3.5, UnaryOp.RELU, 3.5);
        assertValue(0.0, UnaryOp.RELU, -2.0);
        // +0, as Math.max(x, 0) and the SIMD lanes' max (NumPy keeps -0.0, equal under ==; nothing divides by it)
        assertValue(0.0, UnaryOp.RELU, -0.0);
        assertValue(Double.NaN, UnaryOp.RELU, Double.NaN); // np.maximum(0, nan) is nan
        assertValue(Double.POSITIVE_INFINITY, UnaryOp.RELU, Double.POSITIVE_INFINITY);
        assertValue(0.0, UnaryOp.RELU, Double.NEGATIVE_INFINITY);
        assertValue(4.9e-324, UnaryOp.RELU, 4.9e-324);
    }

    @Test
    void reluMaskIsXGreaterThanZero() {
        assertValue(1.0, UnaryOp.RELU_MASK, 1e-300);
        assertValue(0.0, UnaryOp.RELU_MASK, 0.0);
        assertValue(0.0, UnaryOp.RELU_MASK, -0.0);
        assertValue(0.0, UnaryOp.RELU_MASK, -7.0);
        assertValue(0.0, UnaryOp.RELU_MASK, Double.NaN);   // (nan > 0) is False
    }

    @Test
    void sigmoidHasItsTextbookValues() {
        assertValue(0.5, UnaryOp.SIGMOID, 0.0);
        // 1 / (1 + e^-2) and 1 / (1 + e^2), as NumPy prints them
        assertEquals(0.8807970779778823, UnaryOp.SIGMOID.apply(2.0), 1e-16);
        assertEquals(0.11920292202211755, UnaryOp.SIGMOID.apply(-2.0), 1e-17);
        assertValue(1.0, UnaryOp.SIGMOID, 800.0);
        assertValue(0.0, UnaryOp.SIGMOID, -800.0);          // exp(800) overflows to inf: 1 / inf
        assertValue(Double.NaN, UnaryOp.SIGMOID, Double.NaN);
    }

    @Test
    void theOtherFunctionsAreNumpys() {
        assertEquals(Math.E, UnaryOp.EXP.apply(1.0), 0.0);
        assertValue(0.0, UnaryOp.LOG, 1.0);
        assertValue(Double.NEGATIVE_INFINITY, UnaryOp.LOG, 0.0);
        assertValue(3.0, UnaryOp.SQRT, 9.0);
        assertValue(Double.NaN, UnaryOp.SQRT, -1.0);
        assertValue(6.25, UnaryOp.SQUARE, -2.5);
        assertValue(2.5, UnaryOp.ABS, -2.5);
        assertValue(-1.0, UnaryOp.SIGN, -3.0);
        assertValue(1.0, UnaryOp.SIGN, 1e-300);
        assertValue(0.0, UnaryOp.SIGN, 0.0);
        assertValue(Double.NaN, UnaryOp.SIGN, Double.NaN);
        assertValue(-4.0, UnaryOp.NEGATE, 4.0);
        assertValue(0.25, UnaryOp.RECIPROCAL, 4.0);
        assertValue(Double.POSITIVE_INFINITY, UnaryOp.RECIPROCAL, 0.0);
    }
}
