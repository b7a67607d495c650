package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import java.util.Arrays;

import org.backprop4j.kernel.conv.PoolCache;
import org.backprop4j.kernel.conv.PoolLoops;
import org.backprop4j.kernel.conv.PoolParam;
import org.backprop4j.kernel.conv.PoolShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.DType;
import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code max_pool_forward_fast} / {@code max_pool_backward_fast} on the nd4j backend: the default's passes
 * ({@link PoolLoops#forward}, {@link PoolLoops#backward}, the reference) run a few samples at a time on the bands of
 * {@link SampleBands}, reading and writing the native arrays one chunk of samples at a time instead of copying the whole batch
 * out and back. Same values and the same {@code argmax} (each window's first maximum, as {@code np.argmax}), since
 * each output depends on its own sample only.
 */
final class Nd4jPool {

    private Nd4jPool() {
    }

    /** The sizes of the pooling of {@code count} of the samples. */
    private static PoolShape samples(PoolShape s, int count) {
        return new PoolShape(count, s.c(), s.h(), s.w(), s.poolHeight(), s.poolWidth(), s.stride(), s.hOut(), s.wOut());
    }

    /** {@code max_pool_forward_fast} for {@code x} on this backend; {@code s} comes from {@link PoolShape#of}. */
    static SpatialForward<PoolCache> forward(Tensor x, PoolParam param, PoolShape s) {
        DType dtype = x.dtype();
        int sampleIn = s.c() * s.h() * s.w();
        int sampleOut = s.c() * s.hOut() * s.wOut();
        Nd4jMatrix out = Nd4jBackend.backend().pool().matrix(dtype, s.n(), sampleOut);
        int[] argmax = new int[s.n() * sampleOut];
        INDArray xa = ((Nd4jMatrix) x.matrix()).array();
        int chunk = SampleBands.chunk(sampleIn);
        int bands = SampleBands.count(s.n(),
                (long) s.n() * sampleOut * s.poolHeight() * s.poolWidth() * SampleBands.MACS_PER_VISIT);
        SampleBands.run(s.n(), bands, (band, first, last) -> SampleBands.chunks(first, last, chunk, (from, to) -> {
            double[] xc = new double[(to - from) * sampleIn];
            int[] am = new int[(to - from) * sampleOut];
            Elements.read(xa, (long) from * sampleIn, xc, 0, xc.length);
            double[] oc = PoolLoops.forward(xc, samples(s, to - from), am);
            Elements.write(out.array(), (long) from * sampleOut, oc, 0, oc.length);
            System.arraycopy(am, 0, argmax, from * sampleOut, am.length);
        }));
        reachabilityFence(x);
        return new SpatialForward<>(new Tensor(out, s.c(), s.hOut(), s.wOut()), new PoolCache(x, param, s, argmax));
    }

    /** {@code max_pool_backward_fast}: {@code dx[argmax] += dout}, sample by sample; {@code dout}'s shape is checked. */
    static Tensor backward(Tensor dout, PoolCache cache) {
        PoolShape s = cache.shape();
        int sampleIn = s.c() * s.h() * s.w();
        int sampleOut = s.c() * s.hOut() * s.wOut();
        Nd4jMatrix dx = Nd4jBackend.backend().pool().matrix(dout.dtype(), s.n(), sampleIn);
        INDArray da = ((Nd4jMatrix) dout.matrix()).array();
        int[] argmax = cache.argmax();
        int chunk = SampleBands.chunk(sampleIn);
        // a scatter of dout, about as cheap per element as a copy: split only when it is large (at the brief's size,
        // 0.5 ms, a second band made it slower on the shared machine)
        int bands = SampleBands.count(s.n(), (long) s.n() * sampleIn);
        SampleBands.run(s.n(), bands, (band, first, last) -> SampleBands.chunks(first, last, chunk, (from, to) -> {
            double[] dc = new double[(to - from) * sampleOut];
            Elements.read(da, (long) from * sampleOut, dc, 0, dc.length);
            int[] am = Arrays.copyOfRange(argmax, from * sampleOut, to * sampleOut);
            double[] dxc = PoolLoops.backward(dc, am, samples(s, to - from));
            Elements.write(dx.array(), (long) from * sampleIn, dxc, 0, dxc.length);
        }));
        reachabilityFence(dout);
        return new Tensor(dx, s.c(), s.h(), s.w());
    }
}
