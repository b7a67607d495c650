package org.backprop4j.models.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Linspace;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TrainOptions;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * The notebooks' sanity checks, written once and run on one backend in float64: the cs231n toy model
 * (scores, loss, numeric gradient checks of W1, b1, W2, b2), the modular-layers checks, nndl's toy
 * {@code TwoLayerNet}, seed 002's toy {@code TwoLayerMLP}s, the fully-connected notebook's linspace
 * two-layer net, and the toy training runs, each against the bound its notebook states and the numbers
 * it printed ({@link NotebookNumbers}). {@code backprop4j check} prints them; the tests assert them on
 * every backend.
 */
public final class NotebookChecks {

    /** The seed with which cs231n's FullyConnectedNets notebook draws the layer checks' inputs. */
    public static final long LAYER_SEED = 231;

    private NotebookChecks() {
    }

    /**
     * One line of the report.
     *
     * @param section  the notebook and setup the check belongs to
     * @param name     what is measured
     * @param value    the measured error or difference
     * @param bound    the check passes when {@code value <= bound}
     * @param notebook what the notebook expects or printed, for the report
     */
    public record Check(String section, String name, double value, double bound, String notebook) {
        /** Whether the value is within the bound. */
        public boolean passed() {
            return value <= bound;
        }
    }

    /**
     * What the checks computed.
     *
     * @param scores          the cs231n toy model's scores, (5, 3)
     * @param loss            its loss with the given reg
     * @param grads           its analytic gradients in order W1, b1, W2, b2 (biases as one row)
     * @param numericRelError {@code rel_error(numeric, analytic)} per parameter
     * @param checks          every check, section by section
     */
    public record Report(double[][] scores, double loss, Map<String, double[][]> grads,
            Map<String, Double> numericRelError, List<Check> checks) {
        /** Whether every check passed. */
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    /** Every check with the notebooks' setup: model seed 0, data seed 1, reg 0.05. */
    public static Report run(Backend backend) {
        return run(backend, ToyData.MODEL_SEED, ToyData.DATA_SEED, NotebookNumbers.TOY_REG);
    }

    /**
     * Every check on {@code backend} in float64; {@code modelSeed}, {@code dataSeed} and {@code reg} set up
     * the cs231n toy model (its scores and loss are compared with the notebook's only for the notebook's
     * setup); the other sections always use their notebooks' setups.
     */
    public static Report run(Backend backend, long modelSeed, long dataSeed, double reg) {
        List<Check> checks = new ArrayList<>();
        NumpyRandom rng = new NumpyRandom(modelSeed);
        TwoLayerNet net = new TwoLayerNet(backend, toyConfig(), rng);
        ToyData toy = ToyData.create(backend, DType.FLOAT64, rng, dataSeed);
        Matrix scores = net.scores(toy.x());
        LossGrads lg = net.loss(toy.x(), toy.y(), reg);
        String s = "cs231n toy TwoLayerNet (model seed " + modelSeed + ", data seed " + dataSeed + ", reg " + reg + ")";
        if (modelSeed == ToyData.MODEL_SEED && dataSeed == ToyData.DATA_SEED) {
            checks.add(new Check(s, "scores: sum |yours - notebook's|",
                    sumAbsDiff(scores, NotebookNumbers.toyCorrectScores()),
                    1e-7, "< 1e-7, printed " + g(NotebookNumbers.TOY_SCORES_DIFFERENCE_PRINTED)));
            if (reg == NotebookNumbers.TOY_REG) {
                checks.add(new Check(s, "loss: |yours - " + NotebookNumbers.TOY_CORRECT_LOSS + "|",
                        Math.abs(lg.loss() - NotebookNumbers.TOY_CORRECT_LOSS), 1e-12, "< 1e-12"));
            }
        }
        Map<String, Double> rel = relErrors(net, lg, () -> net.loss(toy.x(), toy.y(), reg).loss());
        gradientChecks(checks, s, rel, Map.of(), 1e-8, "< 1e-8");
        Map<String, double[][]> grads = new LinkedHashMap<>();
        lg.grads().forEach((name, m) -> grads.put(name, m.toRows()));

        checks.addAll(layerChecks(backend));
        checks.addAll(nndlToyChecks(backend));
        checks.addAll(mlpToyChecks(backend));
        checks.addAll(linspaceTwoLayerChecks(backend));
        checks.addAll(trainingChecks(backend));
        return new Report(scores.toRows(), lg.loss(), grads, rel, checks);
    }

    /** {@code TwoLayerNet(input_size, hidden_size, num_classes, std=1e-1)} of the toy problem. */
    private static TwoLayerNetConfig toyConfig() {
        return TwoLayerNetConfig.of(ToyData.INPUT_SIZE, ToyData.HIDDEN_SIZE, ToyData.NUM_CLASSES)
                .withStd(ToyData.MODEL_STD);
    }

    /**
     * The modular-layers checks of cs231n's FullyConnectedNets notebook (seed 001 has the same cells, unseeded).
     * As in cs231n's notebook every check reseeds the generator with {@link #LAYER_SEED} before drawing its
     * inputs, so the numbers are the ones it printed.
     */
    static List<Check> layerChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        Kernels k = b.kernels();
        NumpyRandom rng = new NumpyRandom(LAYER_SEED);
        String s = "layers (cs231n FullyConnectedNets, each check drawn after np.random.seed(" + LAYER_SEED + "))";

        // affine_forward with the notebook's linspace inputs: x (2, 120), w (120, 3), b (3)
        Matrix x = b.fromArray(2, 120, Linspace.of(-0.1, 0.5, 240), DType.FLOAT64);
        Matrix w = b.fromArray(120, 3, Linspace.of(-0.2, 0.3, 360), DType.FLOAT64);
        Matrix bias = b.fromArray(1, 3, Linspace.of(-0.3, 0.1, 3), DType.FLOAT64);
        // correct_out has 8 decimals, so the error is about 1e-9 (seed 001 printed 9.77e-10)
        out.add(new Check(s, "affine_forward: rel_error vs correct_out", GradientCheck.relError(
                k.affineForward(x, w, bias).out(), b.fromRows(NotebookNumbers.affineCorrectOut(), DType.FLOAT64)),
                1e-9, "≈ 1e-9, printed " + g(NotebookNumbers.AFFINE_FORWARD_ERROR_PRINTED)));

        // affine_backward: x as the notebook's randn(10, 2, 3), flattened to (10, 6)
        rng.seed(LAYER_SEED);
        Matrix ax = randn(b, rng, 10, 6);
        Matrix aw = randn(b, rng, 6, 5);
        Matrix ab = randn(b, rng, 1, 5);
        Matrix adout = randn(b, rng, 10, 5);
        AffineGrads ag = k.affineBackward(adout, k.affineForward(ax, aw, ab).cache());
        String printed = "≈ 1e-10, printed " + g(NotebookNumbers.AFFINE_DX_ERROR_PRINTED);
        out.add(arrayCheck(s, "affine_backward dx error", m -> k.affineForward(m, aw, ab).out(), ax, adout, ag.dx(),
                printed));
        out.add(arrayCheck(s, "affine_backward dw error", m -> k.affineForward(ax, m, ab).out(), aw, adout, ag.dw(),
                "≈ 1e-10"));
        out.add(arrayCheck(s, "affine_backward db error", m -> k.affineForward(ax, aw, m).out(), ab, adout, ag.db(),
                "≈ 1e-10"));

        rng.seed(LAYER_SEED);
        Matrix rx = randn(b, rng, 10, 10);
        Matrix rdout = randn(b, rng, 10, 10);
        out.add(arrayCheck(s, "relu_backward dx error", m -> k.reluForward(m).out(), rx, rdout,
                k.reluBackward(rdout, k.reluForward(rx).cache()),
                "≈ 1e-12, printed " + g(NotebookNumbers.RELU_DX_ERROR_PRINTED)));

        rng.seed(LAYER_SEED);
        Matrix sx = randn(b, rng, 10, 10);
        Matrix sdout = randn(b, rng, 10, 10);
        out.add(arrayCheck(s, "sigmoid_backward dx error", m -> k.sigmoidForward(m).out(), sx, sdout,
                k.sigmoidBackward(sdout, k.sigmoidForward(sx).cache()), "≈ 1e-11"));

        // affine_relu_backward: x as the notebook's randn(2, 3, 4), flattened to (2, 12)
        rng.seed(LAYER_SEED);
        Matrix fx = randn(b, rng, 2, 12);
        Matrix fw = randn(b, rng, 12, 10);
        Matrix fb = randn(b, rng, 1, 10);
        Matrix fdout = randn(b, rng, 2, 10);
        AffineGrads fg = k.affineReluBackward(fdout, k.affineReluForward(fx, fw, fb).cache());
        out.add(arrayCheck(s, "affine_relu_backward dx error", m -> k.affineReluForward(m, fw, fb).out(), fx, fdout,
                fg.dx(),
                "≈ 1e-10"));
        out.add(arrayCheck(s, "affine_relu_backward dw error", m -> k.affineReluForward(fx, m, fb).out(), fw, fdout,
                fg.dw(),
                "≈ 1e-10, printed " + g(NotebookNumbers.AFFINE_RELU_DW_ERROR_PRINTED)));
        out.add(arrayCheck(s, "affine_relu_backward db error", m -> k.affineReluForward(fx, fw, m).out(), fb, fdout,
                fg.db(),
                "≈ 1e-10"));

        // softmax and SVM losses on 0.001-scaled scores
        rng.seed(LAYER_SEED);
        Matrix lx = randn(b, rng, 50, 10);
        lx.scalei(0.001);
        int[] ly = rng.randintInt(10, 50);
        LossResult soft = k.softmaxLoss(lx, ly);
        // "Loss should be 2.3": with near-zero scores every class has probability ~1/10
        out.add(new Check(s, "softmax_loss: |loss - log(10)|", Math.abs(soft.loss() - Math.log(10)), 5e-3,
                "loss ≈ 2.3"));
        out.add(new Check(s, "softmax_loss: |loss - " + NotebookNumbers.SOFTMAX_LOSS_PRINTED + "|",
                Math.abs(soft.loss() - NotebookNumbers.SOFTMAX_LOSS_PRINTED), 1e-10, "cs231n printed it"));
        // "dx error should be 1e-8" (seed 001 printed 1.0e-08): gradients of ~2e-3 against a loss of 2.3 leave
        // the centred difference a rounding error of ~2.3e-16 / 1e-5 relative to 2e-3, about 1e-8, so 5e-8
        out.add(new Check(s, "softmax_loss dx error", GradientCheck.relError(GradientCheck.evalNumericalGradient(
                () -> k.softmaxLoss(lx, ly).loss(), lx), soft.dx()), 5e-8, "≈ 1e-8"));
        LossResult svm = k.svmLoss(lx, ly);
        out.add(new Check(s, "svm_loss: |loss - 9|", Math.abs(svm.loss() - 9), 1e-1, "loss ≈ 9"));
        out.add(new Check(s, "svm_loss: |loss - " + NotebookNumbers.SVM_LOSS_PRINTED + "|",
                Math.abs(svm.loss() - NotebookNumbers.SVM_LOSS_PRINTED), 1e-10, "cs231n printed it"));
        out.add(new Check(s, "svm_loss dx error", GradientCheck.relError(GradientCheck.evalNumericalGradient(
                () -> k.svmLoss(lx, ly).loss(), lx), svm.dx()), 1e-8, "≈ 1e-9"));
        return out;
    }

    /** Seed 001's two-layer notebook: its {@code init_toy_model()} is nndl's TwoLayerNet (W1 stored (H, D)). */
    static List<Check> nndlToyChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        String s = "nndl toy TwoLayerNet, W1 stored (H, D) (reg " + NotebookNumbers.TOY_REG + ")";
        NumpyRandom rng = new NumpyRandom(ToyData.MODEL_SEED);
        NndlTwoLayerNet net = new NndlTwoLayerNet(b, toyConfig(), rng);
        ToyData toy = ToyData.create(b, DType.FLOAT64, rng, ToyData.DATA_SEED);
        out.add(new Check(s, "scores: sum |yours - notebook's|", sumAbsDiff(net.scores(toy.x()),
                NotebookNumbers.nndlToyCorrectScores()), 1e-7, "< 1e-7"));
        LossGrads lg = net.loss(toy.x(), toy.y(), NotebookNumbers.TOY_REG);
        out.add(new Check(s, "loss: |yours - " + NotebookNumbers.NNDL_TOY_CORRECT_LOSS + "|",
                Math.abs(lg.loss() - NotebookNumbers.NNDL_TOY_CORRECT_LOSS), 1e-12, "< 1e-12"));
        gradientChecks(out, s, relErrors(net, lg, () -> net.loss(toy.x(), toy.y(), NotebookNumbers.TOY_REG).loss()),
                Map.of(), 1e-8, "< 1e-8");
        return out;
    }

    /** Seed 002: {@code init_toy_model('sigmoid')} and {@code init_toy_model('relu', std=1e-1)} on the toy data. */
    static List<Check> mlpToyChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        ToyData toy = ToyData.notebook(b);
        double reg = NotebookNumbers.MLP_TOY_REG;
        for (Activation a : Activation.values()) {
            String s = "TwoLayerMLP toy, " + a.label() + " (reg " + reg + ")";
            TwoLayerMLP net = new TwoLayerMLP(b, toyConfig(), a, new NumpyRandom(ToyData.MODEL_SEED));
            LossGrads lg = net.loss(toy.x(), toy.y(), reg);
            double printed = a == Activation.SIGMOID
                    ? NotebookNumbers.MLP_SIGMOID_TOY_LOSS
                    : NotebookNumbers.MLP_RELU_TOY_LOSS;
            out.add(new Check(s, "loss: |yours - " + printed + "|", Math.abs(lg.loss() - printed), 1e-12, "< 1e-12"));
            Map<String, Double> rel = relErrors(net, lg, () -> net.loss(toy.x(), toy.y(), reg).loss());
            if (a == Activation.SIGMOID) {
                // the notebook printed 2.0e-6 for b1 (sigmoid saturates: its gradients are tiny) and ~1e-8 or less elsewhere
                gradientChecks(out, s, rel, Map.of("b1", 1e-5), 1e-7, "< 1e-7");
            } else {
                gradientChecks(out, s, rel, Map.of(), 1e-8, "< 1e-8");
            }
        }
        return out;
    }

    /**
     * Seed 001's FullyConnectedNets "Implementation of a two-layer NN": {@code fc_net.TwoLayerNet} (here a
     * FullyConnectedNet with one hidden layer) with linspace parameters and inputs.
     */
    static List<Check> linspaceTwoLayerChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        String s = "nndl fc_net.TwoLayerNet with linspace parameters (N 3, D 5, H 50, C 7)";
        int n = 3;
        int d = 5;
        int h = 50;
        int c = 7;
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(h).inputDim(d).numClasses(c)
                .weightScale(1e-2).dtype(DType.FLOAT64), new NumpyRandom(0));
        model.params().get("W1").assign(b.fromArray(d, h, Linspace.of(-0.7, 0.3, d * h), DType.FLOAT64));
        model.params().get("b1").assign(b.fromArray(1, h, Linspace.of(-0.1, 0.9, h), DType.FLOAT64));
        model.params().get("W2").assign(b.fromArray(h, c, Linspace.of(-0.3, 0.4, h * c), DType.FLOAT64));
        model.params().get("b2").assign(b.fromArray(1, c, Linspace.of(-0.9, 0.1, c), DType.FLOAT64));
        Matrix x = b.fromArray(d, n, Linspace.of(-5.5, 4.5, n * d), DType.FLOAT64).transpose();
        int[] y = {0, 5, 1};
        out.add(new Check(s, "scores: sum |yours - notebook's|", sumAbsDiff(model.scores(x),
                NotebookNumbers.linspaceCorrectScores()), 1e-6, "< 1e-6"));
        model.setReg(0.0);
        out.add(new Check(s, "loss: |yours - " + NotebookNumbers.LINSPACE_CORRECT_LOSS + "|",
                Math.abs(model.loss(x, y).loss() - NotebookNumbers.LINSPACE_CORRECT_LOSS), 1e-10, "< 1e-10"));
        model.setReg(1.0);
        out.add(new Check(s, "loss, reg 1.0: |yours - " + NotebookNumbers.LINSPACE_CORRECT_LOSS_REG_1 + "|",
                Math.abs(model.loss(x, y).loss() - NotebookNumbers.LINSPACE_CORRECT_LOSS_REG_1), 1e-10, "< 1e-10"));
        for (double reg : new double[] {0.0, 0.7}) {
            model.setReg(reg);
            Map<String, Double> rel = relErrors(model, model.loss(x, y), () -> model.loss(x, y).loss());
            Map<String, Double> named = new LinkedHashMap<>();
            rel.forEach((name, e) -> named.put(name + " (reg " + reg + ")", e));
            gradientChecks(out, s, named, Map.of(), 1e-6, "< 1e-6");
        }
        return out;
    }

    /** The toy training runs: cs231n's {@code TwoLayerNet.train} and seed 002's {@code TwoLayerMLP.train}. */
    static List<Check> trainingChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        String s = "training on the toy data (final training loss)";
        ToyData toy = ToyData.notebook(b);
        // net = init_toy_model(): the minibatch draws follow the initialisation draws
        NumpyRandom rng = new NumpyRandom(ToyData.MODEL_SEED);
        TwoLayerNet net = new TwoLayerNet(b, toyConfig(), rng);
        double cs231n = net.train(toy.x(), toy.y(), toy.x(), toy.y(),
                TrainOptions.defaults().learningRate(1e-1).reg(5e-6).numIters(100), rng).finalLoss();
        out.add(new Check(s, "cs231n TwoLayerNet: |yours - " + NotebookNumbers.TOY_FINAL_TRAINING_LOSS + "|",
                Math.abs(cs231n - NotebookNumbers.TOY_FINAL_TRAINING_LOSS), 1e-12, "< 0.02, printed "
                        + g(NotebookNumbers.TOY_FINAL_TRAINING_LOSS)));
        for (Activation a : Activation.values()) {
            boolean sigmoid = a == Activation.SIGMOID;
            TwoLayerMLP mlp = new TwoLayerMLP(b, toyConfig(), a, new NumpyRandom(ToyData.MODEL_SEED));
            double loss = mlp.train(toy.x(), toy.y(), toy.x(), toy.y(), TrainOptions.defaults()
                    .learningRate(sigmoid ? 0.5 : 0.1).reg(1e-5).numIters(sigmoid ? 100 : 50), new NumpyRandom(0))
                    .finalLoss();
            double printed = sigmoid
                    ? NotebookNumbers.MLP_SIGMOID_FINAL_TRAINING_LOSS
                    : NotebookNumbers.MLP_RELU_FINAL_TRAINING_LOSS;
            out.add(new Check(s, "TwoLayerMLP " + a.label() + ": |yours - " + printed + "|", Math.abs(loss - printed),
                    1e-12, (sigmoid ? "≈ 0.1" : "< 0.02") + ", printed " + g(printed)));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** {@code rel_error(eval_numerical_gradient(f, param), grads[param])} for every parameter. */
    private static Map<String, Double> relErrors(Model model, LossGrads lg, DoubleSupplier f) {
        Map<String, Double> rel = new LinkedHashMap<>();
        for (String name : model.params().names()) {
            Matrix numeric = GradientCheck.evalNumericalGradient(f, model.params().get(name));
            rel.put(name, GradientCheck.relError(numeric, lg.grads().get(name)));
        }
        return rel;
    }

    private static void gradientChecks(List<Check> out, String section, Map<String, Double> rel,
            Map<String, Double> boundOf, double bound, String notebook) {
        rel.forEach((name, e) -> {
            double limit = boundOf.getOrDefault(name, bound);
            out.add(new Check(section, name + " max relative error (numeric vs analytic)", e, limit,
                    limit == bound ? notebook : "< " + String.format(Locale.ROOT, "%.0e", limit).replace("e-0", "e-")));
        });
    }

    /** {@code rel_error(eval_numerical_gradient_array(f, x, dout), analytic)}. */
    private static Check arrayCheck(String section, String name, Function<Matrix, Matrix> f, Matrix x,
            Matrix dout, Matrix analytic, String notebook) {
        double e = GradientCheck.relError(GradientCheck.evalNumericalGradientArray(f, x, dout), analytic);
        return new Check(section, name, e, 1e-8, notebook);
    }

    private static Matrix randn(Backend b, NumpyRandom rng, int rows, int cols) {
        return b.fromArray(rows, cols, rng.randn(rows * cols), DType.FLOAT64);
    }

    /** {@code np.sum(np.abs(scores - correct_scores))}. */
    private static double sumAbsDiff(Matrix m, double[][] expected) {
        double[] a = m.toArray();
        double[] e = Arrays.stream(expected).flatMapToDouble(Arrays::stream).toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - e[i]);
        }
        return s;
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
