package org.backprop4j.backend.nd4j;

import static java.lang.ref.Reference.reachabilityFence;

import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transposes of the spatial normalizations ({@code Layouts.toPixelRows} / {@code fromPixelRows} of the defaults)
 * as one native strided copy each, instead of reading the values out, moving them on the Java heap and writing them
 * back: {@code x.transpose(0, 2, 3, 1).reshape(-1, C)} is the {@code (N, H, W, C)} view of the rows assigned from the
 * {@code (N, C, H, W)} view of {@code x} permuted. A copy rounds nothing, so the values are the default's exactly.
 */
final class PixelRows {

    private PixelRows() {
    }

    /** {@code x.transpose(0, 2, 3, 1).reshape(-1, C)}: from (N, C, H, W) to a new (N*H*W, C) matrix. */
    static Nd4jMatrix toRows(Tensor x) {
        int n = x.n();
        int c = x.channels();
        int h = x.height();
        int w = x.width();
        Nd4jMatrix rows = Nd4jBackend.backend().pool().matrix(x.dtype(), (long) n * h * w, c);
        INDArray from = ((Nd4jMatrix) x.matrix()).array().reshape('c', n, c, h, w).permute(0, 2, 3, 1);
        rows.array().reshape('c', n, h, w, c).assign(from);
        reachabilityFence(x);
        return rows;
    }

    /** {@code rows.reshape(N, H, W, C).transpose(0, 3, 1, 2)}: from (N*H*W, C) to a new (N, C, H, W) tensor. */
    static Tensor fromRows(Nd4jMatrix rows, int n, int c, int h, int w) {
        Nd4jMatrix out = Nd4jBackend.backend().pool().matrix(rows.dtype(), n, (long) c * h * w);
        INDArray from = rows.array().reshape('c', n, h, w, c).permute(0, 3, 1, 2);
        out.array().reshape('c', n, c, h, w).assign(from);
        reachabilityFence(rows);
        return new Tensor(out, c, h, w);
    }
}
