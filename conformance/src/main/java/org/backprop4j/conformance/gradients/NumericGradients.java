package org.backprop4j.conformance.gradients;

import static org.backprop4j.conformance.cases.Inputs.labels;
import static org.backprop4j.conformance.cases.Inputs.randn;
import static org.backprop4j.conformance.compare.Compare.assertError;
import static org.backprop4j.conformance.compare.Compare.maxAbs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.KernelCases.WellConditioned;
import org.backprop4j.conformance.cases.ModelCases;
import org.backprop4j.conformance.compare.Tolerances;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.random.NumpyRandom;

/**
 * The backend's analytic gradients against numeric ones (cs231n's {@code eval_numerical_gradient_array}, the
 * centred difference), in float64: every kernel, and every model of {@link ModelCases} to the bound its notebook
 * uses. All entries for small matrices; 40 random entries (cs231n's {@code grad_check_sparse}) for large ones. A
 * gradient that is zero in exact arithmetic (a bias feeding batchnorm) has no relative error to speak of: there
 * both the analytic and the numeric values must be rounding noise.
 */
public final class NumericGradients {

    /** (N, C) of the loss checks: the centred difference resolves entries of (p - y) / N only while N·C is small. */
    private static final int[][] LOSS_SHAPES = {{1, 1}, {1, 7}, {5, 3}, {7, 13}, {50, 10}};

    private final Backend b;

    private NumericGradients(Backend backend) {
        this.b = backend;
    }

    /** The numeric gradient checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        NumericGradients g = new NumericGradients(backend);
        List<Check> checks = new ArrayList<>();
        for (int[] s : LOSS_SHAPES) {
            checks.add(new Check("softmax_loss, svm_loss, sigmoid, relu, batchnorm, dropout numeric gradients N="
                    + s[0] + " C=" + s[1] + " float64", () -> g.lossesAndLayers(s[0], s[1])));
        }
        for (int[] s : KernelCases.SHAPES) {
            for (boolean relu : new boolean[] {false, true}) {
                checks.add(new Check((relu ? "affine_relu" : "affine") + "_backward numeric gradients N=" + s[0]
                        + " D=" + s[1] + " M=" + s[2] + " float64",
                        () -> g.wellConditionedAffine(s[0], s[1], s[2],
                                relu)));
            }
        }
        for (ModelCases c : ModelCases.ALL) {
            if (c.bound() > 0) {
                checks.add(new Check("model " + c.label() + " numeric gradients float64", () -> g.model(c)));
            }
        }
        return checks;
    }

    private void lossesAndLayers(int n, int c) {
        Kernels k = b.kernels();
        // the notebook's 0.001-scaled scores: every class has probability ~1/C, no margin near its kink
        Matrix scores = randn(b, DType.FLOAT64, 7, n, c, 0.001);
        int[] y = labels(8, n, c);
        String nc = " N=" + n + " C=" + c + " float64";
        checkNumeric("softmax_loss dx" + nc, () -> k.softmaxLoss(scores, y).loss(), scores,
                k.softmaxLoss(scores, y).dx(), false);
        checkNumeric("svm_loss dx" + nc, () -> k.svmLoss(scores, y).loss(), scores, k.svmLoss(scores, y).dx(), false);
        Matrix x = randn(b, DType.FLOAT64, 9, n, c, 1);
        Matrix dout = randn(b, DType.FLOAT64, 10, n, c, 1);
        checkNumeric("sigmoid_backward dx" + nc, () -> k.sigmoidForward(x).out().mul(dout).sum(), x,
                k.sigmoidBackward(dout, k.sigmoidForward(x).cache()), false);
        checkNumeric("relu_backward dx" + nc, () -> k.reluForward(x).out().mul(dout).sum(), x,
                k.reluBackward(dout, k.reluForward(x).cache()), false);
        if (n >= 2 && n <= 7) {
            // batchnorm couples the rows of the batch: beyond a few rows its gradient entries drop
            // towards the centred difference's noise, so it is checked on the notebook's small batches
            Matrix gamma = randn(b, DType.FLOAT64, 11, 1, c, 1);
            Matrix beta = randn(b, DType.FLOAT64, 12, 1, c, 1);
            BatchnormCache cache = k.batchnormForward(x, gamma, beta, new BatchnormParam()).cache();
            DoubleSupplier f = () -> k.batchnormForward(x, gamma, beta, new BatchnormParam()).out().mul(dout).sum();
            for (var form : Map.of("batchnorm_backward", k.batchnormBackward(dout, cache), "batchnorm_backward_alt",
                    k.batchnormBackwardAlt(dout, cache)).entrySet()) {
                BatchnormGrads g = form.getValue();
                String bn = form.getKey();
                checkNumeric(bn + " dx" + nc, f, x, g.dx(), false);
                checkNumeric(bn + " dgamma" + nc, f, gamma, g.dgamma(), false);
                checkNumeric(bn + " dbeta" + nc, f, beta, g.dbeta(), false);
            }
        }
        DropoutParam seeded = new DropoutParam(0.6, 3L);
        NumpyRandom rng = new NumpyRandom(0);
        checkNumeric("dropout_backward dx" + nc, () -> k.dropoutForward(x, seeded, rng).out().mul(dout).sum(), x,
                k.dropoutBackward(dout, k.dropoutForward(x, seeded, rng).cache()), false);
    }

    private void wellConditionedAffine(int n, int d, int m, boolean relu) {
        Kernels k = b.kernels();
        WellConditioned in = WellConditioned.of(b, n, d, m, relu);
        AffineGrads g = relu
                ? k.affineReluBackward(in.dout(), k.affineReluForward(in.x(), in.w(), in.bias()).cache())
                : k.affineBackward(in.dout(), k.affineForward(in.x(), in.w(), in.bias()).cache());
        // the scalar whose gradients these are: sum(layer(x, w, b) * dout)
        DoubleSupplier f = relu
                ? () -> k.affineReluForward(in.x(), in.w(), in.bias()).out().mul(in.dout()).sum()
                : () -> k.affineForward(in.x(), in.w(), in.bias()).out().mul(in.dout()).sum();
        boolean big = (long) n * d * m > 100_000;
        String what = (relu ? "affine_relu_backward " : "affine_backward ");
        String shape = " N=" + n + " D=" + d + " M=" + m + " float64";
        // f is linear in each argument here (every unit stays on its side of the kink for steps up to
        // 0.5), so the centred difference has no truncation error at any step; the step 1e-2 instead
        // of 1e-5 divides the rounding noise of f (~eps * |f| / h, large for large outputs) by 1000
        checkNumeric(what + "dx" + shape, f, in.x(), g.dx(), big, 1e-2, Tolerances.NUMERIC);
        checkNumeric(what + "dw" + shape, f, in.w(), g.dw(), big, 1e-2, Tolerances.NUMERIC);
        checkNumeric(what + "db" + shape, f, in.bias(), g.db(), big, 1e-2, Tolerances.NUMERIC);
    }

    private void model(ModelCases c) {
        Model model = c.model(b, DType.FLOAT64);
        Matrix x = c.x(b, DType.FLOAT64);
        int[] y = c.y();
        LossGrads lg = model.loss(x, y);
        assertEquals(model.params().names(), lg.grads().names(), c.label() + ": gradient names");
        for (String name : model.params().names()) {
            Matrix p = model.params().get(name);
            checkNumeric(c.kind() + " " + name + " " + p.shape() + " float64", () -> model.loss(x, y).loss(), p,
                    lg.grads().get(name), false, GradientCheck.DEFAULT_H, c.bound());
        }
    }

    private static void checkNumeric(String what, DoubleSupplier f, Matrix x, Matrix analytic, boolean sparse) {
        checkNumeric(what, f, x, analytic, sparse, GradientCheck.DEFAULT_H, Tolerances.NUMERIC);
    }

    private static void checkNumeric(String what, DoubleSupplier f, Matrix x, Matrix analytic, boolean sparse,
            double h, double bound) {
        if (sparse) {
            double e = GradientCheck.gradCheckSparse(f, x, analytic, 40, h, new NumpyRandom(0));
            assertError(what + " numeric vs analytic rel_error (40 sampled entries)", e, bound);
            return;
        }
        Matrix numeric = GradientCheck.evalNumericalGradient(f, x, h);
        if (maxAbs(analytic.toArray()) < 1e-12) {
            assertError(what + " a zero gradient: numeric max |value|", maxAbs(numeric.toArray()), 1e-8);
            return;
        }
        assertError(what + " error", GradientCheck.relError(numeric, analytic), bound);
    }
}
