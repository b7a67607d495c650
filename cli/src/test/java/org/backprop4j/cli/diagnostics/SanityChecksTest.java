package org.backprop4j.cli.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;
import org.junit.jupiter.api.Test;

/** The notes' sanity rules, each one line, on snapshots made up here with the numbers each rule looks at. */
class SanityChecksTest {

    private final StringWriter text = new StringWriter();
    private final SanityChecks checks = new SanityChecks(new PrintWriter(text), 10, 4, "0.1", "1e-2");

    private static Snapshot snap(int iteration, double ratioW1, double ratioW2, double inactive, String activation) {
        boolean end = iteration % 4 == 0;
        return new Snapshot(iteration, iteration / 4, end,
                List.of(new ParamStats("W1", 1, ratioW1, 1), new ParamStats("b1", 1, 0.5, 1),
                        new ParamStats("W2", 1, ratioW2, 1)),
                List.of(new LayerStats(1, activation, 0.1, 0.1, inactive, 1, null)));
    }

    private List<String> lines() {
        return text.toString().isEmpty() ? List.of() : List.of(text.toString().split("\n"));
    }

    @Test
    void aHealthyRunIsNotFlagged() {
        checks.onIteration(1, 40, 2.31, 0, 0);
        for (int it = 1; it <= 8; it++) {
            checks.accept(snap(it, 1e-3, 2e-3, 0.1, "relu"));
        }
        assertEquals(List.of(), lines());
    }

    @Test
    void theMedianRatioOfTheFirstIterationsIsFlaggedOnceEachWay() {
        // W1's median over iterations 1..4 (the first epoch) is 2.5e-1, W2's 5e-5; one outlier does not move a median
        double[] w1 = {3e-1, 4e-1, 1e-3, 2e-1};
        for (int it = 1; it <= 4; it++) {
            checks.accept(snap(it, w1[it - 1], 5e-5, 0.1, "relu"));
        }
        for (int it = 5; it <= 12; it++) {
            checks.accept(snap(it, 1, 1e-9, 0.1, "relu")); // later iterations are not checked again
        }
        assertEquals(List.of("hint: the update:weight ratio ‖ΔW‖/‖W‖ of the first iterations is above 1e-1 "
                + "(W1 2.5e-01), where the notes aim at about 1e-3: the learning rate may be too high; try a smaller "
                + "--lr than 0.1.",
                "hint: the update:weight ratio ‖ΔW‖/‖W‖ of the first iterations is below 1e-4 (W2 5.0e-05), where the "
                        + "notes aim at about 1e-3: the learning rate may be too low; try a larger --lr than 0.1."),
                lines());
    }

    @Test
    void moreThanHalfTheReluDeadAfterTheFirstEpochIsFlagged() {
        for (int it = 1; it <= 8; it++) {
            checks.accept(snap(it, 1e-3, 1e-3, it == 4 ? 0.625 : 0.9, "relu"));
        }
        assertEquals(List.of("hint: after the first epoch 63% of the ReLUs of hidden layer 1 are dead (zero on a whole "
                + "minibatch): they no longer learn; try a smaller --lr than 0.1."), lines());
    }

    @Test
    void halfDeadIsNotMoreThanHalfAndSaturatedSigmoidsAreNamedAsSuch() {
        checks.accept(snap(4, 1e-3, 1e-3, 0.5, "relu"));
        assertEquals(List.of(), lines());
        SanityChecks sigmoid = new SanityChecks(new PrintWriter(text), 10, 4, "0.1", "1e-2");
        sigmoid.accept(snap(4, 1e-3, 1e-3, 0.8, "sigmoid"));
        assertEquals(
                List.of("hint: after the first epoch 80% of the sigmoid activations of hidden layer 1 are saturated "
                        + "(below 0.05 or above 0.95): their gradients vanish; try a smaller --lr than 0.1 or a smaller "
                        + "--weight-scale than 1e-2."),
                lines());
    }

    @Test
    void aFirstLossFarAboveLnCIsFlagged() {
        checks.onIteration(1, 40, 2.31, 0, 0); // ln(10) = 2.3026
        checks.onIteration(2, 40, 99, 0, 0); // only the first loss is the initial one
        assertEquals(List.of(), lines());
        checks.onIteration(1, 40, 3.5, 0, 0);
        assertEquals(List.of("hint: the first loss, 3.500, is far above ln(10) = 2.3026, the loss of a model that has "
                + "learned nothing: the initial weights are too large for this data; try a smaller --weight-scale "
                + "than 1e-2."), lines());
    }
}
