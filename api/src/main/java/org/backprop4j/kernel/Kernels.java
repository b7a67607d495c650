package org.backprop4j.kernel;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.random.NumpyRandom;

/**
 * The layer and loss kernels of the notebooks' {@code layers.py} and {@code layer_utils.py}.
 *
 * <p>Every forward pass returns {@code (out, cache)}; every backward pass takes the upstream gradient
 * {@code dout} and that cache and returns the gradients. The default methods are built from
 * {@link Matrix} operations, in the notebooks' order of operations; a backend overrides any of them
 * with a fused version (see {@code Backend.kernels()}). Inputs to affine layers have shape (N, D),
 * weights (D, M), biases (1, M).
 */
public interface Kernels {

    /** The kernels built from {@link Matrix} operations only. */
    Kernels DEFAULT = new Kernels() {
    };

    // ------------------------------------------------------------------ affine

    /**
     * {@code affine_forward}: {@code out = x · w + b}; cache {@code (x, w, b)}. Overridden by {@code PureKernels}
     * (the bias added in the product's write-back, one pass fewer), {@code NaiveKernels} (each output a loop over
     * {@code d}, the textbook form) and {@code Nd4jKernels} (the bias as a rank-1 update into the product).
     */
    default Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
        KernelChecks.requireBias("affine_forward", w, b);
        Matrix out = x.dot(w);
        out = out.addRowVector(b);
        return new Forward<>(out, new AffineCache(x, w, b));
    }

    /**
     * {@code affine_backward}: {@code dx = dout · w.T}, {@code dw = x.T · dout}, {@code db = sum(dout, axis=0)}.
     * Overridden (with the overload below) by {@code NaiveKernels}: each gradient element as its own loop.
     */
    default AffineGrads affineBackward(Matrix dout, AffineCache cache) {
        Matrix dx = dout.dotTranspose(cache.w());
        Matrix dw = cache.x().transposeDot(dout);
        Matrix db = dout.sum(0);
        return new AffineGrads(dx, dw, db);
    }

    /**
     * {@code affine_backward} that skips {@code dx} when {@code inputGradient} is false (then
     * {@code dx} is {@code null}): a network's first layer needs no gradient on its data, and
     * {@code dout · w.T} is a third of the backward pass's products.
     */
    default AffineGrads affineBackward(Matrix dout, AffineCache cache, boolean inputGradient) {
        if (inputGradient) {
            return affineBackward(dout, cache);
        }
        return new AffineGrads(null, cache.x().transposeDot(dout), dout.sum(0));
    }

    /**
     * {@code TwoLayerNet.loss} of nndl, its affine layer: the weights are stored (M, D), one row per output, so
     * {@code out = x · w.T + b} ({@code X.dot(W1.T) + b1}); cache {@code (x, w, b)}.
     */
    default Forward<AffineCache> affineTransposedForward(Matrix x, Matrix w, Matrix b) {
        KernelChecks.requireBias("affine_forward with w stored (M, D)", w.rows(), w, b);
        return new Forward<>(x.dotTranspose(w).addRowVector(b), new AffineCache(x, w, b));
    }

    /**
     * {@code TwoLayerNet.loss} of nndl, the backward pass of its affine layer ({@link #affineTransposedForward}):
     * {@code dx = dout · w}, {@code dw = dout.T · x}
     * (shape (M, D), as {@code w}), {@code db = sum(dout, axis=0)}; {@code dx} only when {@code inputGradient}.
     */
    default AffineGrads affineTransposedBackward(Matrix dout, AffineCache cache, boolean inputGradient) {
        return new AffineGrads(inputGradient ? dout.dot(cache.w()) : null, dout.transposeDot(cache.x()), dout.sum(0));
    }

    // ------------------------------------------------------------------ activations

    /** {@code relu_forward}: {@code out = np.maximum(0, x)} (NaN stays NaN); cache {@code x}. */
    default Forward<ReluCache> reluForward(Matrix x) {
        return new Forward<>(x.map(UnaryOp.RELU), new ReluCache(x));
    }

    /**
     * {@code relu_backward}: {@code dx = dout * (x > 0)}. Overridden by {@code ArrayKernels} (pure and naive: one
     * loop, no mask matrix) and {@code Nd4jKernels} (the mask computed into the output), held to this one bit for
     * bit by {@code KernelsAgreementTest}.
     */
    default Matrix reluBackward(Matrix dout, ReluCache cache) {
        return dout.mul(cache.x().map(UnaryOp.RELU_MASK));
    }

    /**
     * {@code sigmoid} (the nndl {@code TwoLayerMLP.loss}'s {@code hidden = 1 / (1 + np.exp(-z1))}):
     * {@code out = 1 / (1 + exp(-x))}; cache {@code out}.
     */
    default Forward<SigmoidCache> sigmoidForward(Matrix x) {
        Matrix out = x.map(UnaryOp.SIGMOID);
        return new Forward<>(out, new SigmoidCache(out));
    }

    /**
     * {@code sigmoid} backward (the nndl {@code TwoLayerMLP.loss}'s {@code dz1 = dhidden * hidden * (1 - hidden)}):
     * {@code dx = dout * out * (1 - out)}. Overridden by {@code ArrayKernels} (pure and naive: one loop, no
     * {@code 1 - out} temporary, rounding where this one does).
     */
    default Matrix sigmoidBackward(Matrix dout, SigmoidCache cache) {
        Matrix out = cache.out();
        Matrix oneMinus = out.map(UnaryOp.NEGATE);
        oneMinus.scalarInPlace(BinaryOp.ADD, 1.0);
        Matrix dx = dout.mul(out);
        dx.muli(oneMinus);
        return dx;
    }

    // ------------------------------------------------------------------ sandwich

    /** {@code affine_relu_forward}: an affine layer followed by a ReLU. */
    default Forward<AffineReluCache> affineReluForward(Matrix x, Matrix w, Matrix b) {
        Forward<AffineCache> fc = affineForward(x, w, b);
        Forward<ReluCache> relu = reluForward(fc.out());
        return new Forward<>(relu.out(), new AffineReluCache(fc.cache(), relu.cache()));
    }

    /** {@code affine_relu_backward}. */
    default AffineGrads affineReluBackward(Matrix dout, AffineReluCache cache) {
        return affineReluBackward(dout, cache, true);
    }

    /**
     * {@code affine_relu_backward}, skipping {@code dx} (left {@code null}) unless {@code inputGradient}.
     * Overridden by {@code PureKernels}: the ReLU gradient and {@code db} in one pass over {@code dout}.
     */
    default AffineGrads affineReluBackward(Matrix dout, AffineReluCache cache, boolean inputGradient) {
        Matrix da = reluBackward(dout, cache.relu());
        return affineBackward(da, cache.affine(), inputGradient);
    }

    // ------------------------------------------------------------------ losses

    /**
     * {@code softmax_loss}: softmax (cross-entropy) loss, numerically stable: the row maximum is subtracted
     * and the log probabilities come from log-sum-exp, as cs231n's. This is the reference; {@link FusedSoftmaxLoss}
     * is its one-pass copy, which {@code pure} and {@code nd4j} run: overridden by {@code PureKernels} and
     * {@code Nd4jKernels} through it, and by {@code NaiveKernels} (one sample and class at a time).
     *
     * @param x scores, shape (N, C)
     * @param y labels in {@code [0, C)}, length N
     * @throws NonFiniteLossException if the loss is not finite
     */
    default LossResult softmaxLoss(Matrix x, int[] y) {
        KernelChecks.requireLabels(x, y);
        int n = x.rows();
        Matrix shifted = x.subColumnVector(x.max(1));
        Matrix z = shifted.map(UnaryOp.EXP).sum(1);
        z.mapInPlace(UnaryOp.LOG);
        Matrix logProbs = shifted.subColumnVector(z);
        double loss = -logProbs.pick(y).sum() / n;
        Matrix dx = logProbs;
        dx.mapInPlace(UnaryOp.EXP);
        dx.addAt(y, -1.0);
        dx.scalarInPlace(BinaryOp.DIV, n);
        return new LossResult(KernelChecks.requireFinite("softmax loss", loss), dx);
    }

    /**
     * {@code svm_loss}: multiclass SVM (hinge) loss with margin 1, as cs231n's, line by line. Overridden by
     * {@code NaiveKernels}: one sample and class at a time, as cs231n's {@code svm_loss_naive}.
     *
     * @param x scores, shape (N, C)
     * @param y labels in {@code [0, C)}, length N
     */
    default LossResult svmLoss(Matrix x, int[] y) {
        KernelChecks.requireLabels(x, y);
        int n = x.rows();
        Matrix margins = x.subColumnVector(x.pick(y));     // x - correct_class_scores[:, np.newaxis]
        margins.scalarInPlace(BinaryOp.ADD, 1.0);          // ... + 1.0
        margins.mapInPlace(UnaryOp.RELU);                  // np.maximum(0, ...)
        margins.setAt(y, 0.0);                             // margins[np.arange(N), y] = 0
        double loss = margins.sum() / n;                   // np.sum(margins) / N
        Matrix dx = margins.map(UnaryOp.RELU_MASK);        // dx[margins > 0] = 1
        Matrix numPos = dx.sum(1);                         // num_pos = np.sum(margins > 0, axis=1)
        dx.addAt(y, numPos.scale(-1.0));                   // dx[np.arange(N), y] -= num_pos
        dx.scalarInPlace(BinaryOp.DIV, n);                 // dx /= N
        return new LossResult(KernelChecks.requireFinite("svm loss", loss), dx);
    }

    // ------------------------------------------------------------------ batch normalization

    /**
     * {@code batchnorm_forward}. Training mode normalizes with the batch mean and the biased variance and
     * updates the running statistics in {@code param}; test mode normalizes with the running
     * statistics. {@code out = gamma * x_hat + beta}.
     *
     * @param x     input, shape (N, D)
     * @param gamma scale, shape (1, D)
     * @param beta  shift, shape (1, D)
     * @return the output and, in training mode, the cache (in test mode the cache is {@code null})
     */
    default Forward<BatchnormCache> batchnormForward(Matrix x, Matrix gamma, Matrix beta, BatchnormParam param) {
        MatrixChecks.requireRowVector("batchnorm_forward (gamma)", x, gamma);
        MatrixChecks.requireRowVector("batchnorm_forward (beta)", x, beta);
        if (param.runningMean() == null) {
            param.setRunning(x.zeros(1, x.cols()), x.zeros(1, x.cols()));
        }
        if (param.mode() == Mode.TEST) {
            Matrix std = param.runningVar().addScalar(param.eps());
            std.mapInPlace(UnaryOp.SQRT);
            Matrix xHat = x.subRowVector(param.runningMean()).divRowVector(std);
            Matrix out = xHat.mulRowVector(gamma).addRowVector(beta);
            return new Forward<>(out, null);
        }
        Matrix mean = x.mean(0);
        Matrix xc = x.subRowVector(mean);
        Matrix var = xc.mul(xc).mean(0);
        Matrix std = var.addScalar(param.eps());
        std.mapInPlace(UnaryOp.SQRT);
        Matrix xHat = xc.divRowVector(std);
        Matrix out = xHat.mulRowVector(gamma).addRowVector(beta);
        Matrix invStd = std.map(UnaryOp.RECIPROCAL);
        updateRunning(param.runningMean(), mean, param.momentum());
        updateRunning(param.runningVar(), var, param.momentum());
        return new Forward<>(out, new BatchnormCache(xHat, gamma, xc, invStd));
    }

    /**
     * {@code batchnorm_backward}: the backward pass of training-mode batch normalization in the staged,
     * computation-graph form the notebook asks for first — one step per node of the forward graph
     * ({@code mu = mean(x)}, {@code xmu = x - mu}, {@code var = mean(xmu**2)}, {@code sqrtvar = sqrt(var + eps)},
     * {@code ivar = 1 / sqrtvar}, {@code xhat = xmu * ivar}, {@code out = gamma * xhat + beta}), walked back
     * from {@code out} to {@code x}. {@link #batchnormBackwardAlt} gives the same gradients in one formula;
     * the models use that one.
     *
     * @param dout upstream gradient, shape (N, D)
     * @param cache the cache of a training-mode {@link #batchnormForward}
     */
    default BatchnormGrads batchnormBackward(Matrix dout, BatchnormCache cache) {
        requireTrainingCache("batchnorm_backward", cache);
        int n = dout.rows();
        Matrix ivar = cache.invStd();
        // out = gammax + beta; gammax = gamma * xhat
        Matrix dbeta = dout.sum(0);
        Matrix dgamma = dout.mul(cache.xHat()).sum(0);
        Matrix dxhat = dout.mulRowVector(cache.gamma());
        // xhat = xmu * ivar
        Matrix divar = dxhat.mul(cache.xmu()).sum(0);
        Matrix dxmu1 = dxhat.mulRowVector(ivar);
        // ivar = 1 / sqrtvar: dsqrtvar = -1 / sqrtvar**2 * divar
        Matrix dsqrtvar = ivar.mul(ivar).mul(divar).scale(-1.0);
        // sqrtvar = sqrt(var + eps): dvar = 0.5 / sqrt(var + eps) * dsqrtvar
        Matrix dvar = ivar.mul(dsqrtvar).scale(0.5);
        // var = mean(sq, axis=0): dsq = ones((N, D)) / N * dvar; sq = xmu**2: dxmu2 = 2 * xmu * dsq
        Matrix dxmu2 = cache.xmu().mulRowVector(dvar.scale(2.0 / n));
        // xmu = x - mu: dx1 = dxmu1 + dxmu2, dmu = -sum(dx1, axis=0)
        Matrix dx1 = dxmu1.add(dxmu2);
        Matrix dmu = dx1.sum(0).scale(-1.0);
        // mu = mean(x, axis=0): dx2 = ones((N, D)) / N * dmu
        Matrix dx = dx1.addRowVector(dmu.scale(1.0 / n));
        return new BatchnormGrads(dx, dgamma, dbeta);
    }

    /**
     * {@code batchnorm_backward_alt}: the same gradients as {@link #batchnormBackward}, simplified on paper
     * to one formula, {@code dx = (1/N) ivar (N dxhat - sum(dxhat) - xhat sum(dxhat xhat))} with
     * {@code dxhat = dout * gamma}: fewer passes over the batch, so this is the form the models use.
     *
     * @param dout upstream gradient, shape (N, D)
     * @param cache the cache of a training-mode {@link #batchnormForward}
     */
    default BatchnormGrads batchnormBackwardAlt(Matrix dout, BatchnormCache cache) {
        requireTrainingCache("batchnorm_backward_alt", cache);
        int n = dout.rows();
        Matrix xHat = cache.xHat();
        Matrix dbeta = dout.sum(0);
        Matrix dgamma = dout.mul(xHat).sum(0);
        Matrix dxHat = dout.mulRowVector(cache.gamma());
        Matrix t = dxHat.scale(n);
        t = t.subRowVector(dxHat.sum(0));
        t.subi(xHat.mulRowVector(dxHat.mul(xHat).sum(0)));
        Matrix scale = cache.invStd().scale(1.0 / n);
        return new BatchnormGrads(t.mulRowVector(scale), dgamma, dbeta);
    }

    /** Test-mode forward passes keep no cache: there is nothing to differentiate. */
    private static void requireTrainingCache(String op, BatchnormCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException(op + " needs the cache of a training-mode forward pass.");
        }
    }

    // ------------------------------------------------------------------ dropout

    /**
     * {@code dropout_forward}: inverted dropout with keep probability {@code p}: in training mode
     * {@code mask = (rand(N, D) < p) / p} is drawn from {@code rng} (reseeded first when the param has
     * a seed) and {@code out = x * mask}; in test mode {@code out = x}.
     */
    default Forward<DropoutCache> dropoutForward(Matrix x, DropoutParam param, NumpyRandom rng) {
        if (param.mode() == Mode.TEST) {
            return new Forward<>(x, new DropoutCache(null));
        }
        if (param.seed() != null) {
            rng.seed(param.seed());
        }
        double p = param.p();
        double[] u = rng.rand(Math.toIntExact(x.size()));
        for (int i = 0; i < u.length; i++) {
            u[i] = (u[i] < p ? 1.0 : 0.0) / p;
        }
        Matrix mask = x.create(x.rows(), x.cols(), u);
        return new Forward<>(x.mul(mask), new DropoutCache(mask));
    }

    /** {@code dropout_backward}: {@code dx = dout * mask} in training mode, {@code dout} in test mode. */
    default Matrix dropoutBackward(Matrix dout, DropoutCache cache) {
        return cache.mask() == null ? dout : dout.mul(cache.mask());
    }

    /** {@code running = momentum * running + (1 - momentum) * sample}, in place. */
    private static void updateRunning(Matrix running, Matrix sample, double momentum) {
        running.scalei(momentum);
        running.axpy(1 - momentum, sample);
    }
}
