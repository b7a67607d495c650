package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.bench.ConvWorkload.ConvInputs;
import org.backprop4j.cli.bench.ConvWorkload.PoolInputs;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.gradcheck.GradientCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code numpy_conv_bench.py} runs the layers Java times, on the same numbers: its replies parse, each timed task
 * answers with positive nanoseconds, and the strided and reshape-trick results agree with the naive backend's
 * textbook loops on the tiny workload: in float64 to the notebook's {@code rel_error} below 1e-9 (it prints about
 * 1e-11 for fast against naive), in float32 normwise to 1e-5 (elementwise, a value near zero would lose every digit
 * to rounding). Runs only where python3
 * with NumPy is installed; skipped with the reason otherwise.
 */
class NumpyConvAgreementTest {

    private static final ConvWorkload WORKLOAD = ConvWorkload.named("tiny", ConvWorkload.NOTEBOOK_SEED);

    private static NumpyWorker worker;

    @BeforeAll
    static void startWorker() {
        try {
            worker = NumpyWorker.start("python3", 1, NumpyScript.CONV_FILES);
        } catch (NumpyWorker.Unavailable e) {
            Assumptions.abort("NumPy is not available, so numpy_conv_bench.py is not checked: " + e.getMessage());
        }
        Backend naive = Backends.get("naive");
        worker.setup(
                WORKLOAD.spec(WORKLOAD.convInputs(naive, DType.FLOAT64), WORKLOAD.poolInputs(naive, DType.FLOAT64)));
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void everyTaskIsTimedInBothDtypes() {
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (ConvOp op : ConvOp.values()) {
                assertTrue(worker.time(op.task(), null, dtype, 3) > 0, op + " " + dtype);
            }
        }
    }

    @Test
    void stridedConvolutionAgreesWithTheNaiveLoops() {
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            Kernels k = Backends.get("naive").kernels();
            ConvInputs c = WORKLOAD.convInputs(Backends.get("naive"), dtype);
            SpatialForward<ConvCache> fwd = k.convForwardNaive(c.x(), c.w(), c.b(), WORKLOAD.conv());
            assertAgree(Map.of("out", fwd.out().flatten()), worker.outputs("conv_forward", dtype), dtype);
            ConvGrads g = k.convBackwardNaive(c.dout(), fwd.cache());
            assertAgree(Map.of("dx", g.dx().flatten(), "dw", g.dw().flatten(), "db", g.db()),
                    worker.outputs("conv_backward", dtype), dtype);
        }
    }

    @Test
    void reshapeTrickPoolingAgreesWithTheNaiveLoops() {
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            Kernels k = Backends.get("naive").kernels();
            PoolInputs p = WORKLOAD.poolInputs(Backends.get("naive"), dtype);
            SpatialForward<PoolCache> fwd = k.maxPoolForwardNaive(p.x(), WORKLOAD.pool());
            assertAgree(Map.of("out", fwd.out().flatten()), worker.outputs("max_pool_forward", dtype), dtype);
            assertAgree(Map.of("dx", k.maxPoolBackwardNaive(p.dout(), fwd.cache()).flatten()),
                    worker.outputs("max_pool_backward", dtype), dtype);
        }
    }

    @Test
    void anUnknownTaskIsAnErrorThatNamesTheTasks() {
        WorkerReply.WorkerException e = assertThrows(WorkerReply.WorkerException.class,
                () -> worker.time("conv_sideways", null, DType.FLOAT64, 1));
        assertTrue(e.getMessage().contains("conv_sideways") && e.getMessage().contains("max_pool_backward"),
                e.getMessage());
    }

    private static void assertAgree(Map<String, Matrix> java, Map<String, WorkerReply.Array> numpy, DType dtype) {
        assertEquals(java.keySet(), numpy.keySet());
        java.forEach((name, m) -> {
            WorkerReply.Array a = numpy.get(name);
            assertArrayEquals(new int[] {m.rows(), m.cols()}, new int[] {a.rows(), a.cols()}, name + " shape");
            double[] expected = m.toArray();
            if (dtype == DType.FLOAT64) {
                double err = GradientCheck.relError(expected, a.data());
                assertTrue(err < 1e-9, name + " float64: rel_error " + err);
            } else {
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < expected.length; i++) {
                    diff += (expected[i] - a.data()[i]) * (expected[i] - a.data()[i]);
                    norm += expected[i] * expected[i];
                }
                assertTrue(norm > 0 && Math.sqrt(diff / norm) < 1e-5,
                        name + " float32: normwise error " + Math.sqrt(diff / norm));
            }
        });
    }
}
