package org.backprop4j.models.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    private final Backend b = Backends.get("pure");

    @Test
    void numericGradientOfACubicMatchesItsDerivativeAndRestoresTheInput() {
        double[] v = {0.5, -1.5, 2.0, 3.0, -0.25, 1.0};
        Matrix x = b.fromArray(2, 3, v, DType.FLOAT64);
        Matrix g = GradientCheck.evalNumericalGradient(() -> {
            double s = 0;
            for (double e : x.toArray()) {
                s += e * e * e;
            }
            return s;
        }, x);
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = 3 * v[i] * v[i];
        }
        // the centred difference of x^3 has error h^2 = 1e-10 exactly, plus rounding
        assertArrayEquals(expected, g.toArray(), 1e-8);
        assertArrayEquals(v, x.toArray(), 0.0, "each entry is restored");
    }

    @Test
    void arrayVersionWeightsTheOutputsByDout() {
        Matrix x = b.fromArray(1, 3, new double[] {0.1, 0.2, -0.3}, DType.FLOAT64);
        Matrix dout = b.fromArray(1, 3, new double[] {1.0, -2.0, 0.5}, DType.FLOAT64);
        // f(x) = exp(x) element-wise, so the gradient of sum(f(x) * dout) is exp(x) * dout
        Matrix g = GradientCheck.evalNumericalGradientArray(m -> m.map(UnaryOp.EXP), x, dout);
        assertArrayEquals(new double[] {Math.exp(0.1), -2 * Math.exp(0.2), 0.5 * Math.exp(-0.3)}, g.toArray(), 1e-9);
    }

    @Test
    void relErrorIsTheNotebooksFormula() {
        assertEquals(0.0, GradientCheck.relError(new double[] {1, 2}, new double[] {1, 2}));
        // |1 - 1.1| / (1 + 1.1)
        assertEquals(0.1 / 2.1, GradientCheck.relError(new double[] {1, 5}, new double[] {1.1, 5}), 1e-15);
        // the floor 1e-8 keeps tiny values from dividing by zero
        assertEquals(1e-12 / 1e-8, GradientCheck.relError(new double[] {0}, new double[] {1e-12}), 1e-18);
        assertTrue(Double.isNaN(GradientCheck.relError(new double[] {Double.NaN}, new double[] {1})));
    }

    @Test
    void sparseCheckFindsAWrongEntry() {
        Matrix x = b.fromArray(4, 4, new NumpyRandom(3).randn(16), DType.FLOAT64);
        Matrix analytic = x.scale(2);
        double ok = GradientCheck.gradCheckSparse(x::sumOfSquares, x, analytic, 30, 1e-5, new NumpyRandom(0));
        assertTrue(ok < 1e-8, "correct gradient: " + ok);
        Matrix wrong = x.scale(2.2);
        double bad = GradientCheck.gradCheckSparse(x::sumOfSquares, x, wrong, 30, 1e-5, new NumpyRandom(0));
        assertTrue(bad > 1e-2, "wrong gradient: " + bad);
    }

    @Test
    void refusesFloat32AndSillySteps() {
        Matrix f32 = b.zeros(2, 2, DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.evalNumericalGradient(() -> 0, f32));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
        Matrix f64 = b.zeros(2, 2, DType.FLOAT64);
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.evalNumericalGradient(() -> 0, f64, 0.5));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.evalNumericalGradient(() -> 0, f64, 1e-14));
    }
}
