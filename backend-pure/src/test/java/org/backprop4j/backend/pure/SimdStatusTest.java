package org.backprop4j.backend.pure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.backprop4j.backend.array.ScalarLoops;
import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Which kernels {@code pure} runs. The build runs this module's tests twice (see its pom): with
 * {@code --add-modules jdk.incubator.vector}, where SIMD must be on, and without it, where the scalar fallback
 * must be chosen without touching the incubator API; {@code backprop4j.test.expectSimd} says which run this is,
 * so that neither path can be skipped unnoticed.
 */
class SimdStatusTest {

    private static boolean expectSimd() {
        String s = System.getProperty("backprop4j.test.expectSimd");
        assertNotNull(s, "the build sets backprop4j.test.expectSimd for each test run of backend-pure");
        return Boolean.parseBoolean(s);
    }

    @Test
    void theBuildRunsThePathItMeansToRun() {
        boolean module = ModuleLayer.boot().findModule(Simd.MODULE).isPresent();
        assertEquals(expectSimd(), module, "jdk.incubator.vector resolved in this run");
        PureBackend pure = new PureBackend();
        if (expectSimd()) {
            assertEquals(Simd.Status.ON, Simd.status(), Simd.describe());
            assertTrue(Simd.describe().startsWith("SIMD (Vector API, "), Simd.describe());
            assertTrue(pure.gemm().kernels().startsWith("SIMD"), pure.gemm().kernels());
        } else {
            assertEquals(Simd.Status.MODULE_ABSENT, Simd.status());
            assertEquals("scalar; run java with --add-modules jdk.incubator.vector for SIMD", Simd.describe());
            assertInstanceOf(BlockedGemm.class, pure.gemm());
            assertSame(ScalarLoops.INSTANCE, pure.loops());
        }
        assertTrue(new PureBackendProvider().description().contains(Simd.describe()),
                new PureBackendProvider().description());
    }

    /** Whichever path runs, the default backend computes what the textbook loops compute. */
    @Test
    void theDefaultBackendAgreesWithTheTextbookLoops() {
        PureBackend pure = new PureBackend();
        NaiveBackend naive = new NaiveBackend();
        Random rnd = new Random(4);
        for (DType dtype : DType.values()) {
            double[] x = rnd.doubles(37 * 300, -1, 1).toArray();
            double[] w = rnd.doubles(300 * 45, -1, 1).toArray();
            Matrix got = pure.fromArray(37, 300, x, dtype).dot(pure.fromArray(300, 45, w, dtype));
            Matrix want = naive.fromArray(37, 300, x, dtype).dot(naive.fromArray(300, 45, w, dtype));
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
            for (int i = 0; i < 37; i++) {
                for (int j = 0; j < 45; j++) {
                    assertEquals(want.get(i, j), got.get(i, j), tol * 300, dtype + " (" + i + ", " + j + ")");
                }
            }
            Matrix h = got.map(UnaryOp.RELU);
            assertEquals(naive.fromArray(37, 45, want.toArray(), dtype).map(UnaryOp.RELU)
                    .sumOfSquares(), h.sumOfSquares(), tol * h.sumOfSquares());
        }
    }

    @Test
    void thePropertyForcesScalarAndMustBeTrueOrFalse() {
        assertEquals(Simd.Status.OFF_BY_PROPERTY, Simd.detect("false", true).status);
        assertEquals(Simd.Status.OFF_BY_PROPERTY, Simd.detect(" FALSE ", true).status);
        assertEquals(Simd.Status.MODULE_ABSENT, Simd.detect("true", false).status);
        assertEquals(Simd.Status.MODULE_ABSENT, Simd.detect(null, false).status);
        Simd.State bad = Simd.detect("maybe", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::parts);
        assertEquals("system property backprop4j.pure.simd must be true or false, got 'maybe'.", e.getMessage());
        if (expectSimd()) {
            assertEquals(Simd.Status.ON, Simd.detect("true", true).status);
            assertEquals(Simd.Status.ON, Simd.detect("", true).status);
        }
    }
}
