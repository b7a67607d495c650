package org.backprop4j.conformance.cases;

import static org.backprop4j.conformance.cases.Inputs.labels;
import static org.backprop4j.conformance.cases.Inputs.randn;
import static org.backprop4j.conformance.cases.Inputs.uniform;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormGrads;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.Mode;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/**
 * Every kernel of {@link Kernels} on seeded random inputs of a given shape, run on one backend: what the kit
 * compares with the reference backend, and with itself for determinism.
 */
public final class KernelCases {

    /** (N, D, M) triples: 1x1, N = 1, odd sizes, sizes off any block size, D in the thousands (CIFAR's 3072). */
    public static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 3}, {5, 1, 4}, {7, 13, 5}, {33, 65, 17}, {129, 257, 67},
            {64, 3072, 10}};

    private KernelCases() {
    }

    /** affine_forward/backward (or affine_relu_forward/backward) with x (n, d), w (d, m), b (1, m). */
    public static Results affine(Backend b, DType dt, int n, int d, int m, boolean relu) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 1, n, d, 1);
        Matrix w = randn(b, dt, 2, d, m, 1.0 / Math.sqrt(d));
        Matrix bias = randn(b, dt, 3, 1, m, 1);
        Matrix dout = randn(b, dt, 4, n, m, 1);
        Results r = new Results();
        if (relu) {
            Forward<AffineReluCache> f = k.affineReluForward(x, w, bias);
            AffineGrads g = k.affineReluBackward(dout, f.cache());
            return r.put("out", f.out()).put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
        }
        Forward<AffineCache> f = k.affineForward(x, w, bias);
        AffineGrads g = k.affineBackward(dout, f.cache());
        return r.put("out", f.out()).put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
    }

    /** relu and sigmoid, forward and backward, on (n, d). */
    public static Results activations(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 5, n, d, 3);
        Matrix dout = randn(b, dt, 6, n, d, 1);
        Forward<ReluCache> relu = k.reluForward(x);
        Forward<SigmoidCache> sig = k.sigmoidForward(x);
        return new Results().put("relu", relu.out()).put("relu dx", k.reluBackward(dout, relu.cache()))
                .put("sigmoid", sig.out()).put("sigmoid dx", k.sigmoidBackward(dout, sig.cache()));
    }

    /** softmax_loss and svm_loss on scores (n, c). */
    public static Results losses(Backend b, DType dt, int n, int c) {
        Kernels k = b.kernels();
        Matrix x = randn(b, dt, 7, n, c, 2);
        int[] y = labels(8, n, c);
        LossResult soft = k.softmaxLoss(x, y);
        LossResult svm = k.svmLoss(x, y);
        return new Results().put("softmax loss", soft.loss()).put("softmax dx", soft.dx())
                .put("svm loss", svm.loss()).put("svm dx", svm.dx());
    }

    /**
     * Two train-mode batchnorm steps on (n, d) with both backward forms ({@code dx0} ... and {@code alt dx0} ...),
     * the running statistics they leave, and a test-mode pass with them.
     */
    public static Results batchnorm(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        BatchnormParam p = new BatchnormParam();
        Matrix gamma = randn(b, dt, 9, 1, d, 1);
        Matrix beta = randn(b, dt, 10, 1, d, 1);
        Results r = new Results();
        for (int step = 0; step < 2; step++) {
            Matrix x = randn(b, dt, 11 + step, n, d, 2).addScalar(step);
            Forward<BatchnormCache> f = k.batchnormForward(x, gamma, beta, p);
            Matrix dout = randn(b, dt, 13 + step, n, d, 1);
            BatchnormGrads g = k.batchnormBackward(dout, f.cache());
            BatchnormGrads alt = k.batchnormBackwardAlt(dout, f.cache());
            r.put("out" + step, f.out()).put("dx" + step, g.dx()).put("dgamma" + step, g.dgamma())
                    .put("dbeta" + step, g.dbeta()).put("alt dx" + step, alt.dx())
                    .put("alt dgamma" + step, alt.dgamma()).put("alt dbeta" + step, alt.dbeta());
        }
        p.setMode(Mode.TEST);
        return r.put("running_mean", p.runningMean()).put("running_var", p.runningVar())
                .put("test out", k.batchnormForward(randn(b, dt, 15, n, d, 2), gamma, beta, p).out());
    }

    /** dropout_forward/backward with keep probability 0.6, the mask drawn from a seeded generator. */
    public static Results dropout(Backend b, DType dt, int n, int d) {
        Kernels k = b.kernels();
        DropoutParam p = new DropoutParam(0.6, null);
        NumpyRandom rng = new NumpyRandom(16);
        Forward<DropoutCache> f = k.dropoutForward(randn(b, dt, 17, n, d, 1), p, rng);
        return new Results().put("out", f.out()).put("dx", k.dropoutBackward(randn(b, dt, 18, n, d, 1), f.cache()));
    }

    /**
     * The inputs of {@link #wellConditionedAffine}: no sum cancels. x, dout, w and b positive; for affine_relu every
     * other weight column and its bias negated, so those units are off, their outputs at least 0.5 below the kink,
     * and every gradient is still a sum of like-signed terms (the masked columns contribute nothing).
     *
     * @param x    (n, d)
     * @param w    (d, m)
     * @param bias (1, m)
     * @param dout (n, m)
     */
    public record WellConditioned(Matrix x, Matrix w, Matrix bias, Matrix dout) {

        /** The inputs on {@code b} (float64). */
        public static WellConditioned of(Backend b, int n, int d, int m, boolean relu) {
            Matrix x = uniform(b, 31, n, d, 0.5, 1.5);
            Matrix w = uniform(b, 32, d, m, 0.5, 1.5);
            Matrix bias = uniform(b, 33, 1, m, 0.5, 1.5);
            for (int c = 1; relu && c < m; c += 2) {
                for (int r = 0; r < d; r++) {
                    w.set(r, c, -w.get(r, c));
                }
                bias.set(0, c, -bias.get(0, c));
            }
            w.scalei(1.0 / d);
            return new WellConditioned(x, w, bias, uniform(b, 34, n, m, 0.5, 1.5));
        }
    }

    /** affine (or affine_relu) forward and backward on {@link WellConditioned} inputs, float64. */
    public static Results wellConditionedAffine(Backend b, int n, int d, int m, boolean relu) {
        Kernels k = b.kernels();
        WellConditioned in = WellConditioned.of(b, n, d, m, relu);
        Results r = new Results();
        AffineGrads g;
        if (relu) {
            Forward<AffineReluCache> f = k.affineReluForward(in.x(), in.w(), in.bias());
            g = k.affineReluBackward(in.dout(), f.cache());
            r.put("out", f.out());
        } else {
            Forward<AffineCache> f = k.affineForward(in.x(), in.w(), in.bias());
            g = k.affineBackward(in.dout(), f.cache());
            r.put("out", f.out());
        }
        return r.put("dx", g.dx()).put("dw", g.dw()).put("db", g.db());
    }
}
