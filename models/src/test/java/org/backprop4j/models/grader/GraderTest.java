package org.backprop4j.models.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** The reference passes, with the notebooks' printed numbers on its lines. */
class GraderTest {

    static final Backend BACKEND = Backends.get("pure");

    static GradeReport grade(Kernels kernels, TwoLayerNetLoss net) {
        return new Grader(BACKEND, Duration.ofSeconds(60)).grade(new StudentCode(kernels, net, "test", true));
    }

    @Test
    void theReferencePassesEveryFunction() {
        GradeReport r = new Grader(BACKEND, Duration.ofSeconds(60)).grade(ReferenceSolution.code());
        assertTrue(r.passed(), r.toString());
        assertEquals(11, r.grades().size());
        assertEquals("Testing affine_forward function: difference: 9.77e-10", r.get("affine_forward").line());
    }
}
