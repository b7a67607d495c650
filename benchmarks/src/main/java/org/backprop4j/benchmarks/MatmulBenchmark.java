package org.backprop4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.cli.bench.StepProduct;
import org.backprop4j.random.NumpyRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One matrix product of a TwoLayerNet training step, {@code out = op(A)·op(B)}, with {@code Matrix.gemm}
 * into a preallocated output, so only the product is measured (no allocation). Score: microseconds per
 * product; GFLOP/s = {@code 2·m·n·k / (score · 1000)}, with {@code m, n, k} in the README's table.
 *
 * <p>The backend is looked up by name through {@code ServiceLoader}; one that cannot start on this
 * machine fails its setup with the reason, and JMH goes on with the other parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatmulBenchmark extends TrainingShapes {

    /** Which product of the step: x_w1, h_w2, ds_w2t, ht_ds, dh_w1t, xt_dh. */
    @Param({"x_w1", "h_w2", "ds_w2t", "ht_ds", "dh_w1t", "xt_dh"})
    public String product;

    private Matrix a;
    private Matrix b;
    private Matrix out;
    private boolean transA;
    private boolean transB;

    /** Random operands of the product's shapes, and the output they are multiplied into. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = backend();
        DType dt = dtype();
        StepProduct p = StepProduct.byId(product, n, d, h, c);
        NumpyRandom rng = new NumpyRandom(0);
        a = Operands.randn(be, dt, rng, p.aRows(), p.aCols());
        b = Operands.randn(be, dt, rng, p.bRows(), p.bCols());
        out = be.zeros(p.m(), p.n(), dt);
        transA = p.transA();
        transB = p.transB();
    }

    /** {@code out = op(A)·op(B)}; returns the output so that JMH consumes it. */
    @Benchmark
    public Matrix gemm() {
        out.gemm(1.0, a, transA, b, transB, 0.0);
        return out;
    }
}
