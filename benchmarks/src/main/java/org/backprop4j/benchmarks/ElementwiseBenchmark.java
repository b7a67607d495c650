package org.backprop4j.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Regularization;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.optim.OptimConfig;
import org.backprop4j.solver.optim.UpdateRule;
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
 * The element-wise passes of a TwoLayerNet training step (everything but the products), at the
 * training shapes, through the backend's kernels and matrices as the models call them:
 * <ul>
 *   <li>{@code bias_relu}: {@code relu(A + b1)} on the (N, H) pre-activation (the X·W1 epilogue);</li>
 *   <li>{@code relu_backward}: {@code dA = dH·(A > 0)} and the bias gradient {@code db1 = Σ_rows dA};</li>
 *   <li>{@code softmax_loss}: loss and {@code dscores} of the (N, C) scores;</li>
 *   <li>{@code l2}: {@code reg·ΣW1²} and {@code dW1 += 2·reg·W1} (cs231n's L2) on the (D, H) W1;</li>
 *   <li>{@code sgd}, {@code sgd_momentum}, {@code rmsprop}, {@code adam}: one update of W1 by that rule.</li>
 * </ul>
 * Score: microseconds per pass; {@code -prof gc} gives the bytes each pass allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark extends TrainingShapes {

    /** Which pass (see the class comment). */
    @Param({"bias_relu", "relu_backward", "softmax_loss", "l2", "sgd", "sgd_momentum", "rmsprop", "adam"})
    public String pass;

    /** Regularization strength of {@code l2}. */
    @Param("0.25")
    public double reg;

    /** Learning rate of the update rules (small, so that millions of updates stay finite). */
    @Param("1e-7")
    public double learningRate;

    private DoubleSupplier op;

    /** The inputs of the chosen pass, drawn from {@code NumpyRandom(0)}. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = backend();
        DType dt = dtype();
        Kernels k = be.kernels();
        NumpyRandom rng = new NumpyRandom(0);
        switch (pass) {
            case "bias_relu" -> {
                Matrix a = Operands.randn(be, dt, rng, n, h);
                Matrix b = Operands.randn(be, dt, rng, 1, h);
                op = () -> k.reluForward(a.addRowVector(b)).out().get(0, 0);
            }
            case "relu_backward" -> {
                ReluCache cache = k.reluForward(Operands.randn(be, dt, rng, n, h)).cache();
                Matrix dout = Operands.randn(be, dt, rng, n, h);
                op = () -> k.reluBackward(dout, cache).sum(0).get(0, 0);
            }
            case "softmax_loss" -> {
                Matrix scores = Operands.randn(be, dt, rng, n, c);
                int[] y = rng.randintInt(c, n);
                op = () -> k.softmaxLoss(scores, y).loss();
            }
            case "l2" -> {
                Matrix w = Operands.randn(be, dt, rng, d, h);
                Matrix dw = Operands.randn(be, dt, rng, d, h);
                op = () -> {
                    double penalty = Regularization.L2.penalty(w, reg);
                    Regularization.L2.addGradient(dw, w, reg);
                    return penalty;
                };
            }
            case "sgd", "sgd_momentum", "rmsprop", "adam" -> {
                UpdateRule rule = UpdateRule.byName(pass);
                Matrix w = Operands.randn(be, dt, rng, d, h);
                Matrix dw = Operands.randn(be, dt, rng, d, h);
                OptimConfig config = new OptimConfig(Map.of("learning_rate", learningRate));
                op = () -> {
                    rule.update(w, dw, config);
                    return w.get(0, 0);
                };
            }
            default ->
                throw new IllegalArgumentException("Unknown pass '" + pass + "': expected bias_relu, relu_backward, "
                        + "softmax_loss, l2, sgd, sgd_momentum, rmsprop or adam.");
        }
    }

    /** The pass; returns a value so that JMH consumes it. */
    @Benchmark
    public double run() {
        return op.getAsDouble();
    }
}
