package org.backprop4j.kernel;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.matrix.UnaryOp;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvLoops;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.GroupnormCache;
import org.backprop4j.kernel.conv.GroupnormParam;
import org.backprop4j.kernel.conv.Layouts;
import org.backprop4j.kernel.conv.Lowering;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolLoops;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.kernel.conv.SpatialGrads;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.tensor.Tensor;

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

    // ------------------------------------------------------------------ convolution (cs231n assignment 2)

    /**
     * {@code conv_forward_naive}: the textbook nested loops ({@link ConvLoops#forward}), one window times one
     * filter per output element, on every backend (the values are read out and the result written back).
     *
     * @param x     input, shape (N, C, H, W)
     * @param w     filters, shape (F, C, HH, WW)
     * @param b     biases, shape (1, F)
     * @param param {@code conv_param}: stride and zero padding
     * @return out, shape (N, F, Hout, Wout), and the cache {@code (x, w, b, conv_param)}
     */
    default SpatialForward<ConvCache> convForwardNaive(Tensor x, Tensor w, Matrix b, ConvParam param) {
        ConvShape s = ConvShape.of("conv_forward_naive", x, w, b, param);
        double[] out = ConvLoops.forward(x.toArray(), w.toArray(), b.toArray(), s);
        return new SpatialForward<>(x.create(s.n(), s.f(), s.hOut(), s.wOut(), out),
                new ConvCache(x, w, b, param, s, null));
    }

    /** {@code conv_backward_naive}: the textbook loops ({@link ConvLoops#backward}); {@code dx}, {@code dw}, {@code db}. */
    default ConvGrads convBackwardNaive(Tensor dout, ConvCache cache) {
        ConvShape s = cache.shape();
        s.requireOutput("conv_backward_naive", dout);
        double[][] g = ConvLoops.backward(dout.toArray(), cache.x().toArray(), cache.w().toArray(), s, true);
        Tensor x = cache.x();
        return new ConvGrads(x.create(s.n(), s.c(), s.h(), s.w(), g[0]), x.create(s.f(), s.c(), s.hh(), s.ww(), g[1]),
                cache.b().create(1, s.f(), g[2]));
    }

    /**
     * {@code conv_forward_fast} ({@code conv_forward_im2col}): the input lowered to rows of patches
     * ({@link Lowering#im2col}), then one product with the backend's GEMM, {@code x_rows · w.T + b}. Overridden by
     * {@code PureKernels} (the SIMD GEMM on the lowered sample, no copies) and {@code NaiveKernels} (the textbook loops).
     *
     * @return out, shape (N, F, Hout, Wout), and the cache, which keeps the lowered input
     */
    default SpatialForward<ConvCache> convForward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        ConvShape s = ConvShape.of("conv_forward_fast", x, w, b, param);
        Matrix rows = x.matrix().create(s.n() * s.positions(), s.patch(), Lowering.im2col(x.toArray(), s));
        Matrix product = rows.zeros(rows.rows(), s.f());
        product.gemm(1.0, rows, false, w.matrix(), true, 0.0);
        Matrix outRows = product.addRowVector(b);
        double[] out = Lowering.rowsToSamples(outRows.toArray(), s.n(), s.f(), s.positions());
        return new SpatialForward<>(x.create(s.n(), s.f(), s.hOut(), s.wOut(), out),
                new ConvCache(x, w, b, param, s, rows));
    }

    /** {@code conv_backward_fast} ({@code conv_backward_im2col}): {@code dx}, {@code dw}, {@code db}. */
    default ConvGrads convBackward(Tensor dout, ConvCache cache) {
        return convBackward(dout, cache, true);
    }

    /**
     * {@code conv_backward_fast}, skipping {@code dx} (left {@code null}) unless {@code inputGradient}: with
     * {@code dout_rows} the {@code (N*Hout*Wout, F)} rows of {@code dout}, {@code dw = dout_rows.T · x_rows},
     * {@code db = sum(dout_rows, axis=0)}, {@code dx = col2im(dout_rows · w)}.
     */
    default ConvGrads convBackward(Tensor dout, ConvCache cache, boolean inputGradient) {
        ConvShape s = cache.shape();
        s.requireOutput("conv_backward_fast", dout);
        Matrix rows = cache.lowered() != null
                ? cache.lowered()
                : dout.matrix().create(s.n() * s.positions(), s.patch(), Lowering.im2col(cache.x().toArray(), s));
        Matrix doutRows = dout.matrix().create(s.n() * s.positions(), s.f(),
                Lowering.samplesToRows(dout.toArray(), s.n(), s.f(), s.positions()));
        Matrix dw = doutRows.transposeDot(rows);
        Matrix db = doutRows.sum(0);
        Tensor dx = null;
        if (inputGradient) {
            double[] dxRows = doutRows.dot(cache.w().matrix()).toArray();
            dx = cache.x().create(s.n(), s.c(), s.h(), s.w(), Lowering.col2im(dxRows, s));
        }
        return new ConvGrads(dx, new Tensor(dw, s.c(), s.hh(), s.ww()), db);
    }

    // ------------------------------------------------------------------ max pooling

    /**
     * {@code max_pool_forward_naive}: the maximum of each window, window by window ({@link PoolLoops#forwardNaive}).
     *
     * @param x     input, shape (N, C, H, W)
     * @param param {@code pool_param}: pool_height, pool_width, stride
     * @return out, shape (N, C, Hout, Wout), and the cache {@code (x, pool_param)}
     */
    default SpatialForward<PoolCache> maxPoolForwardNaive(Tensor x, PoolParam param) {
        PoolShape s = PoolShape.of("max_pool_forward_naive", x, param);
        double[] out = PoolLoops.forwardNaive(x.toArray(), s);
        return new SpatialForward<>(x.create(s.n(), s.c(), s.hOut(), s.wOut(), out), new PoolCache(x, param, s, null));
    }

    /** {@code max_pool_backward_naive}: each {@code dout} element to the first maximum of its window. */
    default Tensor maxPoolBackwardNaive(Tensor dout, PoolCache cache) {
        PoolShape s = cache.shape();
        s.requireOutput("max_pool_backward_naive", dout);
        Tensor x = cache.x();
        return x.create(s.n(), s.c(), s.h(), s.w(), PoolLoops.backwardNaive(dout.toArray(), x.toArray(), s));
    }

    /**
     * {@code max_pool_forward_fast}: one streaming pass that keeps the position of each window's first maximum
     * ({@link PoolLoops#forward}); the reshape trick's single read of every pixel when the windows tile the input.
     * Overridden by {@code NaiveKernels} (the window loops).
     */
    default SpatialForward<PoolCache> maxPoolForward(Tensor x, PoolParam param) {
        PoolShape s = PoolShape.of("max_pool_forward_fast", x, param);
        int[] argmax = new int[s.n() * s.c() * s.hOut() * s.wOut()];
        double[] out = PoolLoops.forward(x.toArray(), s, argmax);
        return new SpatialForward<>(x.create(s.n(), s.c(), s.hOut(), s.wOut(), out),
                new PoolCache(x, param, s, argmax));
    }

    /** {@code max_pool_backward_fast}: {@code dout} routed to the remembered maxima (the first one of each window). */
    default Tensor maxPoolBackward(Tensor dout, PoolCache cache) {
        PoolShape s = cache.shape();
        s.requireOutput("max_pool_backward_fast", dout);
        if (cache.argmax() == null) {
            return maxPoolBackwardNaive(dout, cache);
        }
        return cache.x().create(s.n(), s.c(), s.h(), s.w(), PoolLoops.backward(dout.toArray(), cache.argmax(), s));
    }

    // ------------------------------------------------------------------ spatial normalization

    /**
     * {@code spatial_batchnorm_forward}: {@link #batchnormForward} of {@code x.transpose(0, 2, 3, 1).reshape(-1, C)},
     * the statistics taken per channel over the batch and every pixel, transposed back.
     *
     * @param x     input, shape (N, C, H, W)
     * @param gamma scale, shape (1, C)
     * @param beta  shift, shape (1, C)
     * @return the output, shape (N, C, H, W), and in training mode the cache (in test mode {@code null})
     */
    default SpatialForward<SpatialBatchnormCache> spatialBatchnormForward(Tensor x, Matrix gamma, Matrix beta,
            BatchnormParam param) {
        int n = x.n();
        int c = x.channels();
        int plane = x.planeSize();
        Matrix rows = x.matrix().create(n * plane, c, Layouts.toPixelRows(x.toArray(), n, c, plane));
        Forward<BatchnormCache> bn = batchnormForward(rows, gamma, beta, param);
        Tensor out = x.create(n, c, x.height(), x.width(), Layouts.fromPixelRows(bn.out().toArray(), n, c, plane));
        SpatialBatchnormCache cache = bn.cache() == null
                ? null
                : new SpatialBatchnormCache(bn.cache(), n, c, x.height(), x.width());
        return new SpatialForward<>(out, cache);
    }

    /** {@code spatial_batchnorm_backward}: {@link #batchnormBackwardAlt} on the transposed {@code dout}, transposed back. */
    default SpatialGrads spatialBatchnormBackward(Tensor dout, SpatialBatchnormCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException(
                    "spatial_batchnorm_backward needs the cache of a training-mode forward pass.");
        }
        int n = cache.n();
        int c = cache.channels();
        int plane = cache.height() * cache.width();
        if (dout.n() != n || dout.channels() != c || dout.planeSize() != plane) {
            throw new IllegalArgumentException("spatial_batchnorm_backward: dout must have the input's shape (" + n
                    + ", " + c + ", " + cache.height() + ", " + cache.width() + "), got " + dout.shape() + ".");
        }
        Matrix rows = dout.matrix().create(n * plane, c, Layouts.toPixelRows(dout.toArray(), n, c, plane));
        BatchnormGrads g = batchnormBackwardAlt(rows, cache.batchnorm());
        Tensor dx = dout.create(n, c, cache.height(), cache.width(),
                Layouts.fromPixelRows(g.dx().toArray(), n, c, plane));
        return new SpatialGrads(dx, g.dgamma(), g.dbeta());
    }

    /**
     * {@code spatial_groupnorm_forward}: each sample's channels split into G groups, each group normalized over its
     * channels and pixels with the biased variance ({@code x.reshape(N*G, -1)}), then scaled and shifted per channel:
     * {@code out = gamma * x_hat + beta}.
     *
     * @param x     input, shape (N, C, H, W)
     * @param gamma scale, shape (1, C) (the notebook's (1, C, 1, 1))
     * @param beta  shift, shape (1, C)
     * @param param G and eps
     */
    default SpatialForward<GroupnormCache> spatialGroupnormForward(Tensor x, Matrix gamma, Matrix beta,
            GroupnormParam param) {
        int n = x.n();
        int c = x.channels();
        int g = param.groups();
        if (c % g != 0) {
            throw new IllegalArgumentException("spatial_groupnorm_forward: G = " + g + " groups do not divide the " + c
                    + " channels of x of shape " + x.shape() + ".");
        }
        MatrixChecks.requireRowVector("spatial_groupnorm_forward (gamma)", x.matrix().zeros(1, c), gamma);
        MatrixChecks.requireRowVector("spatial_groupnorm_forward (beta)", x.matrix().zeros(1, c), beta);
        int plane = x.planeSize();
        Matrix groups = x.matrix().create(n * g, x.sampleSize() / g, x.toArray());
        Matrix mean = groups.mean(1);
        Matrix xc = groups.subColumnVector(mean);
        Matrix var = xc.mul(xc).mean(1);
        Matrix std = var.addScalar(param.eps());
        std.mapInPlace(UnaryOp.SQRT);
        Matrix invStd = std.map(UnaryOp.RECIPROCAL);
        Tensor xHat = x.create(n, c, x.height(), x.width(), xc.divColumnVector(std).toArray());
        Matrix gammaRow = gamma.create(1, c * plane, Layouts.repeatPerChannel(gamma.toArray(), plane));
        Matrix betaRow = beta.create(1, c * plane, Layouts.repeatPerChannel(beta.toArray(), plane));
        Matrix out = xHat.matrix().mulRowVector(gammaRow).addRowVector(betaRow);
        return new SpatialForward<>(new Tensor(out, c, x.height(), x.width()),
                new GroupnormCache(xHat, gamma, invStd, param));
    }

    /**
     * {@code spatial_groupnorm_backward}: {@code dbeta}, {@code dgamma} summed per channel, and per group
     * {@code dx = (1/K) ivar (K dxhat - sum(dxhat) - xhat sum(dxhat xhat))} with {@code dxhat = dout * gamma} and K
     * the group's size, batchnorm's formula over the group's axis.
     */
    default SpatialGrads spatialGroupnormBackward(Tensor dout, GroupnormCache cache) {
        Tensor xHat = cache.xHat();
        if (!dout.sameShape(xHat)) {
            throw new IllegalArgumentException("spatial_groupnorm_backward: dout must have the input's shape "
                    + xHat.shape() + ", got " + dout.shape() + ".");
        }
        int n = xHat.n();
        int c = xHat.channels();
        int plane = xHat.planeSize();
        int g = cache.param().groups();
        int k = xHat.sampleSize() / g;
        Matrix d = dout.matrix();
        Matrix dbeta = d.create(1, c, Layouts.sumPerChannel(d.sum(0).toArray(), c, plane));
        Matrix dgamma = d.create(1, c, Layouts.sumPerChannel(d.mul(xHat.matrix()).sum(0).toArray(), c, plane));
        Matrix gammaRow = d.create(1, c * plane, Layouts.repeatPerChannel(cache.gamma().toArray(), plane));
        Matrix dxHat = d.create(n * g, k, d.mulRowVector(gammaRow).toArray());
        Matrix xHatGroups = d.create(n * g, k, xHat.toArray());
        Matrix t = dxHat.scale(k);
        t = t.subColumnVector(dxHat.sum(1));
        t.subi(xHatGroups.broadcastColumn(BinaryOp.MUL, dxHat.mul(xHatGroups).sum(1)));
        Matrix dx = t.broadcastColumn(BinaryOp.MUL, cache.invStd().scale(1.0 / k));
        return new SpatialGrads(new Tensor(d.create(n, c * plane, dx.toArray()), c, xHat.height(), xHat.width()),
                dgamma, dbeta);
    }

    // ------------------------------------------------------------------ convolutional sandwiches

    /** {@code conv_relu_forward}: {@link #convForward} followed by a ReLU. */
    default SpatialForward<ConvReluCache> convReluForward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        SpatialForward<ConvCache> conv = convForward(x, w, b, param);
        Tensor a = conv.out();
        Forward<ReluCache> relu = reluForward(a.matrix());
        return new SpatialForward<>(new Tensor(relu.out(), a.channels(), a.height(), a.width()),
                new ConvReluCache(conv.cache(), relu.cache()));
    }

    /** {@code conv_relu_backward}: {@code dx}, {@code dw}, {@code db}. */
    default ConvGrads convReluBackward(Tensor dout, ConvReluCache cache) {
        Matrix da = reluBackward(dout.matrix(), cache.relu());
        return convBackward(new Tensor(da, dout.channels(), dout.height(), dout.width()), cache.conv());
    }

    /**
     * {@code conv_relu_pool_forward}: {@link #convForward}, a ReLU and {@link #maxPoolForward}, the first block of
     * {@code ThreeLayerConvNet}.
     */
    default SpatialForward<ConvReluPoolCache> convReluPoolForward(Tensor x, Tensor w, Matrix b, ConvParam convParam,
            PoolParam poolParam) {
        SpatialForward<ConvCache> conv = convForward(x, w, b, convParam);
        Tensor a = conv.out();
        Forward<ReluCache> relu = reluForward(a.matrix());
        SpatialForward<PoolCache> pool = maxPoolForward(new Tensor(relu.out(), a.channels(), a.height(), a.width()),
                poolParam);
        return new SpatialForward<>(pool.out(), new ConvReluPoolCache(conv.cache(), relu.cache(), pool.cache()));
    }

    /** {@code conv_relu_pool_backward}: {@code dx}, {@code dw}, {@code db}. */
    default ConvGrads convReluPoolBackward(Tensor dout, ConvReluPoolCache cache) {
        return convReluPoolBackward(dout, cache, true);
    }

    /** {@code conv_relu_pool_backward}, skipping {@code dx} (left {@code null}) unless {@code inputGradient}. */
    default ConvGrads convReluPoolBackward(Tensor dout, ConvReluPoolCache cache, boolean inputGradient) {
        Tensor ds = maxPoolBackward(dout, cache.pool());
        Matrix da = reluBackward(ds.matrix(), cache.relu());
        return convBackward(new Tensor(da, ds.channels(), ds.height(), ds.width()), cache.conv(), inputGradient);
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
