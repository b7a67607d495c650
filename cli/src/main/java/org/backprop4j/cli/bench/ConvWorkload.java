package org.backprop4j.cli.bench;

import java.util.List;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.tensor.Tensor;

/**
 * What {@code bench --conv} times: the ConvolutionalNetworks notebook's two timing cells, built the same way in Java
 * and in the NumPy worker ({@code numpy_conv_bench.py}). The convolution's inputs are drawn as
 * {@code np.random.seed(seed); x = randn(N, C, H, W); w = randn(F, C, HH, WW); b = randn(F); dout = randn(N, F, Hout,
 * Wout)}, the pooling's, from a fresh seed, as {@code x = randn(N, C, H, W); dout = randn(N, C, Hout, Wout)}; both
 * sides draw in float64 and round to the dtype afterwards.
 *
 * @param name   how the command line names it ({@code notebook}, or {@code tiny} for tests)
 * @param x      the convolution's input shape (N, C, H, W)
 * @param w      the filters' shape (F, C, HH, WW)
 * @param conv   {@code conv_param}
 * @param poolX  the pooling's input shape (N, C, H, W)
 * @param pool   {@code pool_param}
 * @param seed   the seed of both cells
 */
record ConvWorkload(String name, List<Integer> x, List<Integer> w, ConvParam conv, List<Integer> poolX,
        PoolParam pool, long seed) {

    /** The notebook's seed. */
    static final long NOTEBOOK_SEED = 231;
    /** The workloads {@link #named} knows. */
    static final List<String> NAMES = List.of("notebook", "tiny");

    /** Checks that the shapes are four-dimensional. */
    ConvWorkload {
        for (List<Integer> shape : List.of(x, w, poolX)) {
            if (shape.size() != 4) {
                throw new IllegalArgumentException("bench --conv shapes are (N, C, H, W), got " + shape + ".");
            }
        }
        x = List.copyOf(x);
        w = List.copyOf(w);
        poolX = List.copyOf(poolX);
    }

    /**
     * The notebook's cells: x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2, pad 1; max pooling of x (100, 3, 32, 32),
     * 2x2, stride 2. {@code tiny} is the same on a few pixels, for tests.
     *
     * @throws IllegalArgumentException naming the known workloads if {@code name} is none of them
     */
    static ConvWorkload named(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "notebook" -> new ConvWorkload("notebook", List.of(100, 3, 31, 31), List.of(25, 3, 3, 3),
                    new ConvParam(2, 1), List.of(100, 3, 32, 32), new PoolParam(2, 2, 2), seed);
            case "tiny" -> new ConvWorkload("tiny", List.of(2, 3, 7, 7), List.of(4, 3, 3, 3), new ConvParam(2, 1),
                    List.of(2, 3, 4, 6), new PoolParam(2, 2, 2), seed);
            default -> throw new IllegalArgumentException(
                    "unknown conv workload '" + name + "': expected one of " + String.join(", ", NAMES) + ".");
        };
    }

    /** The convolution cell's operands on one backend and dtype, and the output and gradient shapes they give. */
    record ConvInputs(Tensor x, Tensor w, Matrix b, Tensor dout, ConvShape shape) {
    }

    /** The pooling cell's operands. */
    record PoolInputs(Tensor x, Tensor dout, PoolShape shape) {
    }

    /** {@code x, w, b, dout = randn(...)} after seeding, in that order, on {@code backend} in {@code dtype}. */
    ConvInputs convInputs(Backend backend, DType dtype) {
        NumpyRandom rng = new NumpyRandom(seed);
        Tensor xt = draw(rng, backend, dtype, x);
        Tensor wt = draw(rng, backend, dtype, w);
        Matrix b = backend.fromArray(1, w.get(0), rng.randn(w.get(0)), dtype);
        ConvShape s = ConvShape.of("bench --conv", xt, wt, b, conv);
        Tensor dout = draw(rng, backend, dtype, List.of(s.n(), s.f(), s.hOut(), s.wOut()));
        return new ConvInputs(xt, wt, b, dout, s);
    }

    /** {@code x, dout = randn(...)} after seeding, on {@code backend} in {@code dtype}. */
    PoolInputs poolInputs(Backend backend, DType dtype) {
        NumpyRandom rng = new NumpyRandom(seed);
        Tensor xt = draw(rng, backend, dtype, poolX);
        PoolShape s = PoolShape.of("bench --conv", xt, pool);
        Tensor dout = draw(rng, backend, dtype, List.of(s.n(), s.c(), s.hOut(), s.wOut()));
        return new PoolInputs(xt, dout, s);
    }

    private static Tensor draw(NumpyRandom rng, Backend backend, DType dtype, List<Integer> shape) {
        int n = shape.get(0);
        int chw = Math.multiplyExact(shape.get(1), Math.multiplyExact(shape.get(2), shape.get(3)));
        Matrix m = backend.fromArray(n, chw, rng.randn(Math.multiplyExact(n, chw)), dtype);
        return Tensor.of(m, shape.get(1), shape.get(2), shape.get(3));
    }

    /**
     * The worker's {@code setup} spec, and the report's description of the cells (serialised in snake case).
     *
     * @param x          conv input shape
     * @param w          filter shape
     * @param dout       conv output shape
     * @param stride     conv stride
     * @param pad        conv zero padding
     * @param poolX      pooling input shape
     * @param poolDout   pooling output shape
     * @param poolHeight pool_height
     * @param poolWidth  pool_width
     * @param poolStride the pooling stride
     * @param seed       the seed of both cells
     */
    record Spec(List<Integer> x, List<Integer> w, List<Integer> dout, int stride, int pad, List<Integer> poolX,
            List<Integer> poolDout, int poolHeight, int poolWidth, int poolStride, long seed) {
    }

    /**
     * The spec, with the output shapes that {@code convInputs} and {@code poolInputs} (made by this workload on any
     * backend) found; null inputs leave their output shapes null (nothing was measured).
     */
    Spec spec(ConvInputs convInputs, PoolInputs poolInputs) {
        ConvShape c = convInputs == null ? null : convInputs.shape();
        PoolShape p = poolInputs == null ? null : poolInputs.shape();
        return new Spec(x, w, c == null ? null : List.of(c.n(), c.f(), c.hOut(), c.wOut()), conv.stride(), conv.pad(),
                poolX, p == null ? null : List.of(p.n(), p.c(), p.hOut(), p.wOut()), pool.poolHeight(),
                pool.poolWidth(), pool.stride(), seed);
    }

    /** A shape as NumPy prints it: {@code (100, 3, 31, 31)}. */
    static String shape(List<Integer> dims) {
        if (dims == null) {
            return "(not computed)";
        }
        return dims.size() == 1
                ? "(" + dims.get(0) + ",)"
                : "(" + String.join(", ", dims.stream().map(String::valueOf).toList()) + ")";
    }
}
