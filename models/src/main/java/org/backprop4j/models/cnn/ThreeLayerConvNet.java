package org.backprop4j.models.cnn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.ConvReluPoolCache;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.ActivationSink;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.WeightInit;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.tensor.Tensor;

/**
 * cs231n's {@code ThreeLayerConvNet} ({@code cnn.py}): {@code conv - relu - 2x2 max pool - affine - relu - affine -
 * softmax}, on inputs of shape (N, C, H, W) given as their (N, C*H*W) rows.
 *
 * <p>Parameters, drawn in this order from the generator as the Python code draws them:
 * {@code W1 = weight_scale * randn(F, C, HH, WW)} (stored as the (F, C*HH*WW) matrix of the filter tensor, see
 * {@link #filters()}), {@code b1 = zeros(F)}, {@code W2 = weight_scale * randn(F*H/2*W/2, hidden_dim)}, {@code b2},
 * {@code W3 = weight_scale * randn(hidden_dim, num_classes)}, {@code b3}. The convolution keeps the input's size
 * ({@code stride 1, pad (filter_size - 1) / 2}); regularization is {@code 0.5·reg·ΣW²} on W1, W2 and W3.
 */
public final class ThreeLayerConvNet implements Model {

    private final Backend backend;
    private final ThreeLayerConvNetConfig config;
    private final Kernels kernels;
    private final Parameters params = new Parameters();
    private double reg;
    private ActivationSink activationSink;

    /** {@code ThreeLayerConvNet(input_dim, num_filters, filter_size, hidden_dim, ...)}, weights drawn from {@code rng}. */
    public ThreeLayerConvNet(Backend backend, ThreeLayerConvNetConfig config, NumpyRandom rng) {
        this.backend = backend;
        this.config = config;
        this.kernels = backend.kernels();
        this.reg = config.reg();
        DType dtype = config.dtype();
        int f = config.numFilters();
        int patch = config.channels() * config.filterSize() * config.filterSize();
        double scale = config.weightScale();
        params.put("W1", WeightInit.randn(backend, dtype, rng, f, patch, scale));
        params.put("b1", WeightInit.zeros(backend, dtype, f));
        params.put("W2", WeightInit.randn(backend, dtype, rng, config.pooledSize(), config.hiddenDim(), scale));
        params.put("b2", WeightInit.zeros(backend, dtype, config.hiddenDim()));
        params.put("W3", WeightInit.randn(backend, dtype, rng, config.hiddenDim(), config.numClasses(), scale));
        params.put("b3", WeightInit.zeros(backend, dtype, config.numClasses()));
    }

    /** The configuration this network was built with (its {@code reg} is the initial one). */
    public ThreeLayerConvNetConfig config() {
        return config;
    }

    /** W1 as the filter tensor (F, C, HH, WW), a view of the live parameter. */
    public Tensor filters() {
        return Tensor.of(params.get("W1"), config.channels(), config.filterSize(), config.filterSize());
    }

    /** Current regularization strength ({@code model.reg}). */
    public double reg() {
        return reg;
    }

    /** Sets the regularization strength, as the notebook's {@code model.reg = 0.5}. */
    public void setReg(double reg) {
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("reg must be non-negative, got " + reg + ".");
        }
        this.reg = reg;
    }

    /** Kind {@code cnn} with the configuration and the current {@code reg}. */
    @Override
    public ModelSpec spec() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("input_dim", config.channels() + "," + config.height() + "," + config.width());
        p.put("num_filters", Integer.toString(config.numFilters()));
        p.put("filter_size", Integer.toString(config.filterSize()));
        p.put("hidden_dim", Integer.toString(config.hiddenDim()));
        p.put("num_classes", Integer.toString(config.numClasses()));
        p.put("weight_scale", Double.toString(config.weightScale()));
        p.put("reg", Double.toString(reg));
        p.put("dtype", config.dtype().numpyName());
        return new ModelSpec("cnn", p);
    }

    @Override
    public Parameters params() {
        return params;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return config.dtype();
    }

    @Override
    public void observeActivations(ActivationSink sink) {
        this.activationSink = sink;
    }

    @Override
    public Matrix scores(Matrix x) {
        return forward(x, false).scores;
    }

    @Override
    public LossGrads loss(Matrix x, int[] y) {
        Pass pass = forward(x, true);
        LossResult data = kernels.softmaxLoss(pass.scores, y);
        double loss = data.loss();
        for (String w : new String[] {"W1", "W2", "W3"}) {
            loss += Regularization.L2_HALF.penalty(params.get(w), reg);
        }
        AffineGrads g3 = kernels.affineBackward(data.dx(), pass.scoresCache);
        AffineGrads g2 = kernels.affineReluBackward(g3.dx(), pass.hiddenCache);
        Tensor pooled = pass.convOut;
        Tensor dpooled = Tensor.of(g2.dx(), pooled.channels(), pooled.height(), pooled.width());
        // the gradient on the data is never needed
        ConvGrads g1 = kernels.convReluPoolBackward(dpooled, pass.convCache, false);
        Matrix dw1 = g1.dw().matrix();
        Regularization.L2_HALF.addGradient(dw1, params.get("W1"), reg);
        Regularization.L2_HALF.addGradient(g2.dw(), params.get("W2"), reg);
        Regularization.L2_HALF.addGradient(g3.dw(), params.get("W3"), reg);
        Parameters grads = new Parameters();
        grads.put("W1", dw1);
        grads.put("b1", g1.db());
        grads.put("W2", g2.dw());
        grads.put("b2", g2.db());
        grads.put("W3", g3.dw());
        grads.put("b3", g3.db());
        return new LossGrads(loss, grads);
    }

    /** The forward pass of {@code loss(X, y)}; the network has no train/test differences. */
    private Pass forward(Matrix x, boolean training) {
        // as the notebook's X.astype(self.dtype)
        Matrix rows = x.dtype() == config.dtype() ? x : x.toDType(config.dtype());
        if (rows.cols() != config.inputSize()) {
            throw new IllegalArgumentException("ThreeLayerConvNet expects rows of input_dim (" + config.channels()
                    + ", " + config.height() + ", " + config.width() + ") = " + config.inputSize()
                    + " values, got x of shape " + x.shape() + ".");
        }
        Tensor images = Tensor.of(rows, config.channels(), config.height(), config.width());
        SpatialForward<ConvReluPoolCache> conv = kernels.convReluPoolForward(images, filters(), params.get("b1"),
                config.convParam(), ThreeLayerConvNetConfig.POOL_PARAM);
        Forward<AffineReluCache> hidden = kernels.affineReluForward(conv.out().flatten(), params.get("W2"),
                params.get("b2"));
        if (activationSink != null && training) {
            activationSink.hidden(1, "relu", hidden.out());
        }
        Forward<AffineCache> scores = kernels.affineForward(hidden.out(), params.get("W3"), params.get("b3"));
        return new Pass(conv.out(), conv.cache(), hidden.cache(), scores.cache(), scores.out());
    }

    private record Pass(Tensor convOut, ConvReluPoolCache convCache, AffineReluCache hiddenCache,
            AffineCache scoresCache, Matrix scores) {
    }
}
