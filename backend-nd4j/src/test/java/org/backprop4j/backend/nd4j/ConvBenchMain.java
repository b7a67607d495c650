package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.SpatialBatchnormCache;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The speed of the nd4j convolution and max-pooling kernels against the {@code Kernels} defaults on nd4j matrices
 * and against ND4J's native {@code conv2d}, {@code conv2d_bp}, {@code maxpool2d}, {@code maxpool2d_bp}, at the
 * brief's sizes: x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2 pad 1 (dout (100, 25, 16, 16)); max pool
 * (100, 3, 32, 32) 2x2 stride 2; spatial batchnorm of that input (the default and nd4j only). Prints the median and quartiles of {@code runs} timings in milliseconds, and the
 * largest normwise difference of each native op from the default (to show what it computes). Not a test: run by
 * hand (see the module README).
 *
 * <pre>java -cp ... org.backprop4j.backend.nd4j.ConvBenchMain [runs]</pre>
 */
public final class ConvBenchMain {

    private ConvBenchMain() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        Kernels fused = Ref.backend().kernels();
        for (DType dtype : DType.values()) {
            Random rnd = new Random(1);
            Tensor x = Tensor.of(Ref.random(rnd, 100, 3 * 31 * 31, dtype), 3, 31, 31);
            Tensor w = Tensor.of(Ref.random(rnd, 25, 27, dtype), 3, 3, 3);
            Matrix b = Ref.random(rnd, 1, 25, dtype);
            ConvParam cp = new ConvParam(2, 1);
            Tensor dout = Tensor.of(Ref.random(rnd, 100, 25 * 16 * 16, dtype), 25, 16, 16);
            Tensor xp = Tensor.of(Ref.random(rnd, 100, 3 * 32 * 32, dtype), 3, 32, 32);
            PoolParam pp = new PoolParam(2, 2, 2);
            Tensor dp = Tensor.of(Ref.random(rnd, 100, 3 * 16 * 16, dtype), 3, 16, 16);

            SpatialForward<ConvCache> convDefault = Kernels.DEFAULT.convForward(x, w, b, cp);
            SpatialForward<ConvCache> convFused = fused.convForward(x, w, b, cp);
            SpatialForward<PoolCache> poolDefault = Kernels.DEFAULT.maxPoolForward(xp, pp);

            String d = dtype + " ";
            compare(d + "conv forward ", runs, () -> Kernels.DEFAULT.convForward(x, w, b, cp),
                    () -> fused.convForward(x, w, b, cp), () -> close(conv2d(x, w, b, cp)));
            compare(d + "conv backward", runs, () -> Kernels.DEFAULT.convBackward(dout, convDefault.cache()),
                    () -> fused.convBackward(dout, convFused.cache()), () -> close(conv2dBp(x, w, b, dout, cp)));
            // nd4j keeps the default's max pooling: the default against the native ops
            compare(d + "pool forward ", runs, List.of("default", "native op"),
                    List.of(() -> Kernels.DEFAULT.maxPoolForward(xp, pp), () -> close(maxpool(xp, pp))));
            compare(d + "pool backward", runs, List.of("default", "native op"), List.of(
                    () -> Kernels.DEFAULT.maxPoolBackward(dp, poolDefault.cache()),
                    () -> close(maxpoolBp(xp, dp, pp))));
            Matrix gamma = Ref.random(rnd, 1, 3, dtype);
            Matrix beta = Ref.random(rnd, 1, 3, dtype);
            BatchnormParam bn = new BatchnormParam();
            SpatialBatchnormCache bnCache = Kernels.DEFAULT.spatialBatchnormForward(xp, gamma, beta, bn).cache();
            compare(d + "spatial batchnorm forward ", runs, List.of("default", "nd4j"),
                    List.of(() -> Kernels.DEFAULT.spatialBatchnormForward(xp, gamma, beta, bn),
                            () -> fused.spatialBatchnormForward(xp, gamma, beta, bn)));
            compare(d + "spatial batchnorm backward", runs, List.of("default", "nd4j"),
                    List.of(() -> Kernels.DEFAULT.spatialBatchnormBackward(xp, bnCache),
                            () -> fused.spatialBatchnormBackward(xp, bnCache)));

            System.out.printf(Locale.ROOT, "%s native conv2d vs default: %.2e, conv2d_bp dx %.2e dw %.2e db %.2e,"
                    + " maxpool2d %.2e, maxpool2d_bp %.2e%n", d,
                    diff(convDefault.out().toArray(), conv2d(x, w, b, cp)),
                    diff(Kernels.DEFAULT.convBackward(dout, convDefault.cache()).dx().toArray(),
                            conv2dBp(x, w, b, dout, cp)[0]),
                    diff(Kernels.DEFAULT.convBackward(dout, convDefault.cache()).dw().toArray(),
                            conv2dBp(x, w, b, dout, cp)[1]),
                    diff(Kernels.DEFAULT.convBackward(dout, convDefault.cache()).db().toArray(),
                            conv2dBp(x, w, b, dout, cp)[2]),
                    diff(poolDefault.out().toArray(), maxpool(xp, pp)),
                    diff(Kernels.DEFAULT.maxPoolBackward(dp, poolDefault.cache()).toArray(), maxpoolBp(xp, dp, pp)));
        }
        // ties: integers 0..3, so that most 2x2 windows hold their maximum twice
        double[] ties = new double[100 * 3 * 32 * 32];
        Random rnd = new Random(2);
        for (int i = 0; i < ties.length; i++) {
            ties[i] = rnd.nextInt(4);
        }
        Tensor xt = Tensor.of(Ref.backend().fromArray(100, 3 * 32 * 32, ties, DType.FLOAT64), 3, 32, 32);
        Tensor dt = Tensor.of(Ref.random(rnd, 100, 3 * 16 * 16, DType.FLOAT64), 3, 16, 16);
        PoolParam pp = new PoolParam(2, 2, 2);
        System.out.printf(Locale.ROOT, "with ties: maxpool2d_bp vs default %.2e%n", diff(
                Kernels.DEFAULT.maxPoolBackward(dt, Kernels.DEFAULT.maxPoolForward(xt, pp).cache()).toArray(),
                maxpoolBp(xt, dt, pp)));
        System.exit(0);
    }

    /**
     * Times the default, the nd4j kernel and the native op in turn, {@code runs} rounds after 5 of warm-up (so that
     * the load of a shared machine falls on all three alike), and prints each one's minimum, median and quartiles.
     */
    private static void compare(String what, int runs, Supplier<?> plain, Supplier<?> fused, Supplier<?> op) {
        compare(what, runs, List.of("default", "nd4j", "native op"), List.of(plain, fused, op));
    }

    private static void compare(String what, int runs, List<String> names, List<Supplier<?>> ops) {
        int k = ops.size();
        double[][] ms = new double[k][runs];
        for (int r = -5; r < runs; r++) {
            for (int i = 0; i < k; i++) {
                long t0 = System.nanoTime();
                ops.get(i).get();
                if (r >= 0) {
                    ms[i][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        for (int i = 0; i < k; i++) {
            Arrays.sort(ms[i]);
            System.out.printf(Locale.ROOT, "%s %-9s  min %7.3f  median %7.3f ms  (q1 %7.3f, q3 %7.3f)%n", what,
                    names.get(i), ms[i][0], ms[i][runs / 2], ms[i][runs / 4], ms[i][3 * runs / 4]);
        }
    }

    private static double diff(double[] want, INDArray array) {
        double[] got = array.data().asDouble();
        double max = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(want[i] - got[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return max / scale;
    }

    private static Object close(INDArray... arrays) {
        for (INDArray a : arrays) {
            a.close();
        }
        return arrays;
    }

    /** The tensor's array as (N, C, H, W); callers keep {@code t} reachable while native code reads it. */
    private static INDArray view(Tensor t) {
        return ((Nd4jMatrix) t.matrix()).array().reshape('c', t.n(), t.channels(), t.height(), t.width());
    }

    private static INDArray array(Tensor t, int n, int c, int h, int w) {
        return Nd4j.createUninitializedDetached(((Nd4jMatrix) t.matrix()).array().dataType(), 'c', n, c, h, w);
    }

    /** ND4J's conv2d, weights [oC, iC, kH, kW] (wFormat 1), NCHW: the output's elements. */
    private static INDArray conv2d(Tensor x, Tensor w, Matrix b, ConvParam cp) {
        int hOut = 1 + (x.height() + 2 * cp.pad() - w.height()) / cp.stride();
        int wOut = 1 + (x.width() + 2 * cp.pad() - w.width()) / cp.stride();
        INDArray out = array(x, x.n(), w.n(), hOut, wOut);
        Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(view(x), view(w), ((Nd4jMatrix) b).array().reshape(b.cols()))
                .addOutputs(out)
                .addIntegerArguments(w.height(), w.width(), cp.stride(), cp.stride(), cp.pad(), cp.pad(), 1, 1, 0, 0, 1)
                .build());
        reachabilityFence(x);
        reachabilityFence(w);
        reachabilityFence(b);
        return out;
    }

    /** ND4J's conv2d_bp: {dx, dw, db}. */
    private static INDArray[] conv2dBp(Tensor x, Tensor w, Matrix b, Tensor dout, ConvParam cp) {
        INDArray dx = array(x, x.n(), x.channels(), x.height(), x.width());
        INDArray dw = array(x, w.n(), w.channels(), w.height(), w.width());
        INDArray db = Nd4j.createUninitializedDetached(dx.dataType(), 'c', b.cols());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(view(x), view(w), ((Nd4jMatrix) b).array().reshape(b.cols()), view(dout))
                .addOutputs(dx, dw, db)
                .addIntegerArguments(w.height(), w.width(), cp.stride(), cp.stride(), cp.pad(), cp.pad(), 1, 1, 0, 0, 1)
                .build());
        reachabilityFence(x);
        reachabilityFence(w);
        reachabilityFence(b);
        reachabilityFence(dout);
        return new INDArray[] {dx, dw, db};
    }

    private static INDArray maxpool(Tensor x, PoolParam pp) {
        int hOut = 1 + (x.height() - pp.poolHeight()) / pp.stride();
        int wOut = 1 + (x.width() - pp.poolWidth()) / pp.stride();
        INDArray out = array(x, x.n(), x.channels(), hOut, wOut);
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d")
                .addInputs(view(x))
                .addOutputs(out)
                .addIntegerArguments(pp.poolHeight(), pp.poolWidth(), pp.stride(), pp.stride(), 0, 0, 1, 1, 0, 0, 0)
                .build());
        reachabilityFence(x);
        return out;
    }

    private static INDArray maxpoolBp(Tensor x, Tensor dout, PoolParam pp) {
        INDArray dx = array(x, x.n(), x.channels(), x.height(), x.width());
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp")
                .addInputs(view(x), view(dout))
                .addOutputs(dx)
                .addIntegerArguments(pp.poolHeight(), pp.poolWidth(), pp.stride(), pp.stride(), 0, 0, 1, 1, 0, 0, 0)
                .build());
        reachabilityFence(x);
        reachabilityFence(dout);
        return dx;
    }
}
