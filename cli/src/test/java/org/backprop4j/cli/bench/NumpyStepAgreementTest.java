package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NumPy worker runs exactly the Java step: on the bench's own workload (default shapes) the
 * worker's loss and gradients of both iterations agree with the Java models' (the naive backend,
 * the textbook loops, as the reference) to 1e-12 normwise in float64, and each product it times is
 * the product Java times. Runs only where python3 with NumPy is installed; skipped with the reason
 * otherwise.
 */
class NumpyStepAgreementTest {

    private static final double TOLERANCE = 1e-12;
    private static final BenchWorkload WORKLOAD = new BenchWorkload(200, 3072, 100, 10, 0, new int[] {100, 100});

    private static NumpyWorker worker;

    @BeforeAll
    static void startWorker() {
        try {
            worker = NumpyWorker.start("python3", 1);
        } catch (NumpyWorker.Unavailable e) {
            Assumptions.abort("NumPy is not available, so the NumPy script is not checked: " + e.getMessage());
        }
        worker.setup(WORKLOAD);
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    private static Backend reference() {
        return Backends.get("naive");
    }

    @Test
    void theTwoLayerIterationsLossAndGradientsAgree() {
        BenchWorkload.Step step = WORKLOAD.twoLayer(reference(), DType.FLOAT64);
        assertAgree(step, worker.grads(StepBench.ITERATION, DType.FLOAT64), List.of("W1", "b1", "W2", "b2"));
    }

    @Test
    void theFullyConnectedIterationsLossAndGradientsAgree() {
        BenchWorkload.Step step = WORKLOAD.fc(reference(), DType.FLOAT64);
        assertAgree(step, worker.grads(StepBench.FC_ITERATION, DType.FLOAT64),
                List.of("W1", "b1", "W2", "b2", "W3", "b3"));
    }

    @Test
    void everyProductIsTheSameProduct() {
        BenchWorkload small = new BenchWorkload(7, 13, 5, 3, 4, new int[0]);
        worker.setup(small);
        try {
            for (StepProduct p : small.products()) {
                BenchWorkload.Operands ops = small.operands(reference(), DType.FLOAT64, p);
                ops.run();
                WorkerReply.Array out = worker.product(p.id(), DType.FLOAT64);
                assertEquals(p.m(), out.rows(), p.label());
                assertEquals(p.n(), out.cols(), p.label());
                assertTrue(relativeError(ops.out().toArray(), out.data()) <= TOLERANCE, p.label());
            }
        } finally {
            worker.setup(WORKLOAD);
        }
    }

    private static void assertAgree(BenchWorkload.Step step, WorkerReply.LossGrads numpy, List<String> names) {
        LossGrads java = step.model().loss(step.x(), step.y());
        assertEquals(names, List.copyOf(numpy.grads().keySet()), "the parameters, in the model's order");
        assertEquals(names, step.model().params().names());
        double lossError = Math.abs(java.loss() - numpy.loss()) / Math.abs(numpy.loss());
        assertTrue(lossError <= TOLERANCE, "loss " + java.loss() + " vs NumPy's " + numpy.loss());
        for (String name : names) {
            Matrix g = java.grads().get(name);
            WorkerReply.Array n = numpy.grads().get(name);
            assertEquals(g.size(), (long) n.rows() * n.cols(), name);
            double e = relativeError(g.toArray(), n.data());
            assertTrue(e <= TOLERANCE, "d" + name + ": relative error " + e);
        }
    }

    /** ‖a − b‖ / ‖b‖. */
    private static double relativeError(double[] a, double[] b) {
        assertEquals(b.length, a.length);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.sqrt(norm);
    }
}
