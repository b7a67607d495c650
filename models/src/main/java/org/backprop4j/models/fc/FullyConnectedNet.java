package org.backprop4j.models.fc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.ActivationSink;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.WeightInit;
import org.backprop4j.random.NumpyRandom;

/**
 * The notebooks' {@code FullyConnectedNet}: {@code {affine - [batchnorm] - relu - [dropout]} x (L-1)
 * - affine - softmax}, with parameters {@code W1, b1, [gamma1, beta1,] ..., WL, bL}.
 *
 * <p>Weights are drawn with {@code np.random.normal(0, weight_scale, shape)} from the given
 * generator in the order W1, W2, ..., WL; biases and betas start at zero, gammas at one. The same
 * generator supplies the dropout masks. {@link #scores} runs in test mode (running batchnorm
 * statistics, no dropout); {@link #loss} in training mode. Regularization is {@code 0.5·reg·ΣW²}.
 */
public final class FullyConnectedNet implements Model {

    private final Backend backend;
    private final FullyConnectedNetConfig config;
    private final Kernels kernels;
    private final NumpyRandom rng;
    private final Parameters params = new Parameters();
    private final List<BatchnormParam> bnParams = new ArrayList<>();
    private final DropoutParam dropoutParam;
    private double reg;
    private ActivationSink activationSink;

    /** Builds the network, drawing its weights from {@code rng}, which it keeps for dropout masks. */
    public FullyConnectedNet(Backend backend, FullyConnectedNetConfig config, NumpyRandom rng) {
        this.backend = backend;
        this.config = config;
        this.kernels = backend.kernels();
        this.rng = rng;
        this.reg = config.reg();
        int[] hidden = config.hiddenDims();
        int layers = config.numLayers();
        DType dtype = config.dtype();
        for (int i = 0; i < layers; i++) {
            int in = i == 0 ? config.inputDim() : hidden[i - 1];
            int out = i == layers - 1 ? config.numClasses() : hidden[i];
            params.put("W" + (i + 1), WeightInit.normal(backend, dtype, rng, in, out, config.weightScale()));
            params.put("b" + (i + 1), WeightInit.zeros(backend, dtype, out));
            if (config.useBatchnorm() && i < layers - 1) {
                params.put("gamma" + (i + 1), backend.full(1, out, 1.0, dtype));
                params.put("beta" + (i + 1), WeightInit.zeros(backend, dtype, out));
                BatchnormParam bn = new BatchnormParam(config.bnEps(), config.bnMomentum());
                bn.setRunning(WeightInit.zeros(backend, dtype, out), WeightInit.zeros(backend, dtype, out));
                bnParams.add(bn);
            }
        }
        dropoutParam = config.useDropout() ? new DropoutParam(config.dropout(), config.seed()) : null;
    }

    /** The configuration this network was built with (its {@code reg} is the initial one). */
    public FullyConnectedNetConfig config() {
        return config;
    }

    /** The batchnorm layers' running statistics, one per hidden layer (empty without batchnorm). */
    public List<BatchnormParam> bnParams() {
        return bnParams;
    }

    /** Current regularization strength ({@code model.reg}). */
    public double reg() {
        return reg;
    }

    /** Sets the regularization strength, as the notebook's {@code model.reg = 1.0}. */
    public void setReg(double reg) {
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("reg must be non-negative, got " + reg + ".");
        }
        this.reg = reg;
    }

    /** Kind {@code fc} with the configuration and the current {@code reg}. */
    @Override
    public ModelSpec spec() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hidden_dims", Arrays.stream(config.hiddenDims()).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        p.put("input_dim", Integer.toString(config.inputDim()));
        p.put("num_classes", Integer.toString(config.numClasses()));
        p.put("dropout", Double.toString(config.dropout()));
        p.put("use_batchnorm", Boolean.toString(config.useBatchnorm()));
        p.put("reg", Double.toString(reg));
        p.put("weight_scale", Double.toString(config.weightScale()));
        p.put("dtype", config.dtype().numpyName());
        p.put("seed", config.seed() == null ? "none" : Long.toString(config.seed()));
        if (config.useBatchnorm()) {
            p.put("bn_momentum", Double.toString(config.bnMomentum()));
            p.put("bn_eps", Double.toString(config.bnEps()));
        }
        return new ModelSpec("fc", p);
    }

    /** The running mean and variance of every batchnorm layer: {@code running_mean1, running_var1, ...}. */
    @Override
    public Parameters buffers() {
        Parameters p = new Parameters();
        for (int i = 0; i < bnParams.size(); i++) {
            p.put("running_mean" + (i + 1), bnParams.get(i).runningMean());
            p.put("running_var" + (i + 1), bnParams.get(i).runningVar());
        }
        return p;
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
    public boolean deterministic() {
        return dropoutParam == null || dropoutParam.seed() != null;
    }

    @Override
    public void observeActivations(ActivationSink sink) {
        this.activationSink = sink;
    }

    @Override
    public Matrix scores(Matrix x) {
        return forward(x, Mode.TEST).scores;
    }

    @Override
    public LossGrads loss(Matrix x, int[] y) {
        Pass pass = forward(x, Mode.TRAIN);
        LossResult data = kernels.softmaxLoss(pass.scores, y);
        double loss = data.loss();
        int layers = config.numLayers();
        for (int i = layers; i >= 1; i--) {
            loss += Regularization.L2_HALF.penalty(params.get("W" + i), reg);
        }
        Parameters grads = new Parameters();
        Matrix[] dW = new Matrix[layers + 1];
        Matrix[] db = new Matrix[layers + 1];
        Matrix[] dgamma = new Matrix[layers + 1];
        Matrix[] dbeta = new Matrix[layers + 1];

        AffineGrads last = kernels.affineBackward(data.dx(), pass.affine[layers], layers > 1);
        dW[layers] = last.dw();
        db[layers] = last.db();
        Matrix dh = last.dx();
        for (int i = layers - 1; i >= 1; i--) {
            if (dropoutParam != null) {
                dh = kernels.dropoutBackward(dh, pass.dropout[i]);
            }
            AffineGrads g;
            if (config.useBatchnorm()) {
                Matrix da = kernels.reluBackward(dh, pass.relu[i]);
                BatchnormGrads bn = kernels.batchnormBackwardAlt(da, pass.batchnorm[i]);
                dgamma[i] = bn.dgamma();
                dbeta[i] = bn.dbeta();
                g = kernels.affineBackward(bn.dx(), pass.affine[i], i > 1);
            } else {
                // the first layer's input gradient (on the data) is not needed
                g = kernels.affineReluBackward(dh, pass.affineRelu[i], i > 1);
            }
            dW[i] = g.dw();
            db[i] = g.db();
            dh = g.dx();
        }
        for (int i = 1; i <= layers; i++) {
            Regularization.L2_HALF.addGradient(dW[i], params.get("W" + i), reg);
            grads.put("W" + i, dW[i]);
            grads.put("b" + i, db[i]);
            if (dgamma[i] != null) {
                grads.put("gamma" + i, dgamma[i]);
                grads.put("beta" + i, dbeta[i]);
            }
        }
        return new LossGrads(loss, grads);
    }

    private Pass forward(Matrix x, Mode mode) {
        if (dropoutParam != null) {
            dropoutParam.setMode(mode);
        }
        for (BatchnormParam bn : bnParams) {
            bn.setMode(mode);
        }
        int layers = config.numLayers();
        Pass p = new Pass(layers);
        // as the notebook's X.astype(self.dtype)
        Matrix h = x.dtype() == config.dtype() ? x : x.toDType(config.dtype());
        for (int i = 1; i < layers; i++) {
            Matrix w = params.get("W" + i);
            Matrix b = params.get("b" + i);
            if (config.useBatchnorm()) {
                Forward<AffineCache> fc = kernels.affineForward(h, w, b);
                p.affine[i] = fc.cache();
                Forward<BatchnormCache> bn = kernels.batchnormForward(fc.out(), params.get("gamma" + i),
                        params.get("beta" + i), bnParams.get(i - 1));
                p.batchnorm[i] = bn.cache();
                Forward<ReluCache> relu = kernels.reluForward(bn.out());
                p.relu[i] = relu.cache();
                h = relu.out();
            } else {
                Forward<AffineReluCache> fr = kernels.affineReluForward(h, w, b);
                p.affineRelu[i] = fr.cache();
                h = fr.out();
            }
            if (activationSink != null && mode == Mode.TRAIN) {
                activationSink.hidden(i, "relu", h);
            }
            if (dropoutParam != null) {
                Forward<DropoutCache> d = kernels.dropoutForward(h, dropoutParam, rng);
                p.dropout[i] = d.cache();
                h = d.out();
            }
        }
        Forward<AffineCache> out = kernels.affineForward(h, params.get("W" + layers), params.get("b" + layers));
        p.affine[layers] = out.cache();
        p.scores = out.out();
        return p;
    }

    private static final class Pass {
        final AffineCache[] affine;
        final AffineReluCache[] affineRelu;
        final BatchnormCache[] batchnorm;
        final ReluCache[] relu;
        final DropoutCache[] dropout;
        Matrix scores;

        Pass(int layers) {
            affine = new AffineCache[layers + 1];
            affineRelu = new AffineReluCache[layers + 1];
            batchnorm = new BatchnormCache[layers + 1];
            relu = new ReluCache[layers + 1];
            dropout = new DropoutCache[layers + 1];
        }
    }
}
