package org.backprop4j.models.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.kernel.Kernels;
import org.backprop4j.models.grader.mutants.BatchnormUnbiasedVariance;
import org.backprop4j.models.grader.mutants.BiasGradientOverAxis1;
import org.backprop4j.models.grader.mutants.DropoutIgnoringSeed;
import org.backprop4j.models.grader.mutants.DropoutWithDropProbability;
import org.backprop4j.models.grader.mutants.FlippedInputGradient;
import org.backprop4j.models.grader.mutants.GammaGradientOverAxis1;
import org.backprop4j.models.grader.mutants.NetWithDoubledRegularization;
import org.backprop4j.models.grader.mutants.NetWithHalfRegGradient;
import org.backprop4j.models.grader.mutants.NetWithNndlRegularization;
import org.backprop4j.models.grader.mutants.NetWithoutReluMask;
import org.backprop4j.models.grader.mutants.ReluMaskFromOutput;
import org.backprop4j.models.grader.mutants.SoftmaxWithoutOneOverN;
import org.backprop4j.models.grader.mutants.TransposedWeightGradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One mutant per common mistake: each fails its function with the blame that names the mistake. */
class MutantsTest {

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(new TransposedWeightGradient(), null, "affine_backward",
                        "dw is transposed: shape (5, 6), expected (6, 5)."),
                Arguments.of(new SoftmaxWithoutOneOverN(), null, "softmax_loss",
                        "dx is N = 50 times too large: the 1/N of the mean over the batch is missing."),
                Arguments.of(new FlippedInputGradient(), null, "affine_backward",
                        "sign flipped: dx is the negative of the correct dx."),
                Arguments.of(new BiasGradientOverAxis1(), null, "affine_backward",
                        "db is summed over axis 1 (over each sample's outputs), shape (10, 1): the bias gradient sums dout over the batch, np.sum(dout, axis=0), shape (1, 5)."),
                Arguments.of(new DropoutIgnoringSeed(), null, "dropout_forward",
                        "the mask is redrawn between calls: with dropout_param['seed'] set, reseed the generator (np.random.seed(seed)) before drawing, so that every call sees the same mask."),
                Arguments.of(new DropoutWithDropProbability(), null, "dropout_forward",
                        "p is read as the drop probability (at p = 0.25 the kept fraction is 0.75 or the scale 1/(1 - p)): dropout_param['p'] is the probability of keeping a unit, mask = (np.random.rand(*x.shape) < p) / p."),
                Arguments.of(new ReluMaskFromOutput(), null, "relu_backward",
                        "dx = dout everywhere: the mask lets every unit through, as (out >= 0) does for out = max(0, x); take the mask from the input, x > 0."),
                Arguments.of(new BatchnormUnbiasedVariance(), null, "batchnorm_forward",
                        "normalized with the unbiased variance (divided by N - 1, np.var(x, ddof=1)); batchnorm uses the biased one, np.var(x, axis=0), divided by N."),
                Arguments.of(new GammaGradientOverAxis1(), null, "batchnorm_backward",
                        "dgamma has shape (4, 1), expected (1, 5)."),
                Arguments.of(Kernels.DEFAULT, new NetWithNndlRegularization(), "TwoLayerNet.loss",
                        "loss adds 0.5 * reg * ΣW², the nndl / fc_net.py convention; this is cs231n's neural_net.py, whose loss adds reg * (np.sum(W1 * W1) + np.sum(W2 * W2)) (gradient 2 * reg * W)."),
                Arguments.of(Kernels.DEFAULT, new NetWithDoubledRegularization(), "TwoLayerNet.loss",
                        "loss adds 2 * reg * ΣW², twice the penalty; this is cs231n's neural_net.py, whose loss adds "
                                + "reg * (np.sum(W1 * W1) + np.sum(W2 * W2)) (gradient 2 * reg * W)."),
                Arguments.of(Kernels.DEFAULT, new NetWithHalfRegGradient(), "TwoLayerNet.loss",
                        "layer 2 (W2, b2: the scores' affine layer) is the first whose gradient is wrong, in backprop order: dW2 adds reg * W2, the gradient of the nndl / fc_net.py convention 0.5 * reg * ΣW²; cs231n's loss reg * ΣW² has the gradient 2 * reg * W2."),
                Arguments.of(Kernels.DEFAULT, new NetWithoutReluMask(), "TwoLayerNet.loss",
                        "layer 1 (W1, b1: the affine layer under the ReLU) is the first whose gradient is wrong, in backprop order: dW1 is wrong: rel_error 1.00 against the reference, worst at [2, 1]: yours 1.11, expected 0.00654."));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @MethodSource("mutants")
    void eachMistakeGetsItsBlame(Kernels kernels, TwoLayerNetLoss net, String function, String blame) {
        List<Exercise> one = Exercises.all().stream().filter(e -> e.function().equals(function)).toList();
        GradeReport r = new Grader(GraderTest.BACKEND, Duration.ofSeconds(60))
                .grade(new StudentCode(kernels, net == null ? new ReferenceSolution() : net, "mutant", true), one);
        FunctionGrade g = r.get(function);
        assertEquals(Status.FAIL, g.status(), g.toString());
        assertEquals(blame, g.blame());
    }

    @Test
    void theNotebooksLineSaysWrongShapeWhereItCannotCompare() {
        List<Exercise> one = Exercises.all().stream().filter(e -> e.function().equals("affine_backward")).toList();
        FunctionGrade g = new Grader(GraderTest.BACKEND, Duration.ofSeconds(60))
                .grade(new StudentCode(new TransposedWeightGradient(), null, "mutant", true), one)
                .get("affine_backward");
        assertEquals("Testing affine_backward function: dx error: 1.09e-10, dw error: wrong shape, db error: 7.74e-12",
                g.line());
    }
}
