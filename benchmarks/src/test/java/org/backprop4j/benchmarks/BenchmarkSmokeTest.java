package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.conformance.compare.Compare;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.cli.bench.StepProduct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fast smoke test, not a benchmark: each benchmark method runs once on tiny shapes on the two
 * backends of backend-pure, so that `mvn verify` proves the states set up and the methods run.
 */
class BenchmarkSmokeTest {

    @ParameterizedTest
    @CsvSource({"naive,float64", "naive,float32", "pure,float64", "pure,float32"})
    void everyProductRunsOnTinyShapes(String backend, String dtype) {
        for (StepProduct p : StepProduct.twoLayerNet(3, 5, 4, 2)) {
            MatmulBenchmark b = new MatmulBenchmark();
            b.backend = backend;
            b.dtype = dtype;
            b.product = p.id();
            b.n = 3;
            b.d = 5;
            b.h = 4;
            b.c = 2;
            b.setUp();
            Matrix out = b.gemm();
            assertEquals(p.m(), out.rows(), p.id());
            assertEquals(p.n(), out.cols(), p.id());
            assertTrue(out.allFinite(), p.id());
        }
    }

    @ParameterizedTest
    @CsvSource({"naive,float64,two-layer", "pure,float32,two-layer", "naive,float64,fc", "pure,float32,fc"})
    void aTrainingIterationRunsAndTheLossStaysFinite(String backend, String dtype, String model) {
        IterationBenchmark b = new IterationBenchmark();
        b.backend = backend;
        b.dtype = dtype;
        b.model = model;
        b.hidden = "4,3";
        b.n = 3;
        b.d = 5;
        b.h = 4;
        b.c = 2;
        b.reg = 0.25;
        b.learningRate = 1e-5;
        b.setUp();
        double first = b.iteration();
        double second = b.iteration();
        assertTrue(Double.isFinite(first) && Double.isFinite(second), first + ", " + second);
        // a C-class softmax of near-zero scores starts at about ln C
        assertEquals(Math.log(2), first, 0.05, model);
    }

    @ParameterizedTest
    @CsvSource({"naive,float64", "pure,float64", "pure,float32"})
    void everyElementwisePassRuns(String backend, String dtype) {
        for (String pass : new String[] {"bias_relu", "relu_backward", "softmax_loss", "l2", "sgd", "sgd_momentum",
                "rmsprop", "adam"}) {
            ElementwiseBenchmark b = new ElementwiseBenchmark();
            b.backend = backend;
            b.dtype = dtype;
            b.pass = pass;
            b.n = 3;
            b.d = 5;
            b.h = 4;
            b.c = 2;
            b.reg = 0.25;
            b.learningRate = 1e-3;
            b.setUp();
            double first = b.run();
            double second = b.run();
            assertTrue(Double.isFinite(first) && Double.isFinite(second), pass + ": " + first + ", " + second);
            if (pass.equals("sgd") || pass.equals("sgd_momentum") || pass.equals("rmsprop") || pass.equals("adam")) {
                assertTrue(first != second, pass + " moves W1 at every update");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "3"})
    void anEpochWithAndWithoutDiagnosticsRuns(int every) {
        DiagnosticsBenchmark b = new DiagnosticsBenchmark();
        b.backend = "pure";
        b.diagEvery = every;
        b.rows = 400;
        b.d = 6;
        b.h = 5;
        b.data();
        b.solver();
        DiagnosticsBenchmark.Cpu cpu = new DiagnosticsBenchmark.Cpu();
        double loss = b.epoch(cpu);
        assertTrue(cpu.cpuMillis >= 0,
                "CPU time (at the clock's granularity, 0 for so small an epoch): " + cpu.cpuMillis);
        // 10 classes of random labels: the loss stays near ln 10 after 4 small steps
        assertEquals(Math.log(10), loss, 0.2, "diagEvery " + every);
    }

    @ParameterizedTest
    @CsvSource({"naive,float64", "pure,float64", "pure,float32"})
    void everyConvLayerRunsAtTheNotebookShapeAndFastAgreesWithNaive(String backend, String dtype) {
        // the layer's result and the shape (rows, columns) of the matrix the notebook's result flattens to
        record Expected(String op, int rows, int cols) {
        }
        double bound = dtype.equals("float64") ? 1e-12 : 1e-4;
        for (Expected e : new Expected[] {new Expected("conv_forward", 100, 25 * 16 * 16),
                new Expected("conv_backward", 100, 3 * 31 * 31), new Expected("max_pool_forward", 100, 3 * 16 * 16),
                new Expected("max_pool_backward", 100, 3 * 32 * 32)}) {
            Matrix naive = convLayer(backend, dtype, "naive", e.op());
            Matrix fast = convLayer(backend, dtype, "fast", e.op());
            assertEquals(e.rows(), fast.rows(), e.op());
            assertEquals(e.cols(), fast.cols(), e.op());
            assertTrue(fast.allFinite(), e.op());
            double[] a = naive.toArray();
            assertTrue(Compare.maxAbs(a) > 0, e.op() + ": an all-zero result says nothing");
            double diff = Compare.normwise(a, fast.toArray());
            assertTrue(diff <= bound, e.op() + ": fast differs from naive by " + diff + " of the largest value");
        }
    }

    /** One call of ConvBenchmark's layer: out of a forward pass, dx of a backward pass. */
    private static Matrix convLayer(String backend, String dtype, String impl, String op) {
        ConvBenchmark b = new ConvBenchmark();
        b.backend = backend;
        b.dtype = dtype;
        b.impl = impl;
        b.op = op;
        b.setUp();
        Object result = b.layer();
        if (result instanceof SpatialForward<?> f) {
            return f.out().matrix();
        }
        if (result instanceof ConvGrads g) {
            return g.dx().matrix();
        }
        if (result instanceof Tensor t) {
            return t.matrix();
        }
        throw new AssertionError(op + " returned " + result);
    }
}
