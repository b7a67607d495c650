package org.backprop4j.models.grader;

import static org.backprop4j.models.grader.Exercises.REFERENCE;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.LossResult;
import org.backprop4j.kernel.NonFiniteLossException;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.backprop4j.models.notebook.NotebookChecks;
import org.backprop4j.models.notebook.NotebookNumbers;
import org.backprop4j.random.NumpyRandom;

/**
 * {@code softmax_loss} and {@code svm_loss}: the notebook's "Loss layers" cell ({@code np.random.seed(231)},
 * {@code x = 0.001 * randn(50, 10)}, {@code y = randint(10, size=50)}), then other seeds with scores of size 1
 * (so that margins and probabilities vary) and, for softmax, scores of size 1000 (where an unshifted
 * {@code np.exp} overflows).
 */
final class LossExercises {

    /** Batch sizes and class counts of the other seeds. */
    private static final int[][] SHAPES = {{7, 4}, {5, 5}, {12, 3}};

    /** The notebook's loss is printed to 10 decimals. */
    private static final double PRINTED_LOSS_BOUND = 1e-10;

    private LossExercises() {
    }

    /** A loss function of {@link Kernels}: softmax or SVM. */
    private interface Loss {
        LossResult apply(Kernels k, Matrix x, int[] y);
    }

    static Exercise.Outcome softmaxLoss(StudentCode s, Backend b) {
        return grade(s, b, "softmax_loss", Kernels::softmaxLoss, NotebookNumbers.SOFTMAX_LOSS_PRINTED, 5e-8);
    }

    static Exercise.Outcome svmLoss(StudentCode s, Backend b) {
        return grade(s, b, "svm_loss", Kernels::svmLoss, NotebookNumbers.SVM_LOSS_PRINTED, 1e-8);
    }

    private static Exercise.Outcome grade(StudentCode s, Backend b, String name, Loss loss, double printed,
            double dxBound) {
        Kernels k = s.kernels();
        Findings f = new Findings(name, "");
        NumpyRandom rng = new NumpyRandom(NotebookChecks.LAYER_SEED);
        Matrix x = Draws.randn(b, rng, 50, 10);
        x.scalei(0.001);
        int[] y = rng.randintInt(10, 50);
        LossResult r = loss.apply(k, x, y);
        f.print("loss: " + r.loss());
        f.within("|loss - " + printed + "| (the notebook's loss)", Math.abs(r.loss() - printed), PRINTED_LOSS_BOUND);
        f.notebook("dx error", Findings.relError(r.dx(),
                GradientCheck.evalNumericalGradient(() -> loss.apply(REFERENCE, x, y).loss(), x)), dxBound);
        againstReference(f, name, loss, x, y, r);
        for (int i = 0; i < SHAPES.length; i++) {
            NumpyRandom ri = new NumpyRandom(Draws.OTHER_SEEDS[i]);
            f.on("seed " + Draws.OTHER_SEEDS[i] + ", scores " + SHAPES[i][0] + "x" + SHAPES[i][1]);
            Matrix xi = Draws.randn(b, ri, SHAPES[i][0], SHAPES[i][1]);
            int[] yi = ri.randintInt(SHAPES[i][1], SHAPES[i][0]);
            againstReference(f, name, loss, xi, yi, loss.apply(k, xi, yi));
        }
        if (name.equals("softmax_loss")) {
            NumpyRandom rl = new NumpyRandom(Draws.OTHER_SEEDS[0]);
            Matrix large = Draws.randn(b, rl, 6, 5, 1000, 0);
            int[] yl = rl.randintInt(5, 6);
            f.on("scores of size 1000");
            String overflow = "softmax_loss overflows on scores of size 1000: subtract each row's maximum before "
                    + "np.exp (the shifted, stable form).";
            try {
                LossResult big = loss.apply(k, large, yl);
                if (!Double.isFinite(big.loss()) || !big.dx().allFinite()) {
                    f.blame(overflow);
                }
                againstReference(f, name, loss, large, yl, big);
            } catch (NonFiniteLossException e) {
                f.blame(overflow);
            }
        }
        return f.outcome();
    }

    private static void againstReference(Findings f, String name, Loss loss, Matrix x, int[] y, LossResult r) {
        LossResult ref = loss.apply(REFERENCE, x, y);
        int n = x.rows();
        if (name.equals("softmax_loss")) {
            Matrix probsOverN = ref.dx().copy();
            probsOverN.addAt(y, 1.0 / n);
            f.compare("loss", r.loss(), ref.loss(), x, n, List.of());
            f.compare("dx", r.dx(), ref.dx(), n, List.of(new Mistake("dx is probs / N: the 1 of each sample's "
                    + "correct class is not subtracted (dx[np.arange(N), y] -= 1).", probsOverN)));
        } else {
            Matrix noCorrect = ref.dx().copy();
            noCorrect.setAt(y, 0.0);
            f.compare("loss", r.loss(), ref.loss(), x, n, List.of(Mistake.scalar("loss counts the correct class's "
                    + "margin (always 1): set margins[np.arange(N), y] = 0 before summing.", x, ref.loss() + 1)));
            f.compare("dx", r.dx(), ref.dx(), n, List.of(new Mistake("dx lacks the correct class's gradient: "
                    + "dx[np.arange(N), y] -= num_pos (the number of classes with a positive margin) is missing.",
                    noCorrect)));
        }
    }
}
