package org.backprop4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.backprop4j.solver.diagnostics.Diagnostics;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What {@code train --diag-every K} costs: one epoch of the Solver as the default {@code ./backprop4j train} runs
 * it (a 784-256-10 {@code TwoLayerNet}, std 1e-2, sgd_momentum with lr 0.1, batches of 100 from 8,000 rows, the
 * accuracy checks on 1,000 training and 1,000 validation rows) with {@link Diagnostics} every {@code diagEvery}
 * iterations, or without ({@code 0}). The rows are random, so the epoch is the same work whatever it learns.
 * Score: milliseconds per epoch (each measurement one epoch), and the secondary {@code cpuMillis}: the CPU time
 * of the whole JVM during that epoch, which other processes' load on a shared machine disturbs far less than the
 * wall time; the overhead is the ratio to {@code diagEvery=0}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class DiagnosticsBenchmark {

    /** Backend name. */
    @Param("pure")
    public String backend;

    /** Iterations between diagnostics records; 0 for none. */
    @Param({"0", "10", "1"})
    public int diagEvery;

    /** Training rows (8,000: the bundled digits' training split). */
    @Param("8000")
    public int rows;

    /** Input width (784: a 28×28 digit). */
    @Param("784")
    public int d;

    /** Hidden size (256: train's default). */
    @Param("256")
    public int h;

    private Backend be;
    private TrainingData data;
    private Solver solver;

    /** Random rows in [0, 1) with random labels, as many as the bundled digits' splits. */
    @Setup(Level.Trial)
    public void data() {
        be = Backends.get(backend);
        NumpyRandom rng = new NumpyRandom(1);
        Matrix x = be.fromArray(rows, d, rng.rand(rows * d), DType.FLOAT64);
        int val = Math.max(1, rows / 8);
        Matrix xVal = be.fromArray(val, d, rng.rand(val * d), DType.FLOAT64);
        data = new TrainingData(x, rng.randintInt(10, rows), xVal, rng.randintInt(10, val));
    }

    /** A fresh net and Solver for each epoch, so every epoch starts from the same weights. */
    @Setup(Level.Invocation)
    public void solver() {
        NumpyRandom rng = new NumpyRandom(0);
        TwoLayerNet net = new TwoLayerNet(be, TwoLayerNetConfig.of(d, h, 10).withStd(1e-2), rng);
        net.setReg(1e-4);
        solver = new Solver(net, data, SolverOptions.builder().updateRule("sgd_momentum").learningRate(0.1)
                .lrDecay(0.95).batchSize(100).numEpochs(1).numTrainSamples(1000).numValSamples(0).verbose(false)
                .build(), rng);
        if (diagEvery > 0) {
            solver.addListener(new Diagnostics(solver, diagEvery));
        }
    }

    /** The JVM's CPU time per epoch, as JMH's secondary result {@code cpuMillis}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        /** CPU milliseconds of the measured epoch (one epoch per measurement). */
        public double cpuMillis;
    }

    /** One epoch; returns its last loss so that JMH consumes it. */
    @Benchmark
    public double epoch(Cpu cpu) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        solver.train();
        cpu.cpuMillis += (os.getProcessCpuTime() - before) / 1e6;
        double[] loss = solver.lossHistory();
        return loss[loss.length - 1];
    }
}
