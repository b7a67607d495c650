package org.backprop4j.models.gradcheck;

import java.util.function.DoubleSupplier;
import java.util.function.Function;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/**
 * Numeric gradients and the relative error, as the notebooks' {@code gradient_check.py}.
 *
 * <p>Guards (DL4J's {@code GradientCheckUtil} enforces the same advice): the perturbed matrix must be
 * float64 — float32 rounding (about 1e-7 relative) swamps a centred difference with
 * {@code h = 1e-5} — and {@code h} must lie in {@code [1e-10, 1e-2]}. Callers checking a model with
 * dropout must seed it (see {@code Model.deterministic()}).
 */
public final class GradientCheck {

    /** The notebooks' step, {@code h = 1e-5}. */
    public static final double DEFAULT_H = 1e-5;

    private GradientCheck() {
    }

    /**
     * {@code eval_numerical_gradient(f, x, h)}: the centred difference {@code (f(x+h) - f(x-h)) / 2h}
     * for every entry of {@code x}, perturbing each entry in place and restoring it.
     *
     * @param f a scalar function that reads {@code x}
     * @param x the point, perturbed and restored; must be float64
     * @return the numeric gradient, same shape and backend as {@code x}
     */
    public static Matrix evalNumericalGradient(DoubleSupplier f, Matrix x, double h) {
        requireCheckable(x, h);
        double[] grad = new double[Math.toIntExact(x.size())];
        int cols = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                grad[r * cols + c] = centredDifference(f, x, r, c, h);
            }
        }
        return x.create(x.rows(), cols, grad);
    }

    /** {@link #evalNumericalGradient(DoubleSupplier, Matrix, double)} with {@code h = 1e-5}. */
    public static Matrix evalNumericalGradient(DoubleSupplier f, Matrix x) {
        return evalNumericalGradient(f, x, DEFAULT_H);
    }

    /**
     * {@code eval_numerical_gradient_array(f, x, df, h)}: the numeric gradient of
     * {@code sum(f(x) * df)} on {@code x}, for a function with a matrix output and upstream gradient
     * {@code df}.
     */
    public static Matrix evalNumericalGradientArray(Function<Matrix, Matrix> f, Matrix x, Matrix df, double h) {
        requireCheckable(x, h);
        double[] grad = new double[Math.toIntExact(x.size())];
        int cols = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double old = x.get(r, c);
                x.set(r, c, old + h);
                Matrix pos = f.apply(x).copy();
                x.set(r, c, old - h);
                Matrix neg = f.apply(x).copy();
                x.set(r, c, old);
                grad[r * cols + c] = pos.sub(neg).mul(df).sum() / (2 * h);
            }
        }
        return x.create(x.rows(), cols, grad);
    }

    /** {@link #evalNumericalGradientArray(Function, Matrix, Matrix, double)} with {@code h = 1e-5}. */
    public static Matrix evalNumericalGradientArray(Function<Matrix, Matrix> f, Matrix x, Matrix df) {
        return evalNumericalGradientArray(f, x, df, DEFAULT_H);
    }

    /**
     * {@code grad_check_sparse}: compares the analytic gradient with the centred difference at
     * {@code numChecks} random entries (drawn from {@code rng}) and returns the largest relative error
     * {@code |num - ana| / max(1e-8, |num| + |ana|)} — for matrices too large to check entry by entry.
     */
    public static double gradCheckSparse(DoubleSupplier f, Matrix x, Matrix analytic, int numChecks, double h,
            NumpyRandom rng) {
        requireCheckable(x, h);
        requireSameShape(x, analytic);
        double worst = 0;
        for (int i = 0; i < numChecks; i++) {
            int r = (int) rng.randint(0, x.rows());
            int c = (int) rng.randint(0, x.cols());
            double num = centredDifference(f, x, r, c, h);
            double ana = analytic.get(r, c);
            worst = Math.max(worst, Math.abs(num - ana) / Math.max(1e-8, Math.abs(num) + Math.abs(ana)));
        }
        return worst;
    }

    /** {@code (f(x + h e_rc) - f(x - h e_rc)) / 2h}, perturbing entry (r, c) in place and restoring it. */
    private static double centredDifference(DoubleSupplier f, Matrix x, int r, int c, double h) {
        double old = x.get(r, c);
        x.set(r, c, old + h);
        double fxph = f.getAsDouble();
        x.set(r, c, old - h);
        double fxmh = f.getAsDouble();
        x.set(r, c, old);
        return (fxph - fxmh) / (2 * h);
    }

    /**
     * The notebooks' {@code rel_error(x, y)}: {@code max(|x - y| / max(1e-8, |x| + |y|))} over all
     * entries. The matrices may come from different backends or dtypes (values are compared as doubles).
     */
    public static double relError(Matrix x, Matrix y) {
        requireSameShape(x, y);
        return relError(x.toArray(), y.toArray());
    }

    /** {@code rel_error} on plain arrays of equal length. */
    public static double relError(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("rel_error: arrays of lengths " + x.length + " and " + y.length
                    + " cannot be compared.");
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.abs(x[i] - y[i]) / Math.max(1e-8, Math.abs(x[i]) + Math.abs(y[i]));
            if (Double.isNaN(e)) {
                return Double.NaN;
            }
            worst = Math.max(worst, e);
        }
        return worst;
    }

    private static void requireSameShape(Matrix x, Matrix y) {
        if (x.rows() != y.rows() || x.cols() != y.cols()) {
            throw new IllegalArgumentException("rel_error: shapes " + x.shape() + " and " + y.shape() + " differ.");
        }
    }

    private static void requireCheckable(Matrix x, double h) {
        if (x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks need float64 parameters, got " + x.dtype()
                    + ": float32 rounding (about 1e-7) swamps a centred difference with h = " + h + ".");
        }
        if (!(h >= 1e-10 && h <= 1e-2)) {
            throw new IllegalArgumentException(
                    "gradient check step h = " + h + " is outside [1e-10, 1e-2]; the notebooks use 1e-5.");
        }
    }
}
