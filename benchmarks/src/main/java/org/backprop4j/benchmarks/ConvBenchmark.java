package org.backprop4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.tensor.Tensor;
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
 * The timing cell of cs231n's ConvolutionalNetworks notebook: {@code conv_forward_naive} against
 * {@code conv_forward_fast} (and the backward passes) on x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2, pad 1, dout
 * (100, 25, 16, 16), and {@code max_pool_forward_naive} against {@code max_pool_forward_fast} (and backward) with
 * 2x2 windows, stride 2, on x (100, 3, 32, 32). {@code impl=naive} runs the {@code Kernels} {@code ...Naive}
 * methods (the textbook loops on every backend), {@code impl=fast} the backend's fast layers; the backward passes
 * reuse one forward pass's cache. Score: milliseconds per call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ConvBenchmark -p backend=pure              # naive and fast, f64 and f32
 * java -jar benchmarks/target/benchmarks.jar ConvBenchmark -p backend=pure -p impl=fast -p op=conv_backward
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ConvBenchmark {

    /** Backend name. */
    @Param({"pure"})
    public String backend;

    /** Element type. */
    @Param({"float64", "float32"})
    public String dtype;

    /** {@code naive} (the textbook loops) or {@code fast} (the backend's fast layers). */
    @Param({"naive", "fast"})
    public String impl;

    /** The layer: conv_forward, conv_backward, max_pool_forward, max_pool_backward. */
    @Param({"conv_forward", "conv_backward", "max_pool_forward", "max_pool_backward"})
    public String op;

    private static final ConvParam CONV_PARAM = new ConvParam(2, 1);
    private static final PoolParam POOL_PARAM = new PoolParam(2, 2, 2);

    private Kernels kernels;
    private boolean naive;
    private Tensor x;
    private Tensor w;
    private Matrix b;
    private Tensor dout;
    private ConvCache convCache;
    private Tensor xPool;
    private Tensor doutPool;
    private PoolCache poolCache;

    /** The notebook's operands, drawn as {@code np.random.randn} draws them, and one forward pass's caches. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = Backends.get(backend);
        DType dt = DType.parse(dtype);
        kernels = be.kernels();
        naive = switch (impl) {
            case "naive" -> true;
            case "fast" -> false;
            default -> throw new IllegalArgumentException("impl must be naive or fast, got '" + impl + "'.");
        };
        NumpyRandom rng = new NumpyRandom(231);
        x = Tensor.of(Operands.randn(be, dt, rng, 100, 3 * 31 * 31), 3, 31, 31);
        w = Tensor.of(Operands.randn(be, dt, rng, 25, 3 * 3 * 3), 3, 3, 3);
        b = Operands.randn(be, dt, rng, 1, 25);
        dout = Tensor.of(Operands.randn(be, dt, rng, 100, 25 * 16 * 16), 25, 16, 16);
        xPool = Tensor.of(Operands.randn(be, dt, rng, 100, 3 * 32 * 32), 3, 32, 32);
        doutPool = Tensor.of(Operands.randn(be, dt, rng, 100, 3 * 16 * 16), 3, 16, 16);
        convCache = (naive ? kernels.convForwardNaive(x, w, b, CONV_PARAM) : kernels.convForward(x, w, b, CONV_PARAM))
                .cache();
        poolCache = (naive ? kernels.maxPoolForwardNaive(xPool, POOL_PARAM) : kernels.maxPoolForward(xPool, POOL_PARAM))
                .cache();
        switch (op) {
            case "conv_forward", "conv_backward", "max_pool_forward", "max_pool_backward" -> {
            }
            default -> throw new IllegalArgumentException("op must be conv_forward, conv_backward, max_pool_forward or "
                    + "max_pool_backward, got '" + op + "'.");
        }
    }

    /** One call of the layer; returns its result so that JMH consumes it. */
    @Benchmark
    public Object layer() {
        return switch (op) {
            case "conv_forward" -> naive
                    ? kernels.convForwardNaive(x, w, b, CONV_PARAM)
                    : kernels.convForward(x, w, b, CONV_PARAM);
            case "conv_backward" -> naive
                    ? kernels.convBackwardNaive(dout, convCache)
                    : kernels.convBackward(dout, convCache);
            case "max_pool_forward" -> naive
                    ? kernels.maxPoolForwardNaive(xPool, POOL_PARAM)
                    : kernels.maxPoolForward(xPool, POOL_PARAM);
            default -> naive
                    ? kernels.maxPoolBackwardNaive(doutPool, poolCache)
                    : kernels.maxPoolBackward(doutPool, poolCache);
        };
    }
}
