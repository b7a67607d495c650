package org.backprop4j.models.grader;

import static org.backprop4j.models.grader.Exercises.REFERENCE;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.random.NumpyRandom;

/**
 * {@code affine_forward}, {@code affine_backward}, {@code relu_forward}, {@code relu_backward}: the cells of the
 * FullyConnectedNets notebook, then other seeds and shapes. Backward passes get the reference forward pass's
 * cache, so each function is graded on its own.
 */
final class LayerExercises {

    /** Shapes (N, D, M) of the other seeds' affine checks; the middle one is square, where a transpose hides. */
    private static final int[][] SHAPES = {{4, 6, 3}, {5, 5, 5}, {10, 3, 7}};

    /** The notebooks' bound on numeric-gradient errors of the layers ("around 1e-10" and less). */
    static final double GRADIENT_BOUND = 1e-8;

    private LayerExercises() {
    }

    /** The other seeds' inputs of an affine layer: x (N, D), w (D, M), b (1, M), dout (N, M). */
    private record AffineInputs(Matrix x, Matrix w, Matrix b, Matrix dout) {
        /** Draws the inputs of other seed {@code i} and names them in {@code f}'s blames. */
        static AffineInputs draw(Backend backend, int i, Findings f) {
            NumpyRandom rng = new NumpyRandom(Draws.OTHER_SEEDS[i]);
            int[] nDm = SHAPES[i];
            f.on("seed " + Draws.OTHER_SEEDS[i] + ", x " + nDm[0] + "x" + nDm[1]);
            return new AffineInputs(Draws.randn(backend, rng, nDm[0], nDm[1]),
                    Draws.randn(backend, rng, nDm[1], nDm[2]),
                    Draws.randn(backend, rng, 1, nDm[2]), Draws.randn(backend, rng, nDm[0], nDm[2]));
        }
    }

    /** "Affine layer: forward": linspace inputs against {@code correct_out}, then random ones against the reference. */
    static Exercise.Outcome affineForward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("affine_forward", " function");
        Matrix x = Draws.linspace(b, 2, 120, -0.1, 0.5);
        Matrix w = Draws.linspace(b, 120, 3, -0.2, 0.3);
        Matrix bias = Draws.linspace(b, 1, 3, -0.3, 0.1);
        Matrix out = k.affineForward(x, w, bias).out();
        f.notebook("difference", Findings.relError(out, b.fromRows(NotebookNumbers.affineCorrectOut(), DType.FLOAT64)),
                1e-9);
        affineForwardAgainstReference(f, k, x, w, bias, out);
        for (int i = 0; i < SHAPES.length; i++) {
            AffineInputs in = AffineInputs.draw(b, i, f);
            affineForwardAgainstReference(f, k, in.x(), in.w(), in.b(), k.affineForward(in.x(), in.w(), in.b()).out());
        }
        return f.outcome();
    }

    private static void affineForwardAgainstReference(Findings f, Kernels k, Matrix x, Matrix w, Matrix bias,
            Matrix out) {
        Matrix x0 = x.copy();
        f.compare("out", out, REFERENCE.affineForward(x, w, bias).out(), x.rows(),
                List.of(new Mistake("the bias b is not added: out = x · w without + b.", x.dot(w))));
        f.unchanged("x", x0, x);
    }

    /** "Affine layer: backward": {@code np.random.seed(231)}, x (10, 2, 3) as (10, 6), w (6, 5), b (5,), dout (10, 5). */
    static Exercise.Outcome affineBackward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("affine_backward", " function");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 10, 6);
        Matrix w = Draws.randn(b, rng, 6, 5);
        Matrix bias = Draws.randn(b, rng, 1, 5);
        Matrix dout = Draws.randn(b, rng, 10, 5);
        AffineGrads g = k.affineBackward(dout, new AffineCache(x, w, bias));
        f.notebook("dx error", Findings.relError(g.dx(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.affineForward(m, w, bias).out(), x, dout)), GRADIENT_BOUND);
        f.notebook("dw error", Findings.relError(g.dw(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.affineForward(x, m, bias).out(), w, dout)), GRADIENT_BOUND);
        f.notebook("db error", Findings.relError(g.db(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.affineForward(x, w, m).out(), bias, dout)), GRADIENT_BOUND);
        affineBackwardAgainstReference(f, x, w, bias, dout, g);
        for (int i = 0; i < SHAPES.length; i++) {
            AffineInputs in = AffineInputs.draw(b, i, f);
            AffineCache cache = new AffineCache(in.x(), in.w(), in.b());
            affineBackwardAgainstReference(f, in.x(), in.w(), in.b(), in.dout(), k.affineBackward(in.dout(), cache));
        }
        return f.outcome();
    }

    private static void affineBackwardAgainstReference(Findings f, Matrix x, Matrix w, Matrix bias, Matrix dout,
            AffineGrads g) {
        AffineGrads ref = REFERENCE.affineBackward(dout, new AffineCache(x, w, bias));
        int n = x.rows();
        f.compare("dx", g.dx(), ref.dx(), n, List.of());
        f.compare("dw", g.dw(), ref.dw(), n, List.of());
        String axis1 = "db is summed over axis 1 (over each sample's outputs), shape (" + n + ", 1): the bias "
                + "gradient sums dout over the batch, np.sum(dout, axis=0), shape (1, " + bias.cols() + ").";
        f.compare("db", g.db(), ref.db(), n, n == 1
                ? List.of()
                : List.of(new Mistake(axis1, dout.sum(1)),
                        new Mistake(axis1.replace("(" + n + ", 1)", "(1, " + n + ")"), dout.sum(1).transpose())));
    }

    /** "ReLU activation: forward": {@code np.linspace(-0.5, 0.5, num=12).reshape(3, 4)} against {@code correct_out}. */
    static Exercise.Outcome reluForward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("relu_forward", " function");
        Matrix x = Draws.linspace(b, 3, 4, -0.5, 0.5);
        Matrix out = k.reluForward(x).out();
        // correct_out has 8 decimals: the notebook prints 5.00e-08 and asks for "e-8"
        f.notebook("difference", Findings.relError(out, b.fromRows(NotebookNumbers.reluCorrectOut(), DType.FLOAT64)),
                1e-7);
        reluForwardAgainstReference(f, x, out);
        for (long seed : Draws.OTHER_SEEDS) {
            NumpyRandom rng = new NumpyRandom(seed);
            f.on("seed " + seed);
            Matrix xi = Draws.randn(b, rng, 4 + (int) seed, 7);
            reluForwardAgainstReference(f, xi, k.reluForward(xi).out());
        }
        return f.outcome();
    }

    private static void reluForwardAgainstReference(Findings f, Matrix x, Matrix out) {
        Matrix x0 = x.copy();
        Matrix ref = REFERENCE.reluForward(x0).out();
        f.compare("out", out, ref, x.rows(), List.of(
                new Mistake("out = x: the ReLU was not applied (np.maximum(0, x)).", x0),
                new Mistake("out = np.minimum(0, x): the ReLU keeps the positive part, np.maximum(0, x).",
                        x0.sub(ref))));
        f.unchanged("x", x0, x);
    }

    /** "ReLU activation: backward": {@code np.random.seed(231)}, x and dout (10, 10). */
    static Exercise.Outcome reluBackward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("relu_backward", " function");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 10, 10);
        Matrix dout = Draws.randn(b, rng, 10, 10);
        Matrix dx = k.reluBackward(dout, new ReluCache(x));
        f.notebook("dx error", Findings.relError(dx, GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.reluForward(m).out(), x, dout)), GRADIENT_BOUND);
        reluBackwardAgainstReference(f, x, dout, dx);
        for (long seed : Draws.OTHER_SEEDS) {
            NumpyRandom r = new NumpyRandom(seed);
            f.on("seed " + seed + ", every third input exactly 0");
            Matrix xi = Draws.randn(b, r, 3 + (int) seed, 6);
            // inputs of exactly 0 tell the mask x > 0 from x >= 0
            for (int i = 0; i < xi.rows(); i++) {
                for (int j = (i % 3); j < xi.cols(); j += 3) {
                    xi.set(i, j, 0.0);
                }
            }
            Matrix di = Draws.randn(b, r, xi.rows(), xi.cols());
            reluBackwardAgainstReference(f, xi, di, k.reluBackward(di, new ReluCache(xi)));
        }
        return f.outcome();
    }

    private static void reluBackwardAgainstReference(Findings f, Matrix x, Matrix dout, Matrix dx) {
        Matrix ref = REFERENCE.reluBackward(dout, new ReluCache(x));
        Matrix nonNegative = x.map(UnaryOp.NEGATE).map(UnaryOp.RELU_MASK).map(UnaryOp.NEGATE).addScalar(1.0);
        f.compare("dx", dx, ref, x.rows(), List.of(
                new Mistake("dx = dout everywhere: the mask lets every unit through, as (out >= 0) does for "
                        + "out = max(0, x); take the mask from the input, x > 0.", dout),
                new Mistake("dx = dout * max(0, x): multiplied by the ReLU's output instead of its derivative, the "
                        + "0/1 mask x > 0.", dout.mul(x.map(UnaryOp.RELU))),
                new Mistake("dx uses the mask x >= 0: a unit whose input is exactly 0 passes its gradient, where "
                        + "the notebook's mask x > 0 (and np.maximum's derivative there) gives 0.",
                        dout.mul(nonNegative)),
                new Mistake("dx keeps the gradient of the units whose input is negative: the mask is inverted, "
                        + "it must be x > 0.", dout.sub(ref))));
    }
}
