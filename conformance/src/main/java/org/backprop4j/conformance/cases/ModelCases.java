package org.backprop4j.conformance.cases;

import static org.backprop4j.conformance.cases.Inputs.labels;
import static org.backprop4j.conformance.cases.Inputs.randn;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerModel;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * The models the kit runs on a backend: every model of {@code models}, each on seeded inputs.
 *
 * <p>The bound of the numeric check (0: none). The centred difference resolves a gradient entry only down to its
 * rounding noise ({@code ~eps * loss / h}, about 1e-10), so the cases are sized as the notebooks' checks are:
 * toy-like inputs and few parameters, checked to the notebooks' 1e-7. Deeper nets are checked to the bounds their
 * notebooks print: the three-layer net (cs231n: "on the order of e-7 or smaller"; its unregularized biases have
 * entries near the noise) to 1e-6, and the batchnorm and dropout net to 1e-5 — ReLUs after a normalized batch sit
 * near their kinks and the normalization adds curvature, and the cs231n batchnorm notebook's own check prints
 * 1e-6 .. 1e-4. Every layer of that net is also checked on its own to 1e-7 (the kernel checks). The D = 3072 case
 * is compared with the reference only: many of its W1 entries are below the rounding noise; the affine kernel's
 * numeric check at D = 3072 (well-conditioned) covers that size.
 *
 * @param kind  which model: {@code two-layer cs231n}, {@code two-layer nndl layout}, {@code mlp sigmoid l1},
 *              {@code mlp relu}, {@code fc batchnorm dropout}, {@code fc 3 layers}
 * @param n     batch size
 * @param d     input dimension
 * @param h     hidden size
 * @param c     classes
 * @param scale input scale
 * @param bound the numeric check's bound, 0 for none
 */
public record ModelCases(String kind, int n, int d, int h, int c, double scale, double bound) {

    /** The cases. */
    public static final List<ModelCases> ALL = List.of(new ModelCases("two-layer cs231n", 17, 40, 9, 6, 10.0, 1e-7),
            new ModelCases("two-layer nndl layout", 9, 13, 7, 5, 10.0, 1e-7),
            new ModelCases("mlp sigmoid l1", 6, 11, 8, 4, 10.0, 1e-7),
            new ModelCases("mlp relu", 6, 10, 10, 4, 10.0, 1e-7),
            new ModelCases("mlp relu", 33, 3072, 50, 10, 1.0, 0.0),
            new ModelCases("fc batchnorm dropout", 8, 15, 16, 6, 1.0, 1e-5),
            new ModelCases("fc 3 layers", 2, 15, 20, 10, 1.0, 1e-6),
            new ModelCases("fc 3 layers", 64, 300, 40, 10, 1.0, 0.0));

    /** e.g. {@code mlp relu N=33 D=3072 H=50 C=10}. */
    public String label() {
        return kind + " N=" + n + " D=" + d + " H=" + h + " C=" + c;
    }

    /** The model on {@code b}, its weights drawn from {@code NumpyRandom(42)}. */
    public Model model(Backend b, DType dt) {
        NumpyRandom rng = new NumpyRandom(42);
        return switch (kind) {
            case "two-layer cs231n" -> reg(
                    new TwoLayerNet(b, TwoLayerNetConfig.of(d, h, c).withStd(0.1).withDType(dt), rng));
            case "two-layer nndl layout" -> reg(
                    new NndlTwoLayerNet(b, TwoLayerNetConfig.of(d, h, c).withStd(0.1).withDType(dt), rng));
            case "mlp sigmoid l1" -> reg(new TwoLayerMLP(b, TwoLayerNetConfig.of(d, h, c).withStd(0.3).withDType(dt),
                    Activation.SIGMOID, Regularization.L1, rng));
            case "mlp relu" -> reg(new TwoLayerMLP(b,
                    TwoLayerNetConfig.of(d, h, c).withStd(Math.min(0.1, 1 / Math.sqrt(d))).withDType(dt),
                    Activation.RELU, rng));
            case "fc batchnorm dropout" -> new FullyConnectedNet(b, FullyConnectedNetConfig.of(h, h - 3).inputDim(d)
                    .numClasses(c).useBatchnorm(true).dropout(0.7).seed(5L).reg(0.5).weightScale(0.3).dtype(dt), rng);
            // the notebook's three-layer check: hidden (20, 30) for H = 20, weight scale 5e-2, reg 3.14
            case "fc 3 layers" -> new FullyConnectedNet(b, FullyConnectedNetConfig.of(h, h + h / 2).inputDim(d)
                    .numClasses(c).reg(3.14).weightScale(5e-2).dtype(dt), rng);
            default -> throw new IllegalArgumentException("unknown model case " + kind);
        };
    }

    private static TwoLayerModel reg(TwoLayerModel net) {
        net.setReg(0.05);
        return net;
    }

    /** The case's input x (n, d). */
    public Matrix x(Backend b, DType dt) {
        return randn(b, dt, 21, n, d, scale);
    }

    /** The case's labels. */
    public int[] y() {
        return labels(22, n, c);
    }

    /** The loss, the scores and every gradient of the model on the case's data. */
    public Results results(Backend b, DType dt) {
        Model model = model(b, dt);
        Matrix x = x(b, dt);
        LossGrads lg = model.loss(x, y());
        Results r = new Results().put("loss", lg.loss()).put("scores", model.scores(x));
        lg.grads().forEach(r::put);
        return r;
    }
}
