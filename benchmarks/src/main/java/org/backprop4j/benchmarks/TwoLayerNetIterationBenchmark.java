package org.backprop4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
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
 * One training iteration of cs231n's {@code TwoLayerNet} on a random minibatch: {@code loss(X, y, reg)}
 * with all gradients, then the SGD step {@code W -= lr·dW} on W1, b1, W2, b2. Score: milliseconds per
 * iteration, allocation of the intermediate matrices included (as in real training).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TwoLayerNetIterationBenchmark {

    /** Backend name. */
    @Param({"naive", "pure", "ejml", "nd4j"})
    public String backend;

    /** Element type of the parameters and the data. */
    @Param({"float64", "float32"})
    public String dtype;

    /** Batch size N. */
    @Param("200")
    public int n;

    /** Input dimension D. */
    @Param("3072")
    public int d;

    /** Hidden size H. */
    @Param("100")
    public int h;

    /** Number of classes C. */
    @Param("10")
    public int c;

    /** Regularization strength. */
    @Param("0.25")
    public double reg;

    /** SGD learning rate (small, so that thousands of steps on the same batch stay finite). */
    @Param("1e-5")
    public double learningRate;

    private TwoLayerNet net;
    private Matrix x;
    private int[] y;

    /** The network ({@code std = 1e-4} weights) and a random minibatch. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = Backends.get(backend);
        DType dt = DType.parse(dtype);
        NumpyRandom rng = new NumpyRandom(0);
        net = new TwoLayerNet(be, TwoLayerNetConfig.cs231n(d, h, c).withDType(dt), rng);
        x = be.fromArray(n, d, rng.randn(Math.multiplyExact(n, d)), dt);
        y = rng.randintInt(c, n);
    }

    /** Loss, gradients and the SGD update; returns the loss so that JMH consumes it. */
    @Benchmark
    public double iteration() {
        LossGrads lg = net.loss(x, y, reg);
        for (String name : net.params().names()) {
            net.params().get(name).axpy(-learningRate, lg.grads().get(name));
        }
        return lg.loss();
    }
}
