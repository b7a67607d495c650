package org.backprop4j.conformance.cases;

import static org.backprop4j.conformance.cases.Inputs.randn;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.ConvReluPoolCache;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Mode;
import org.backprop4j.kernel.SpatialBatchnormCache;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.GroupnormCache;
import org.backprop4j.kernel.conv.GroupnormParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.kernel.conv.SpatialGrads;
import org.backprop4j.matrix.DType;
import org.backprop4j.tensor.Tensor;

/**
 * The convolutional kernels of {@link Kernels} on seeded random inputs of a given shape, run on one backend: what the
 * kit compares with the reference backend. Each result holds both the naive loops' and the fast path's outputs.
 */
public final class ConvCases {

    /**
     * Convolutions {N, C, H, W, F, HH, WW, stride, pad}: 1x1 input channel with stride 2 and no pad, a rectangular
     * input and filter, the notebook's gradient-check shape, a CIFAR-sized image with 5x5 filters.
     */
    public static final int[][] CONV_SHAPES = {{1, 1, 5, 5, 1, 3, 3, 2, 0}, {2, 2, 5, 8, 3, 3, 2, 1, 1},
            {4, 3, 5, 5, 2, 3, 3, 1, 1}, {3, 3, 32, 32, 8, 5, 5, 1, 2}, {5, 3, 31, 31, 25, 3, 3, 2, 1}};

    /** Max pooling {N, C, H, W, pool_height, pool_width, stride}: 2x2 stride 2, overlapping 3x3 stride 2, 2x4. */
    public static final int[][] POOL_SHAPES = {{1, 1, 4, 4, 2, 2, 2}, {2, 3, 32, 32, 2, 2, 2}, {2, 2, 7, 9, 3, 3, 2},
            {3, 2, 6, 8, 2, 4, 2}};

    /** Spatial batch and group normalization {N, C, H, W, G}. */
    public static final int[][] NORM_SHAPES = {{2, 3, 4, 5, 3}, {1, 4, 3, 3, 2}, {8, 6, 7, 9, 2}};

    private ConvCases() {
    }

    private static Tensor tensor(Backend b, DType dt, long seed, int n, int c, int h, int w, double scale) {
        return Tensor.of(randn(b, dt, seed, n, c * h * w, scale), c, h, w);
    }

    /**
     * {@code conv_forward/backward} naive and fast on x (N, C, H, W), w (F, C, HH, WW) scaled by 1/sqrt(C*HH*WW),
     * b (1, F), a random dout; shape as in {@link #CONV_SHAPES}.
     */
    public static Results conv(Backend b, DType dt, int[] s) {
        Kernels k = b.kernels();
        Tensor x = tensor(b, dt, 41, s[0], s[1], s[2], s[3], 1);
        Tensor w = tensor(b, dt, 42, s[4], s[1], s[5], s[6], 1.0 / Math.sqrt(s[1] * s[5] * s[6]));
        var bias = randn(b, dt, 43, 1, s[4], 1);
        ConvParam p = new ConvParam(s[7], s[8]);
        Results r = new Results();
        for (boolean fast : new boolean[] {false, true}) {
            SpatialForward<ConvCache> f = fast ? k.convForward(x, w, bias, p) : k.convForwardNaive(x, w, bias, p);
            Tensor out = f.out();
            Tensor dout = tensor(b, dt, 44, out.n(), out.channels(), out.height(), out.width(), 1);
            ConvGrads g = fast ? k.convBackward(dout, f.cache()) : k.convBackwardNaive(dout, f.cache());
            String n = fast ? "fast " : "naive ";
            r.put(n + "out", out.matrix()).put(n + "dx", g.dx().matrix()).put(n + "dw", g.dw().matrix())
                    .put(n + "db", g.db());
        }
        return r;
    }

    /** The longest sum of {@link #conv}: a patch (C*HH*WW) for out and dx, the output positions (N*Hout*Wout) for dw. */
    public static int convTerms(int[] s) {
        int hOut = 1 + (s[2] + 2 * s[8] - s[5]) / s[7];
        int wOut = 1 + (s[3] + 2 * s[8] - s[6]) / s[7];
        return Math.max(s[1] * s[5] * s[6], Math.max(s[0] * hOut * wOut, s[4] * s[5] * s[6]));
    }

    /** {@code max_pool_forward/backward} naive and fast; shape as in {@link #POOL_SHAPES}. */
    public static Results maxPool(Backend b, DType dt, int[] s) {
        Kernels k = b.kernels();
        Tensor x = tensor(b, dt, 51, s[0], s[1], s[2], s[3], 1);
        PoolParam p = new PoolParam(s[4], s[5], s[6]);
        Results r = new Results();
        for (boolean fast : new boolean[] {false, true}) {
            SpatialForward<PoolCache> f = fast ? k.maxPoolForward(x, p) : k.maxPoolForwardNaive(x, p);
            Tensor out = f.out();
            Tensor dout = tensor(b, dt, 52, out.n(), out.channels(), out.height(), out.width(), 1);
            Tensor dx = fast ? k.maxPoolBackward(dout, f.cache()) : k.maxPoolBackwardNaive(dout, f.cache());
            String n = fast ? "fast " : "naive ";
            r.put(n + "out", out.matrix()).put(n + "dx", dx.matrix());
        }
        return r;
    }

    /**
     * {@code spatial_batchnorm_forward/backward}: two training steps on x = 4 randn + 10 (the running statistics
     * carried over), then test mode; shape as in {@link #NORM_SHAPES}.
     */
    public static Results spatialBatchnorm(Backend b, DType dt, int[] s) {
        Kernels k = b.kernels();
        var gamma = randn(b, dt, 61, 1, s[1], 0.5).addScalar(1);
        var beta = randn(b, dt, 62, 1, s[1], 1);
        BatchnormParam p = new BatchnormParam();
        Results r = new Results();
        for (int step = 0; step < 2; step++) {
            Tensor x = Tensor.of(randn(b, dt, 63 + step, s[0], s[1] * s[2] * s[3], 4).addScalar(10), s[1], s[2], s[3]);
            SpatialForward<SpatialBatchnormCache> f = k.spatialBatchnormForward(x, gamma, beta, p);
            SpatialGrads g = k.spatialBatchnormBackward(tensor(b, dt, 65 + step, s[0], s[1], s[2], s[3], 1),
                    f.cache());
            r.put("out" + step, f.out().matrix()).put("dx" + step, g.dx().matrix())
                    .put("dgamma" + step, g.dgamma()).put("dbeta" + step, g.dbeta())
                    .put("running_mean" + step, p.runningMean()).put("running_var" + step, p.runningVar());
        }
        p.setMode(Mode.TEST);
        Tensor xt = Tensor.of(randn(b, dt, 67, s[0], s[1] * s[2] * s[3], 4).addScalar(10), s[1], s[2], s[3]);
        return r.put("test out", k.spatialBatchnormForward(xt, gamma, beta, p).out().matrix());
    }

    /** {@code spatial_groupnorm_forward/backward} with G = s[4] groups on x = 4 randn + 10. */
    public static Results spatialGroupnorm(Backend b, DType dt, int[] s) {
        Kernels k = b.kernels();
        var gamma = randn(b, dt, 71, 1, s[1], 0.5).addScalar(1);
        var beta = randn(b, dt, 72, 1, s[1], 1);
        Tensor x = Tensor.of(randn(b, dt, 73, s[0], s[1] * s[2] * s[3], 4).addScalar(10), s[1], s[2], s[3]);
        SpatialForward<GroupnormCache> f = k.spatialGroupnormForward(x, gamma, beta, new GroupnormParam(s[4]));
        SpatialGrads g = k.spatialGroupnormBackward(tensor(b, dt, 74, s[0], s[1], s[2], s[3], 1), f.cache());
        return new Results().put("out", f.out().matrix()).put("dx", g.dx().matrix()).put("dgamma", g.dgamma())
                .put("dbeta", g.dbeta());
    }

    /** {@code conv_relu_pool_forward/backward}: a 3x3 conv, stride 1, pad 1, then 2x2 stride-2 pooling. */
    public static Results convReluPool(Backend b, DType dt, int n, int c, int side, int f) {
        Kernels k = b.kernels();
        Tensor x = tensor(b, dt, 81, n, c, side, side, 1);
        Tensor w = tensor(b, dt, 82, f, c, 3, 3, 1.0 / Math.sqrt(c * 9));
        var bias = randn(b, dt, 83, 1, f, 1);
        SpatialForward<ConvReluPoolCache> fw = k.convReluPoolForward(x, w, bias, new ConvParam(1, 1),
                new PoolParam(2, 2, 2));
        Tensor out = fw.out();
        ConvGrads g = k.convReluPoolBackward(tensor(b, dt, 84, n, f, out.height(), out.width(), 1), fw.cache());
        return new Results().put("out", out.matrix()).put("dx", g.dx().matrix()).put("dw", g.dw().matrix())
                .put("db", g.db());
    }
}
