package org.backprop4j.models.twolayer;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Regularization;
import org.backprop4j.random.NumpyRandom;

/**
 * nndl's {@code neural_net.TwoLayerNet} (seed 001, the two-layer notebook): the weights are stored one row
 * per output, {@code W1} (H, D) and {@code W2} (C, H), so {@code h1 = relu(X·W1ᵀ + b1)} and
 * {@code scores = h1·W2ᵀ + b2}; loss {@code data_loss + 0.5 * reg * (ΣW1² + ΣW2²)}.
 *
 * <p>Construction draws {@code W1} then {@code W2} as {@code std * randn}, so {@code new NumpyRandom(0)}
 * gives the notebook's {@code init_toy_model()}.
 */
public final class NndlTwoLayerNet extends TwoLayerModel {

    /** {@code TwoLayerNet(input_size, hidden_size, output_size, std)}, drawing its weights from {@code rng}. */
    public NndlTwoLayerNet(Backend backend, TwoLayerNetConfig config, NumpyRandom rng) {
        super("two-layer", backend, config, Activation.RELU, Layout.OUTPUT_BY_INPUT, Regularization.L2_HALF, rng);
    }

    /** Class scores of shape (N, C) for inputs of shape (N, D): the Python {@code net.loss(X)}. */
    @Override
    public Matrix scores(Matrix x) {
        return forward(x).scores().out();
    }

    /** {@code net.loss(X, y, reg)}: softmax loss plus {@code 0.5·reg·ΣW²} of W1 and W2. */
    @Override
    public LossGrads loss(Matrix x, int[] y, double reg) {
        Pass pass = forward(x);
        observed(pass.h1().out());
        LossResult data = kernels.softmaxLoss(pass.scores().out(), y);

        AffineGrads fc2 = kernels.affineTransposedBackward(data.dx(), pass.scores().cache(), true);
        Matrix dz1 = kernels.reluBackward(fc2.dx(), pass.h1().cache());
        AffineGrads fc1 = kernels.affineTransposedBackward(dz1, pass.z1().cache(), false);
        return regularized(data, fc1, fc2, reg);
    }

    /** The forward pass with its caches: {@code z1 = X·W1ᵀ + b1}, {@code h1 = relu(z1)}, {@code scores = h1·W2ᵀ + b2}. */
    private record Pass(Forward<AffineCache> z1, Forward<ReluCache> h1, Forward<AffineCache> scores) {
    }

    private Pass forward(Matrix x) {
        Forward<AffineCache> z1 = kernels.affineTransposedForward(x, params().get("W1"), params().get("b1"));
        Forward<ReluCache> h1 = kernels.reluForward(z1.out());
        return new Pass(z1, h1, kernels.affineTransposedForward(h1.out(), params().get("W2"), params().get("b2")));
    }
}
