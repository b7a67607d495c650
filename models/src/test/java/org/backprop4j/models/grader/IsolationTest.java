package org.backprop4j.models.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.grader.mutants.AllocatingKernels;
import org.backprop4j.models.grader.mutants.SleepingKernels;
import org.backprop4j.models.grader.mutants.ThrowingKernels;
import org.junit.jupiter.api.Test;

/**
 * A function that throws, does not return, runs out of memory or is not written gets its own line, and every
 * other function is still graded (and passes: these students got the rest right).
 */
class IsolationTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private static GradeReport grade(Kernels kernels) {
        return grade(kernels, LIMIT);
    }

    private static GradeReport grade(Kernels kernels, Duration limit) {
        return new Grader(GraderTest.BACKEND, limit)
                .grade(new StudentCode(kernels, new ReferenceSolution(), "test", true));
    }

    private static void onlyThisOneFails(GradeReport r, String function, Status status) {
        for (FunctionGrade g : r.grades()) {
            assertEquals(g.function().equals(function) ? status : Status.PASS, g.status(), g.toString());
        }
    }

    @Test
    void aThrowingFunctionIsAnErrorNamingTheStudentsLine() {
        GradeReport r = grade(new ThrowingKernels());
        onlyThisOneFails(r, "relu_backward", Status.ERROR);
        assertEquals("threw ArrayIndexOutOfBoundsException: Index 100 out of bounds for length 100 "
                + "(at ThrowingKernels.java:14, in reluBackward).", r.get("relu_backward").blame());
    }

    @Test
    void aFunctionThatDoesNotReturnTimesOutWithinTheLimit() {
        long start = System.nanoTime();
        GradeReport r = grade(new SleepingKernels());
        double seconds = (System.nanoTime() - start) / 1e9;
        onlyThisOneFails(r, "relu_forward", Status.TIMEOUT);
        assertEquals("did not return within the time limit of 2.00 s (an endless loop?); left running, the other "
                + "functions are graded.", r.get("relu_forward").blame());
        double limit = LIMIT.toMillis() / 1e3;
        assertTrue(r.get("relu_forward").seconds() >= limit && r.get("relu_forward").seconds() < limit + 1,
                r.get("relu_forward").toString());
        // the other ten took about a second
        assertTrue(seconds < limit + 30, "grading took " + seconds + " s");
    }

    @Test
    void aFunctionThatRunsOutOfMemoryIsReportedAndTheRestGraded() {
        // the JVM collects garbage in full before it gives up on the 16 GB: seconds on a busy machine
        GradeReport r = grade(new AllocatingKernels(), Duration.ofSeconds(60));
        onlyThisOneFails(r, "softmax_loss", Status.OUT_OF_MEMORY);
        assertTrue(r.get("softmax_loss").blame().startsWith("ran out of memory ("), r.get("softmax_loss").blame());
    }

    @Test
    void aFunctionNotWrittenYetIsTodo() {
        GradeReport r = grade(new Kernels() {
            @Override
            public Forward<AffineCache> affineForward(Matrix x, Matrix w, Matrix b) {
                throw new UnsupportedOperationException("TODO: affine_forward");
            }
        });
        onlyThisOneFails(r, "affine_forward", Status.TODO);
        assertEquals("not written yet", r.get("affine_forward").blame());
        assertEquals(null, r.get("affine_forward").line());
    }

    @Test
    void aMissingNetIsTodo() {
        GradeReport r = new Grader(GraderTest.BACKEND, LIMIT)
                .grade(new StudentCode(Kernels.DEFAULT, null, "test", true));
        onlyThisOneFails(r, "TwoLayerNet.loss", Status.TODO);
    }
}
