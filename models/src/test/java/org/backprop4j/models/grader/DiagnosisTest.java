package org.backprop4j.models.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** The generic blames, on hand-made matrices. */
class DiagnosisTest {

    private static Matrix m(double[][] rows) {
        return GraderTest.BACKEND.fromRows(rows, DType.FLOAT64);
    }

    private static final Matrix REF = m(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}});

    @Test
    void roundingIsNoMistake() {
        assertNull(Diagnosis.blame("dx", m(new double[][] {{1 + 1e-15, 2, 3}, {4, 5, 6}, {7, 8, 10}}), REF, 3,
                List.of()));
    }

    @Test
    void eachGenericMistakeHasItsSentence() {
        assertEquals("dx is transposed (the transpose of the correct dx).",
                Diagnosis.blame("dx", REF.transpose(), REF, 3, List.of()));
        assertEquals("sign flipped: dx is the negative of the correct dx.",
                Diagnosis.blame("dx", REF.scale(-1), REF, 3, List.of()));
        assertEquals("dx is N = 3 times too large: the 1/N of the mean over the batch is missing.",
                Diagnosis.blame("dx", REF.scale(3), REF, 3, List.of()));
        assertEquals("dx is N = 3 times too small: it was divided by N once too often.",
                Diagnosis.blame("dx", REF.scale(1 / 3.0), REF, 3, List.of()));
        assertEquals("dx is off by a constant factor: 0.500 times the correct dx.",
                Diagnosis.blame("dx", REF.scale(0.5), REF, 3, List.of()));
        assertEquals("dx holds NaN or infinite values.",
                Diagnosis.blame("dx", m(new double[][] {{1, 2, 3}, {4, Double.NaN, 6}, {7, 8, 10}}), REF, 3,
                        List.of()));
        assertEquals("dx has shape (1, 3), expected (3, 3).", Diagnosis.blame("dx", REF.sum(0), REF, 3, List.of()));
        assertEquals("dx is null; expected shape (3, 3).", Diagnosis.blame("dx", null, REF, 3, List.of()));
        // rel_error = abs(3.5 - 10) / (3.5 + 10) = 0.481
        assertEquals("dx is wrong: rel_error 0.481 against the reference, worst at [2, 2]: yours 3.50, expected 10.0.",
                Diagnosis.blame("dx", m(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 3.5}}), REF, 3, List.of()));
    }

    @Test
    void aKnownMistakeComesBeforeTheGenericSentence() {
        Matrix rows = REF.sum(1);
        assertEquals("summed over the wrong axis.", Diagnosis.blame("db", rows, REF.sum(0), 3,
                List.of(new Mistake("summed over the wrong axis.", rows))));
        assertEquals("db is transposed: shape (3, 1), expected (1, 3).",
                Diagnosis.blame("db", REF.sum(0).transpose(), REF.sum(0), 3, List.of()));
    }
}
