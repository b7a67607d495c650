package org.backprop4j.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
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
 * One training iteration on a random minibatch: {@code loss(X, y)} with all gradients, then the SGD
 * step {@code W -= lr·dW} on every parameter. {@code model=two-layer} is cs231n's {@code TwoLayerNet}
 * (W1 (D, H), W2 (H, C), {@code reg·ΣW²}); {@code model=fc} a {@code FullyConnectedNet} with the
 * hidden layers of {@code hidden} (no batchnorm or dropout, {@code 0.5·reg·ΣW²}) on the same input, as
 * {@code backprop4j bench --fc 100,100}. Score: milliseconds per iteration, allocation of the
 * intermediate matrices included (as in real training; {@code -prof gc} shows how much).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class IterationBenchmark extends TrainingShapes {

    /** {@code two-layer} or {@code fc}. */
    @Param({"two-layer", "fc"})
    public String model;

    /** Hidden layers of the fc model, comma-separated. */
    @Param("100,100")
    public String hidden;

    /** Regularization strength. */
    @Param("0.25")
    public double reg;

    /** SGD learning rate (small, so that thousands of steps on the same batch stay finite). */
    @Param("1e-5")
    public double learningRate;

    private Model net;
    private Matrix x;
    private int[] y;

    /** The network (drawn first, as the notebooks do) and a random minibatch. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = backend();
        DType dt = dtype();
        NumpyRandom rng = new NumpyRandom(0);
        if (model.equals("two-layer")) {
            TwoLayerNet two = new TwoLayerNet(be, TwoLayerNetConfig.of(d, h, c).withDType(dt), rng);
            two.setReg(reg);
            net = two;
        } else if (model.equals("fc")) {
            int[] dims = Arrays.stream(hidden.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            net = new FullyConnectedNet(be,
                    FullyConnectedNetConfig.of(dims).inputDim(d).numClasses(c).reg(reg).dtype(dt), rng);
        } else {
            throw new IllegalArgumentException("Unknown model '" + model + "': expected two-layer or fc.");
        }
        x = Operands.randn(be, dt, rng, n, d);
        y = rng.randintInt(c, n);
    }

    /** Loss, gradients and the SGD update; returns the loss so that JMH consumes it. */
    @Benchmark
    public double iteration() {
        LossGrads lg = net.loss(x, y);
        for (String name : net.params().names()) {
            net.params().get(name).axpy(-learningRate, lg.grads().get(name));
        }
        return lg.loss();
    }
}
