package org.backprop4j.cli.bench;

import org.backprop4j.models.twolayer.StepProduct;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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

/**
 * A small, dependency-free stopwatch for the {@code bench} command: times an operation after warm-up,
 * repeats it, and reports the median and the fastest repetition. JMH (the {@code benchmarks} module)
 * is the rigorous tool; this one answers "how fast is each backend here" in seconds.
 *
 * <p>How one cell is measured:
 * <ol>
 *   <li>one run calibrates: the number of operations per sample is chosen so that a sample lasts at
 *       least {@link Settings#minSample()} (tiny products are repeated in a loop, large ones run once);</li>
 *   <li>{@link Settings#warmup()} untimed samples let the JIT compile the kernels;</li>
 *   <li>up to {@link Settings#reps()} timed samples follow.</li>
 * </ol>
 * Both the warm-up and the timed phase stop early once they have used {@link Settings#budget()} (but
 * always after at least one sample), so the textbook {@code naive} loops, which take a good part of a
 * second per product at the cs231n sizes, do fewer repetitions instead of minutes of them;
 * {@link Timing#budgetLimited()} says when that happened.
 */
public final class BenchmarkRunner {

    /**
     * How to time each cell.
     *
     * @param warmup    untimed samples before timing (0 allowed; the calibration run always happens)
     * @param reps      timed samples wanted
     * @param budget    time after which the warm-up, and separately the timed samples, stop early
     * @param minSample shortest sample: faster operations are repeated within one sample
     */
    public record Settings(int warmup, int reps, Duration budget, Duration minSample) {

        /** Validates the counts. */
        public Settings {
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up must be 0 or more, got " + warmup + ".");
            }
            if (reps < 1) {
                throw new IllegalArgumentException("reps must be at least 1, got " + reps + ".");
            }
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the time budget must be positive, got " + budget + ".");
            }
            if (minSample.isNegative()) {
                throw new IllegalArgumentException("the minimum sample time must not be negative, got " + minSample + ".");
            }
        }

        /** {@code warmup} and {@code reps} with a budget in seconds and samples of at least 10 ms. */
        public static Settings of(int warmup, int reps, double budgetSeconds) {
            if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
                throw new IllegalArgumentException("the time budget must be a positive number of seconds, got "
                        + budgetSeconds + ".");
            }
            return new Settings(warmup, reps, Duration.ofNanos((long) (budgetSeconds * 1e9)), Duration.ofMillis(10));
        }
    }

    /**
     * The timing of one cell.
     *
     * @param nanosPerOp    the duration of one operation in each timed sample, in order
     * @param requestedReps the samples asked for
     * @param warmupSamples the untimed samples run (the calibration run not included)
     * @param opsPerSample  operations per sample
     */
    public record Timing(double[] nanosPerOp, int requestedReps, int warmupSamples, int opsPerSample) {

        /** Copies the samples. */
        public Timing {
            nanosPerOp = nanosPerOp.clone();
        }

        @Override
        public double[] nanosPerOp() {
            return nanosPerOp.clone();
        }

        /** Timed samples taken. */
        public int reps() {
            return nanosPerOp.length;
        }

        /** True if the time budget stopped the timed samples before {@link #requestedReps()}. */
        public boolean budgetLimited() {
            return reps() < requestedReps;
        }

        /** Median duration of one operation, in nanoseconds. */
        public double medianNanos() {
            double[] s = nanosPerOp.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        /** Fastest duration of one operation, in nanoseconds. */
        public double minNanos() {
            return Arrays.stream(nanosPerOp).min().orElseThrow();
        }

        /** Median in milliseconds. */
        public double medianMillis() {
            return medianNanos() / 1e6;
        }

        /** Fastest in milliseconds. */
        public double minMillis() {
            return minNanos() / 1e6;
        }

        /** Rate of {@code flops} floating-point operations per operation, at the median: GFLOP/s. */
        public double medianGflops(long flops) {
            return flops / medianNanos();
        }

        /** Rate at the fastest sample: GFLOP/s. */
        public double bestGflops(long flops) {
            return flops / minNanos();
        }
    }

    /** Sink for results, so that the JIT cannot drop the measured work. */
    @SuppressWarnings("unused")
    private static volatile double sink;

    private final Settings settings;

    /** A runner with the given settings. */
    public BenchmarkRunner(Settings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Times {@code op} as described in the class comment. */
    public Timing time(Runnable op) {
        long budget = settings.budget().toNanos();
        long minSample = Math.max(1, settings.minSample().toNanos());

        long perOp = runBatch(op, 1); // calibration
        int batch = batchFor(perOp, minSample);
        int warm = 0;
        long warmSpent = 0;
        while (warm < settings.warmup() && (warm == 0 || warmSpent < budget)) {
            long t = runBatch(op, batch);
            warmSpent += t;
            warm++;
            batch = batchFor(Math.max(1, t / batch), minSample); // the JIT may have made it faster
        }

        double[] samples = new double[settings.reps()];
        int taken = 0;
        long spent = 0;
        while (taken < settings.reps() && (taken == 0 || spent < budget)) {
            long t = runBatch(op, batch);
            spent += t;
            samples[taken++] = (double) t / batch;
        }
        return new Timing(Arrays.copyOf(samples, taken), settings.reps(), warm, batch);
    }

    private static long runBatch(Runnable op, int batch) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            op.run();
        }
        return Math.max(1, System.nanoTime() - t0);
    }

    private static int batchFor(long nanosPerOp, long minSample) {
        long b = (minSample + nanosPerOp - 1) / Math.max(1, nanosPerOp);
        return (int) Math.max(1, Math.min(b, 1_000_000));
    }

    // ------------------------------------------------------------------ the two kinds of cells

    /**
     * Times {@code out = op(A)·op(B)} with {@link Matrix#gemm} into a preallocated output, on random
     * operands of the product's shapes, so that only the product (no allocation) is measured.
     */
    public Timing timeProduct(Backend backend, DType dtype, StepProduct p, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        Matrix a = backend.fromArray(p.aRows(), p.aCols(), rng.randn(Math.multiplyExact(p.aRows(), p.aCols())), dtype);
        Matrix b = backend.fromArray(p.bRows(), p.bCols(), rng.randn(Math.multiplyExact(p.bRows(), p.bCols())), dtype);
        Matrix out = backend.zeros(p.m(), p.n(), dtype);
        Timing t = time(() -> out.gemm(1.0, a, p.transA(), b, p.transB(), 0.0));
        sink = out.get(0, 0);
        return t;
    }

    /**
     * Times one training iteration of cs231n's {@code TwoLayerNet} on random data: {@code loss(X, y, reg)}
     * with its gradients, then the SGD step {@code W -= lr·dW} on every parameter.
     */
    public Timing timeIteration(Backend backend, DType dtype, int n, int d, int h, int c, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        TwoLayerNet net = new TwoLayerNet(backend, TwoLayerNetConfig.cs231n(d, h, c).withDType(dtype), rng);
        Matrix x = backend.fromArray(n, d, rng.randn(Math.multiplyExact(n, d)), dtype);
        int[] y = rng.randintInt(c, n);
        return time(() -> sink = trainingStep(net, x, y, 0.25, 1e-5));
    }

    /**
     * Times one training iteration of a {@code FullyConnectedNet} with the given hidden layers (no
     * batchnorm or dropout, reg 0.25) on random data: loss, gradients, SGD step.
     */
    public Timing timeFcIteration(Backend backend, DType dtype, int n, int d, int[] hidden, int c, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        FullyConnectedNet net = new FullyConnectedNet(backend, FullyConnectedNetConfig.of(hidden).inputDim(d)
                .numClasses(c).reg(0.25).dtype(dtype), rng);
        Matrix x = backend.fromArray(n, d, rng.randn(Math.multiplyExact(n, d)), dtype);
        int[] y = rng.randintInt(c, n);
        return time(() -> sink = trainingStep(net, x, y, 1e-5));
    }

    /** One SGD step of {@code net} on the minibatch; returns the loss before the step. */
    public static double trainingStep(TwoLayerNet net, Matrix x, int[] y, double reg, double learningRate) {
        net.setReg(reg);
        return trainingStep(net, x, y, learningRate);
    }

    /** One SGD step of {@code model}, with its own regularization, on the minibatch; returns the loss before the step. */
    public static double trainingStep(Model model, Matrix x, int[] y, double learningRate) {
        LossGrads lg = model.loss(x, y);
        List<String> names = model.params().names();
        for (String name : names) {
            model.params().get(name).axpy(-learningRate, lg.grads().get(name));
        }
        return lg.loss();
    }
}
