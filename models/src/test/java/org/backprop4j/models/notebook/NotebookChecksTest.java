package org.backprop4j.models.notebook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.notebook.NotebookChecks.Check;
import org.backprop4j.models.notebook.NotebookChecks.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The notebooks' checks on the reference backend (the it-tests run them on every backend). */
class NotebookChecksTest {

    private static final Backend PURE = Backends.get("pure");
    private static final Report REPORT = NotebookChecks.run(PURE);

    @Test
    void everyCheckOfTheNotebooksPasses() {
        assertAll(REPORT.checks().stream().map(c -> (Executable) () -> assertTrue(c.passed(),
                c.section() + ": " + c.name() + " = " + c.value() + ", bound " + c.bound())));
    }

    @Test
    void theReportCoversEveryNotebookSection() {
        Map<String, Long> perSection = REPORT.checks().stream().collect(Collectors
                .groupingBy(c -> c.section().replaceAll(" \\(.*", ""), LinkedHashMap::new, Collectors.counting()));
        assertEquals(
                List.of("cs231n toy TwoLayerNet", "layers", "nndl toy TwoLayerNet, W1 stored", "TwoLayerMLP toy, relu",
                        "TwoLayerMLP toy, sigmoid", "nndl fc_net.TwoLayerNet with linspace parameters",
                        "training on the toy data"),
                List.copyOf(perSection.keySet()));
        // scores, loss and four gradients; 15 layer checks; the nndl toy as cs231n's; per MLP a loss and four
        // gradients; linspace scores, two losses, four gradients at two regs; three training runs
        assertEquals(List.of(6L, 15L, 6L, 5L, 5L, 11L, 3L), List.copyOf(perSection.values()));
    }

    @Test
    void theToyModelsOwnNumbersAreTheNotebooks() {
        double diff = 0;
        double[][] correct = NotebookNumbers.toyCorrectScores();
        for (int i = 0; i < correct.length; i++) {
            for (int j = 0; j < correct[i].length; j++) {
                diff += Math.abs(REPORT.scores()[i][j] - correct[i][j]);
            }
        }
        // the notebook: "The difference should be very small. We get < 1e-7"
        assertEquals(NotebookNumbers.TOY_SCORES_DIFFERENCE_PRINTED, diff, 1e-9);
        assertEquals(NotebookNumbers.TOY_CORRECT_LOSS, REPORT.loss(), 1e-12);
        assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(REPORT.grads().keySet()));
        assertEquals(4, REPORT.grads().get("W1").length, "W1 is (4, 10)");
        assertEquals(1, REPORT.grads().get("b1").length, "b1 is one row");
        REPORT.numericRelError().forEach((p, e) -> assertTrue(e < 1e-8, p + ": " + e));
    }

    @Test
    void otherSeedsKeepTheGradientChecksAndDropTheNotebooksNumbers() {
        Report r = NotebookChecks.run(PURE, 3, 4, 0.1);
        List<Check> toy = r.checks().stream().filter(c -> c.section().startsWith("cs231n toy")).toList();
        assertEquals(4, toy.size(), toy.toString());
        assertTrue(toy.stream().allMatch(c -> c.name().endsWith("(numeric vs analytic)") && c.passed()),
                toy.toString());
        assertTrue(Math.abs(r.loss() - NotebookNumbers.TOY_CORRECT_LOSS) > 1e-3, "another model: another loss");
    }

    @Test
    void aWrongGradientFailsExactlyTheChecksThatDependOnIt() {
        // relu_backward that forgets the mask: dx = dout
        Kernels forgetful = new Kernels() {
            @Override
            public Matrix reluBackward(Matrix dout, ReluCache cache) {
                return dout.copy();
            }
        };
        Backend broken = new Backend() {
            @Override
            public String name() {
                return "forgetful";
            }

            @Override
            public Matrix zeros(int rows, int cols, DType dtype) {
                return PURE.zeros(rows, cols, dtype);
            }

            @Override
            public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
                return PURE.fromArray(rows, cols, rowMajor, dtype);
            }

            @Override
            public Kernels kernels() {
                return forgetful;
            }
        };
        Report r = NotebookChecks.run(broken);
        assertFalse(r.passed());
        Set<String> failed = r.checks().stream().filter(c -> !c.passed()).map(Check::name).collect(Collectors.toSet());
        assertTrue(failed.contains("relu_backward dx error") && failed.contains("affine_relu_backward dw error"),
                failed.toString());
        assertTrue(r.checks().stream()
                .filter(c -> c.name().startsWith("affine_forward") || c.name().startsWith("sigmoid")
                        || c.name().startsWith("softmax") || c.name().startsWith("svm")
                        || c.name().startsWith("scores"))
                .allMatch(Check::passed), "forward passes and losses do not use relu_backward");
    }
}
