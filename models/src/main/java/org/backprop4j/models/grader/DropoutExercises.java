package org.backprop4j.models.grader;

import static org.backprop4j.models.grader.Exercises.REFERENCE;

import java.util.List;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.random.NumpyRandom;

/**
 * {@code dropout_forward} and {@code dropout_backward}: the Dropout notebook's cells ({@code np.random.seed(231)};
 * {@code x = randn(500, 500) + 10} at {@code p = 0.25, 0.4, 0.7}; the backward pass with {@code p = 0.2,
 * seed = 123}). {@code p} is the keep probability (cs231n since 2019, nndl). A mask need not be the reference's
 * draw: the forward pass is held to the notebook's statistics, to the scale {@code 1 / p}, to the identity at test
 * time and to drawing the same mask again when the param has a seed.
 */
final class DropoutExercises {

    /** The notebook's keep probabilities. */
    private static final double[] PS = {0.25, 0.4, 0.7};

    /** 250,000 draws: the fraction of zeros lies within 0.005 of 1 - p (five standard deviations). */
    private static final double FRACTION_BOUND = 0.005;

    private DropoutExercises() {
    }

    /** "Dropout forward pass". */
    static Exercise.Outcome dropoutForward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("dropout_forward", " (p = 0.25, 0.4, 0.7)");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 500, 500, 1, 10);
        Matrix x0 = x.copy();
        StringBuilder zeros = new StringBuilder();
        StringBuilder means = new StringBuilder();
        for (double p : PS) {
            Matrix out = k.dropoutForward(x, new DropoutParam(p, null), rng).out();
            f.unchanged("x", x0, x);
            if (out == null || out.rows() != x.rows() || out.cols() != x.cols()) {
                f.compare("out", out, x0, x.rows(), List.of());
                continue;
            }
            double fraction = fractionOfZeros(out);
            zeros.append(zeros.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", fraction));
            means.append(means.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", out.mean()));
            f.on("p = " + p);
            scale(f, x0, out, p);
            if (Math.abs(fraction - p) <= FRACTION_BOUND) {
                f.blame(dropProbability(p));
            }
            f.within("fraction set to zero - (1 - p) at p = " + p, Math.abs(fraction - (1 - p)), FRACTION_BOUND);

            DropoutParam test = new DropoutParam(p, null);
            test.setMode(Mode.TEST);
            f.compare("test-time out", k.dropoutForward(x, test, rng).out(), x0, x.rows(), List.of(new Mistake(
                    "test mode scales x by p: with inverted dropout the train-time mask carries the 1/p and test "
                            + "time returns x unchanged.",
                    x0.scale(p))));
        }
        f.on("");
        f.print("fraction of train-time output set to zero: " + zeros + "; mean of train-time output: " + means
                + " (input " + String.format(Locale.ROOT, "%.2f", x0.mean()) + ")");

        // a seeded param draws the same mask at every call: the gradient check depends on it
        for (long seed : Draws.OTHER_SEEDS) {
            NumpyRandom r = new NumpyRandom(seed);
            Matrix xi = Draws.randn(b, r, 6, 8, 1, 10);
            DropoutParam param = new DropoutParam(0.5, 123L);
            Matrix first = k.dropoutForward(xi, param, r).out();
            Matrix second = k.dropoutForward(xi, param, r).out();
            if (first != null && second != null && !Diagnosis.matches(first, second)) {
                f.blame("the mask is redrawn between calls: with dropout_param['seed'] set, reseed the generator "
                        + "(np.random.seed(seed)) before drawing, so that every call sees the same mask.");
            }
        }
        return f.outcome();
    }

    /** Every output is 0 or {@code x / p}; blames the scales of the common mistakes. */
    private static void scale(Findings f, Matrix x, Matrix out, double p) {
        boolean byP = true;
        boolean byDrop = true;
        boolean unscaled = true;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                double o = out.get(r, c);
                if (o != 0) {
                    double v = x.get(r, c);
                    byP &= close(o, v / p);
                    byDrop &= close(o, v / (1 - p));
                    unscaled &= close(o, v);
                }
            }
        }
        if (byP) {
            return;
        }
        if (byDrop) {
            f.blame(dropProbability(p));
        } else if (unscaled) {
            f.blame("the kept units are not scaled by 1/p: inverted dropout's mask is (np.random.rand(*x.shape) < p) "
                    + "/ p, so that the expected output is x.");
        } else {
            f.blame("train-time outputs are neither 0 nor x / p: out = x * mask with mask = "
                    + "(np.random.rand(*x.shape) < p) / p.");
        }
    }

    private static String dropProbability(double p) {
        return "p is read as the drop probability (at p = " + p + " the kept fraction is " + (1 - p)
                + " or the scale 1/(1 - p)): dropout_param['p'] is the probability of keeping a unit, "
                + "mask = (np.random.rand(*x.shape) < p) / p.";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.abs(b);
    }

    private static double fractionOfZeros(Matrix m) {
        long zeros = 0;
        for (double v : m.toArray()) {
            if (v == 0) {
                zeros++;
            }
        }
        return (double) zeros / m.size();
    }

    /** "Dropout backward pass": {@code np.random.seed(231)}, x (10, 10) + 10, p 0.2, seed 123. */
    static Exercise.Outcome dropoutBackward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("dropout_backward", "");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 10, 10, 1, 10);
        Matrix dout = Draws.randn(b, rng, 10, 10);
        DropoutParam param = new DropoutParam(0.2, 123L);
        DropoutCache cache = REFERENCE.dropoutForward(x, param, rng).cache();
        Matrix dx = k.dropoutBackward(dout, cache);
        f.notebook("dx relative error", Findings.relError(dx, GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.dropoutForward(m, param, rng).out(), x, dout)), LayerExercises.GRADIENT_BOUND);
        againstReference(f, dout, cache, dx, param.p());
        for (long seed : Draws.OTHER_SEEDS) {
            NumpyRandom r = new NumpyRandom(seed);
            f.on("seed " + seed);
            Matrix xi = Draws.randn(b, r, 4 + (int) seed, 5);
            Matrix di = Draws.randn(b, r, xi.rows(), xi.cols());
            DropoutCache ci = REFERENCE.dropoutForward(xi, new DropoutParam(0.6, null), r).cache();
            againstReference(f, di, ci, k.dropoutBackward(di, ci), 0.6);
        }
        f.on("test mode");
        Matrix dxTest;
        try {
            dxTest = k.dropoutBackward(dout, new DropoutCache(null));
        } catch (NullPointerException e) {
            f.blame("dropout_backward fails in test mode, where the cache's mask is null: there dx = dout.");
            return f.outcome();
        }
        f.compare("test-mode dx", dxTest, dout, dout.rows(), List.of());
        return f.outcome();
    }

    private static void againstReference(Findings f, Matrix dout, DropoutCache cache, Matrix dx, double p) {
        Matrix ref = REFERENCE.dropoutBackward(dout, cache);
        Matrix pattern = cache.mask().scale(p);
        f.compare("dx", dx, ref, dout.rows(), List.of(
                new Mistake("dx = dout: the mask is not applied (dx = dout * mask).", dout),
                new Mistake("dx applies the 0/1 pattern without the 1/p: the cache's mask already holds "
                        + "(rand < p) / p, so dx = dout * mask.", dout.mul(pattern)),
                new Mistake("dx divides by p once more: the cache's mask already holds (rand < p) / p, so "
                        + "dx = dout * mask.", ref.scale(1 / p))));
    }
}
