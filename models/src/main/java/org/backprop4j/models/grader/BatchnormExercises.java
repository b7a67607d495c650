package org.backprop4j.models.grader;

import static org.backprop4j.models.grader.Exercises.REFERENCE;

import java.util.List;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.random.NumpyRandom;

/**
 * {@code batchnorm_forward} and {@code batchnorm_backward}: the BatchNormalization notebook's cells
 * ({@code np.random.seed(231)}; the forward pass on the scores of a random two-layer ReLU net, N 200, D 3; the
 * backward pass on {@code x = 5 * randn(4, 5) + 12}), then other seeds and shapes; the running averages and the
 * test-mode pass too.
 */
final class BatchnormExercises {

    /** Shapes (N, D) of the other seeds. */
    private static final int[][] SHAPES = {{4, 5}, {10, 3}, {6, 6}};

    private BatchnormExercises() {
    }

    /** The other seeds' inputs: {@code x = 5 * randn(N, D) + 12}, gamma and beta (1, D), dout (N, D). */
    private record BatchnormInputs(Matrix x, Matrix gamma, Matrix beta, Matrix dout) {
        /** Draws the inputs of other seed {@code i} and names them in {@code f}'s blames. */
        static BatchnormInputs draw(Backend backend, int i, Findings f) {
            NumpyRandom rng = new NumpyRandom(Draws.OTHER_SEEDS[i]);
            int n = SHAPES[i][0];
            int d = SHAPES[i][1];
            f.on("seed " + Draws.OTHER_SEEDS[i] + ", x " + n + "x" + d);
            return new BatchnormInputs(Draws.randn(backend, rng, n, d, 5, 12), Draws.randn(backend, rng, 1, d),
                    Draws.randn(backend, rng, 1, d), Draws.randn(backend, rng, n, d));
        }
    }

    /** "Batch normalization: forward": means and stds of the output against beta and gamma, then the reference. */
    static Exercise.Outcome batchnormForward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("batchnorm_forward", " (gamma=[1, 2, 3], beta=[11, 12, 13])");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 200, 50);
        Matrix w1 = Draws.randn(b, rng, 50, 60);
        Matrix w2 = Draws.randn(b, rng, 60, 3);
        Matrix a = x.dot(w1).map(UnaryOp.RELU).dot(w2);
        Matrix gamma = Draws.row(b, 1, 2, 3);
        Matrix beta = Draws.row(b, 11, 12, 13);
        Matrix out = k.batchnormForward(a, gamma, beta, new BatchnormParam()).out();
        if (out != null && out.rows() == a.rows() && out.cols() == a.cols()) {
            Matrix means = out.mean(0);
            Matrix xc = out.subRowVector(means);
            Matrix stds = xc.mul(xc).mean(0).map(UnaryOp.SQRT);
            f.print("means: " + list(means) + ", stds: " + list(stds));
            f.within("means - beta", GradientCheck.relError(means, beta), 1e-8);
            // eps = 1e-5 against variances of ~1e3 leaves the stds within 1e-7 of gamma; N - 1 moves them 2.5e-3
            f.within("stds - gamma", GradientCheck.relError(stds, gamma), 1e-4);
        }
        forwardAgainstReference(f, k, a, gamma, beta, out);
        for (int i = 0; i < SHAPES.length; i++) {
            BatchnormInputs in = BatchnormInputs.draw(b, i, f);
            forwardAgainstReference(f, k, in.x(), in.gamma(), in.beta(), null);
        }
        return f.outcome();
    }

    /**
     * A training-mode pass (output and running averages) and then a test-mode pass, each against the reference;
     * {@code out} is the student's training-mode output on these inputs when already computed.
     */
    private static void forwardAgainstReference(Findings f, Kernels k, Matrix x, Matrix gamma, Matrix beta,
            Matrix out) {
        Matrix x0 = x.copy();
        BatchnormParam param = new BatchnormParam();
        Matrix student = out;
        if (student == null) {
            student = k.batchnormForward(x, gamma, beta, param).out();
        } else {
            k.batchnormForward(x, gamma, beta, param);
        }
        BatchnormParam refParam = new BatchnormParam();
        Matrix ref = REFERENCE.batchnormForward(x0, gamma, beta, refParam).out();
        int n = x.rows();
        Matrix mean = x0.mean(0);
        Matrix xc = x0.subRowVector(mean);
        Matrix unbiasedVar = xc.mul(xc).sum(0).scale(1.0 / (n - 1));
        Matrix unbiasedStd = unbiasedVar.addScalar(refParam.eps()).map(UnaryOp.SQRT);
        String unbiased = "normalized with the unbiased variance (divided by N - 1, np.var(x, ddof=1)); batchnorm "
                + "uses the biased one, np.var(x, axis=0), divided by N.";
        f.compare("out", student, ref, n, List.of(
                new Mistake(unbiased, xc.divRowVector(unbiasedStd).mulRowVector(gamma).addRowVector(beta))));
        f.unchanged("x", x0, x);
        double m = refParam.momentum();
        String notUpdated = " is not updated: running = momentum * running + (1 - momentum) * sample.";
        String swapped = " is averaged the wrong way round: running = momentum * running + (1 - momentum) * sample"
                + ", not (1 - momentum) * running + momentum * sample.";
        f.compare("running_mean", param.runningMean(), refParam.runningMean(), n, List.of(
                new Mistake("running_mean" + notUpdated, mean.scale(0)),
                new Mistake("running_mean" + swapped, mean.scale(m))));
        Matrix var = xc.mul(xc).mean(0);
        f.compare("running_var", param.runningVar(), refParam.runningVar(), n, List.of(
                new Mistake("running_var" + notUpdated, var.scale(0)),
                new Mistake("running_var" + swapped, var.scale(m)),
                new Mistake("running_var uses the unbiased variance (N - 1); the notebook's is np.var(x, axis=0).",
                        unbiasedVar.scale(1 - m))));

        // test mode: the student's layer on the reference's running averages
        BatchnormParam test = new BatchnormParam();
        test.setRunning(refParam.runningMean().copy(), refParam.runningVar().copy());
        test.setMode(Mode.TEST);
        BatchnormParam refTest = new BatchnormParam();
        refTest.setRunning(refParam.runningMean().copy(), refParam.runningVar().copy());
        refTest.setMode(Mode.TEST);
        f.compare("test-mode out", k.batchnormForward(x0, gamma, beta, test).out(),
                REFERENCE.batchnormForward(x0, gamma, beta, refTest).out(), n, List.of(new Mistake("test mode "
                        + "normalizes with the batch's own statistics; it must use running_mean and running_var.",
                        ref)));
    }

    /** "Batch normalization: backward": {@code np.random.seed(231)}, N 4, D 5, {@code x = 5 * randn(N, D) + 12}. */
    static Exercise.Outcome batchnormBackward(StudentCode s, Backend b) {
        Kernels k = s.kernels();
        Findings f = new Findings("batchnorm_backward", "");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 4, 5, 5, 12);
        Matrix gamma = Draws.randn(b, rng, 1, 5);
        Matrix beta = Draws.randn(b, rng, 1, 5);
        Matrix dout = Draws.randn(b, rng, 4, 5);
        BatchnormCache cache = REFERENCE.batchnormForward(x, gamma, beta, new BatchnormParam()).cache();
        BatchnormGrads g = k.batchnormBackward(dout, cache);
        f.notebook("dx error", Findings.relError(g.dx(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.batchnormForward(m, gamma, beta, new BatchnormParam()).out(), x, dout)),
                LayerExercises.GRADIENT_BOUND);
        f.notebook("dgamma error", Findings.relError(g.dgamma(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.batchnormForward(x, m, beta, new BatchnormParam()).out(), gamma, dout)),
                LayerExercises.GRADIENT_BOUND);
        f.notebook("dbeta error", Findings.relError(g.dbeta(), GradientCheck.evalNumericalGradientArray(
                m -> REFERENCE.batchnormForward(x, gamma, m, new BatchnormParam()).out(), beta, dout)),
                LayerExercises.GRADIENT_BOUND);
        backwardAgainstReference(f, dout, cache, g);
        for (int i = 0; i < SHAPES.length; i++) {
            BatchnormInputs in = BatchnormInputs.draw(b, i, f);
            BatchnormCache ci = REFERENCE.batchnormForward(in.x(), in.gamma(), in.beta(), new BatchnormParam()).cache();
            backwardAgainstReference(f, in.dout(), ci, k.batchnormBackward(in.dout(), ci));
        }
        return f.outcome();
    }

    private static void backwardAgainstReference(Findings f, Matrix dout, BatchnormCache cache, BatchnormGrads g) {
        BatchnormGrads ref = REFERENCE.batchnormBackward(dout, cache);
        int n = dout.rows();
        f.compare("dx", g.dx(), ref.dx(), n, List.of(new Mistake("dx = dout * gamma / sqrt(var + eps): the paths "
                + "through the batch mean and variance are missing.",
                dout.mulRowVector(cache.gamma())
                        .mulRowVector(cache.invStd()))));
        f.compare("dgamma", g.dgamma(), ref.dgamma(), n, List.of());
        f.compare("dbeta", g.dbeta(), ref.dbeta(), n, List.of());
    }

    /** A row as NumPy prints a short array, two decimals. */
    private static String list(Matrix row) {
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < row.cols(); j++) {
            sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", row.get(0, j)));
        }
        return sb.append(']').toString();
    }
}
