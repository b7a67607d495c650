package org.backprop4j.cli.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.toy.ToyData;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.AffineGrads;
import org.backprop4j.kernel.AffineReluCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.kernel.SigmoidCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Linspace;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * The notebooks' sanity checks, run on one backend: the cs231n toy model (scores, loss, numeric
 * gradient checks of W1, b1, W2, b2) and the layer checks of the modular-layers notebook.
 */
public final class NotebookChecks {

    /** The toy model's scores printed by the notebook (seed 0 model, seed 1 data). */
    public static final double[][] CORRECT_SCORES = {
        {-0.81233741, -1.27654624, -0.70335995},
        {-0.17129677, -1.18803311, -0.47310444},
        {-0.51590475, -1.01354314, -0.8504215},
        {-0.15419291, -0.48629638, -0.52901952},
        {-0.00618733, -0.12435261, -0.15226949}};
    /** The toy model's loss with reg = 0.05 printed by the notebook. */
    public static final double CORRECT_LOSS = 1.30378789133;
    /** The affine_forward linspace check's {@code correct_out}. */
    public static final double[][] CORRECT_AFFINE_OUT = {
        {1.49834967, 1.70660132, 1.91485297},
        {3.25553199, 3.5141327, 3.77273342}};
    /** The seed with which the layer checks draw their random inputs. */
    public static final long LAYER_SEED = 231;

    private NotebookChecks() {
    }

    /** One line of the report: a named quantity, its value and the bound the notebook expects. */
    public record Check(String section, String name, double value, double bound, String boundText) {
        /** Whether the value is within the bound. */
        public boolean passed() {
            return value <= bound;
        }
    }

    /**
     * What the toy-model check computes.
     *
     * @param scores          the scores, (5, 3)
     * @param loss            the loss with the given reg
     * @param grads           analytic gradients in order W1, b1, W2, b2 (biases as one row)
     * @param numericRelError {@code rel_error(numeric, analytic)} per parameter
     * @param checks          the rows of the report
     */
    public record Report(double[][] scores, double loss, Map<String, double[][]> grads,
                         Map<String, Double> numericRelError, List<Check> checks) {
        /** Whether every check passed. */
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    /** Runs every check on {@code backend} in float64. */
    public static Report run(Backend backend, long modelSeed, long dataSeed, double reg) {
        List<Check> checks = new ArrayList<>();
        NumpyRandom rng = new NumpyRandom(modelSeed);
        TwoLayerNet net = new TwoLayerNet(backend, TwoLayerNetConfig.cs231n(ToyData.INPUT_SIZE, ToyData.HIDDEN_SIZE,
                ToyData.NUM_CLASSES).withStd(1e-1), rng);
        ToyData toy = ToyData.create(backend, DType.FLOAT64, rng, dataSeed);
        Matrix scores = net.scores(toy.x());
        LossGrads lg = net.loss(toy.x(), toy.y(), reg);
        boolean notebookSetup = modelSeed == ToyData.MODEL_SEED && dataSeed == ToyData.DATA_SEED;
        String toySection = "toy model (model seed " + modelSeed + ", data seed " + dataSeed + ", reg " + reg + ")";
        if (notebookSetup) {
            checks.add(new Check(toySection, "scores: sum |yours - notebook's|", sumAbsDiff(scores.toRows(),
                    CORRECT_SCORES), 1e-7, "< 1e-7"));
            if (reg == 0.05) {
                checks.add(new Check(toySection, "loss " + lg.loss() + ": |yours - 1.30378789133|",
                        Math.abs(lg.loss() - CORRECT_LOSS), 1e-12, "< 1e-12"));
            }
        }
        Map<String, double[][]> grads = new LinkedHashMap<>();
        Map<String, Double> rel = new LinkedHashMap<>();
        for (String name : net.params().names()) {
            Matrix analytic = lg.grads().get(name);
            grads.put(name, analytic.toRows());
            Matrix numeric = GradientCheck.evalNumericalGradient(() -> net.loss(toy.x(), toy.y(), reg).loss(),
                    net.params().get(name));
            double e = GradientCheck.relError(numeric, analytic);
            rel.put(name, e);
            checks.add(new Check(toySection, name + " max relative error (numeric vs analytic)", e, 1e-8, "< 1e-8"));
        }
        checks.addAll(layerChecks(backend));
        return new Report(scores.toRows(), lg.loss(), grads, rel, checks);
    }

    /**
     * The modular-layers notebook's checks. As in cs231n's notebook, every check reseeds the generator
     * with {@link #LAYER_SEED} before drawing its inputs, so the errors printed are the notebook's.
     */
    static List<Check> layerChecks(Backend b) {
        List<Check> out = new ArrayList<>();
        Kernels k = b.kernels();
        NumpyRandom rng = new NumpyRandom(LAYER_SEED);
        String s = "layers (each check draws from np.random.seed(" + LAYER_SEED + "))";

        // affine_forward with the notebook's linspace inputs: x (2, 120), w (120, 3), b (3)
        Matrix x = b.fromArray(2, 120, Linspace.of(-0.1, 0.5, 240), DType.FLOAT64);
        Matrix w = b.fromArray(120, 3, Linspace.of(-0.2, 0.3, 360), DType.FLOAT64);
        Matrix bias = b.fromArray(1, 3, Linspace.of(-0.3, 0.1, 3), DType.FLOAT64);
        Matrix out1 = k.affineForward(x, w, bias).out();
        out.add(new Check(s, "affine_forward: rel_error vs correct_out", GradientCheck.relError(out1.toArray(),
                flatten(CORRECT_AFFINE_OUT)), 1e-8, "≈ 1e-9"));

        // affine_backward: x as the notebook's randn(10, 2, 3), flattened to (10, 6)
        rng.seed(LAYER_SEED);
        Matrix ax = randn(b, rng, 10, 6);
        Matrix aw = randn(b, rng, 6, 5);
        Matrix ab = randn(b, rng, 1, 5);
        Matrix adout = randn(b, rng, 10, 5);
        Forward<AffineCache> af = k.affineForward(ax, aw, ab);
        AffineGrads ag = k.affineBackward(adout, af.cache());
        out.add(new Check(s, "affine_backward dx error", GradientCheck.relError(GradientCheck.evalNumericalGradientArray(
                m -> k.affineForward(m, aw, ab).out(), ax, adout), ag.dx()), 1e-8, "≈ 1e-10"));
        out.add(new Check(s, "affine_backward dw error", GradientCheck.relError(GradientCheck.evalNumericalGradientArray(
                m -> k.affineForward(ax, m, ab).out(), aw, adout), ag.dw()), 1e-8, "≈ 1e-10"));
        out.add(new Check(s, "affine_backward db error", GradientCheck.relError(GradientCheck.evalNumericalGradientArray(
                m -> k.affineForward(ax, aw, m).out(), ab, adout), ag.db()), 1e-8, "≈ 1e-10"));

        // relu_backward
        rng.seed(LAYER_SEED);
        Matrix rx = randn(b, rng, 10, 10);
        Matrix rdout = randn(b, rng, 10, 10);
        Forward<ReluCache> rf = k.reluForward(rx);
        out.add(new Check(s, "relu_backward dx error", GradientCheck.relError(GradientCheck.evalNumericalGradientArray(
                m -> k.reluForward(m).out(), rx, rdout), k.reluBackward(rdout, rf.cache())), 1e-8, "≈ 1e-12"));

        // sigmoid_backward
        rng.seed(LAYER_SEED);
        Matrix sx = randn(b, rng, 10, 10);
        Matrix sdout = randn(b, rng, 10, 10);
        Forward<SigmoidCache> sf = k.sigmoidForward(sx);
        out.add(new Check(s, "sigmoid_backward dx error", GradientCheck.relError(
                GradientCheck.evalNumericalGradientArray(m -> k.sigmoidForward(m).out(), sx, sdout),
                k.sigmoidBackward(sdout, sf.cache())), 1e-8, "≈ 1e-11"));

        // affine_relu_backward: x as the notebook's randn(2, 3, 4), flattened to (2, 12)
        rng.seed(LAYER_SEED);
        Matrix fx = randn(b, rng, 2, 12);
        Matrix fw = randn(b, rng, 12, 10);
        Matrix fb = randn(b, rng, 1, 10);
        Matrix fdout = randn(b, rng, 2, 10);
        Forward<AffineReluCache> ff = k.affineReluForward(fx, fw, fb);
        AffineGrads fg = k.affineReluBackward(fdout, ff.cache());
        out.add(new Check(s, "affine_relu_backward dx error", GradientCheck.relError(
                GradientCheck.evalNumericalGradientArray(m -> k.affineReluForward(m, fw, fb).out(), fx, fdout), fg.dx()),
                1e-8, "≈ 1e-10"));
        out.add(new Check(s, "affine_relu_backward dw error", GradientCheck.relError(
                GradientCheck.evalNumericalGradientArray(m -> k.affineReluForward(fx, m, fb).out(), fw, fdout), fg.dw()),
                1e-8, "≈ 1e-10"));
        out.add(new Check(s, "affine_relu_backward db error", GradientCheck.relError(
                GradientCheck.evalNumericalGradientArray(m -> k.affineReluForward(fx, fw, m).out(), fb, fdout), fg.db()),
                1e-8, "≈ 1e-10"));

        // softmax and SVM losses on 0.001-scaled scores
        rng.seed(LAYER_SEED);
        Matrix lx = randn(b, rng, 50, 10);
        lx.scalei(0.001);
        int[] ly = rng.randintInt(10, 50);
        LossResult soft = k.softmaxLoss(lx, ly);
        out.add(new Check(s, "softmax_loss: |loss - log(10)| (loss " + soft.loss() + ")",
                Math.abs(soft.loss() - Math.log(10)), 1e-2, "loss ≈ 2.3"));
        out.add(new Check(s, "softmax_loss dx error", GradientCheck.relError(GradientCheck.evalNumericalGradient(
                () -> k.softmaxLoss(lx, ly).loss(), lx), soft.dx()), 1e-7, "≈ 1e-8"));
        LossResult svm = k.svmLoss(lx, ly);
        out.add(new Check(s, "svm_loss: |loss - 9| (loss " + svm.loss() + ")", Math.abs(svm.loss() - 9), 1e-1,
                "loss ≈ 9"));
        out.add(new Check(s, "svm_loss dx error", GradientCheck.relError(GradientCheck.evalNumericalGradient(
                () -> k.svmLoss(lx, ly).loss(), lx), svm.dx()), 1e-8, "≈ 1e-9"));
        return out;
    }

    private static Matrix randn(Backend b, NumpyRandom rng, int rows, int cols) {
        return b.fromArray(rows, cols, rng.randn(rows * cols), DType.FLOAT64);
    }

    private static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double sumAbsDiff(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += Math.abs(a[i][j] - b[i][j]);
            }
        }
        return s;
    }
}
