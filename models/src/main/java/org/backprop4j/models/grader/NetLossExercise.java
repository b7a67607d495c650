package org.backprop4j.models.grader;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * cs231n's {@code TwoLayerNet.loss}: the two_layer_net notebook's toy model and data ({@code init_toy_model()},
 * {@code init_toy_data()}, {@code reg = 0.05}, {@code correct_loss = 1.30378789133}, gradient checks of W1, b1, W2,
 * b2), then other seeds and shapes, each against {@link TwoLayerNet}. A wrong gradient is blamed on the first layer
 * backprop reaches whose gradient is wrong (W2 and b2 before W1 and b1), with the regularization conventions named.
 */
final class NetLossExercise {

    /** The notebook's function name. */
    static final String FUNCTION = "TwoLayerNet.loss";

    /** Other seeds' (N, D, H, C) and reg. */
    private static final int[][] SHAPES = {{8, 6, 5, 4}, {5, 3, 7, 3}, {5, 5, 5, 5}};
    private static final double[] REGS = {0.1, 0.5, 1.0};

    private NetLossExercise() {
    }

    static Exercise.Outcome grade(StudentCode s, Backend b) {
        if (s.net() == null) {
            throw new UnsupportedOperationException(
                    "the jar lists no TwoLayerNetLoss in META-INF/services/" + TwoLayerNetLoss.class.getName());
        }
        Findings f = new Findings(FUNCTION, "");
        NumpyRandom rng = new NumpyRandom(ToyData.MODEL_SEED);
        TwoLayerNet net = new TwoLayerNet(b, TwoLayerNetConfig.of(ToyData.INPUT_SIZE, ToyData.HIDDEN_SIZE,
                ToyData.NUM_CLASSES).withStd(ToyData.MODEL_STD), rng);
        ToyData toy = ToyData.create(b, DType.FLOAT64, rng, ToyData.DATA_SEED);
        double reg = NotebookNumbers.TOY_REG;
        LossGrads student = s.net().loss(net.params().copy(), toy.x(), toy.y(), reg);
        f.notebook("difference between your loss and correct loss",
                Math.abs(student.loss() - NotebookNumbers.TOY_CORRECT_LOSS), 1e-12);
        for (String p : List.of("W2", "b2", "W1", "b1")) {
            Matrix numeric = GradientCheck.evalNumericalGradient(() -> net.loss(toy.x(), toy.y(), reg).loss(),
                    net.params().get(p));
            f.notebook(p + " max relative error", student.grads() == null || !student.grads().has(p)
                    ? Findings.WRONG_SHAPE
                    : Findings.relError(student.grads().get(p), numeric), 1e-8);
        }
        againstReference(f, net, toy.x(), toy.y(), reg, student);
        for (int i = 0; i < SHAPES.length; i++) {
            int[] s4 = SHAPES[i];
            NumpyRandom r = new NumpyRandom(Draws.OTHER_SEEDS[i]);
            f.on("seed " + Draws.OTHER_SEEDS[i] + ", N " + s4[0] + ", D " + s4[1] + ", H " + s4[2] + ", C " + s4[3]
                    + ", reg " + REGS[i]);
            TwoLayerNet ni = new TwoLayerNet(b, TwoLayerNetConfig.of(s4[1], s4[2], s4[3]).withStd(0.5), r);
            Matrix xi = Draws.randn(b, r, s4[0], s4[1], 2, 0);
            int[] yi = r.randintInt(s4[3], s4[0]);
            againstReference(f, ni, xi, yi, REGS[i], s.net().loss(ni.params().copy(), xi, yi, REGS[i]));
        }
        return f.outcome();
    }

    private static void againstReference(Findings f, TwoLayerNet net, Matrix x, int[] y, double reg,
            LossGrads student) {
        LossGrads ref = net.loss(x, y, reg);
        LossGrads data = net.loss(x, y, 0);
        int n = x.rows();
        Matrix w1 = net.params().get("W1");
        Matrix w2 = net.params().get("W2");
        double squares = w1.sumOfSquares() + w2.sumOfSquares();
        String cs231n = "; this is cs231n's neural_net.py, whose loss adds reg * (np.sum(W1 * W1) + np.sum(W2 * W2))"
                + " (gradient 2 * reg * W).";
        f.compare("loss", student.loss(), ref.loss(), x, n, List.of(
                Mistake.scalar("loss has no regularization term" + cs231n, x, data.loss()),
                Mistake.scalar("loss adds 0.5 * reg * ΣW², the nndl / fc_net.py convention" + cs231n, x,
                        data.loss() + 0.5 * reg * squares),
                Mistake.scalar("loss adds 2 * reg * ΣW², twice the penalty" + cs231n, x,
                        data.loss() + 2 * reg * squares),
                Mistake.scalar("the data loss is not divided by N = " + n + " (the softmax loss is the mean over the "
                        + "batch)", x, n * data.loss() + reg * squares)));
        for (String p : List.of("W2", "b2", "W1", "b1")) {
            Matrix grad = student.grads() == null || !student.grads().has(p) ? null : student.grads().get(p);
            String first = (p.endsWith("2")
                    ? "layer 2 (W2, b2: the scores' affine layer)"
                    : "layer 1 (W1, b1: the affine layer under the ReLU)")
                    + " is the first whose gradient is wrong, in backprop order: ";
            List<Mistake> known = new ArrayList<>();
            if (p.startsWith("W")) {
                Matrix w = net.params().get(p);
                Matrix dataGrad = data.grads().get(p);
                known.add(new Mistake("d" + p + " lacks the regularization gradient 2 * reg * " + p + ".", dataGrad));
                known.add(new Mistake("d" + p + " adds reg * " + p + ", the gradient of the nndl / fc_net.py "
                        + "convention 0.5 * reg * ΣW²; cs231n's loss reg * ΣW² has the gradient 2 * reg * " + p + ".",
                        dataGrad.add(w.scale(reg))));
                known.add(new Mistake("d" + p + " adds 4 * reg * " + p + ": the gradient of reg * ΣW² is "
                        + "2 * reg * " + p + ".", dataGrad.add(w.scale(4 * reg))));
            }
            if (grad == null) {
                f.blame(first + "grads has no '" + p + "'.");
                return;
            }
            if (f.compare(first, "d" + p, grad, ref.grads().get(p), n, known)) {
                return;
            }
        }
    }
}
