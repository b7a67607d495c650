package org.backprop4j.backend.pure.conv;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.kernel.conv.ConvCache;
import org.backprop4j.kernel.conv.ConvGrads;
import org.backprop4j.kernel.conv.ConvParam;
import org.backprop4j.kernel.conv.ConvShape;
import org.backprop4j.kernel.conv.SpatialForward;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.tensor.Tensor;

/**
 * {@code conv_forward_fast} / {@code conv_backward_fast} of {@code pure}: sample by sample, the input lowered
 * ({@link SampleLowering}) and multiplied by the {@code pure} product, with {@code K = C*HH*WW}, {@code P = Hout*Wout}:
 *
 * <pre>
 * out_n  = w (F, K) · cols_n (K, P) + b           already the sample's row of out (N, F, Hout, Wout): no transpose
 * dw     = sum over n of dout_n (F, P) · rows_n (P, K)
 * db     = sum over n and positions of dout_n
 * dx_n   = col2im(wᵀ · dout_n)                     (K, F) · (F, P)
 * </pre>
 *
 * where {@code rows_n = cols_nᵀ} is lowered as it is, so that no product packs a transposed operand (the product
 * reads {@code op(A)} in place and packs {@code op(B)}; packing a transpose is a strided scalar copy, and
 * {@code dout_n · cols_nᵀ} took 1.1-1.4 times as long as {@code dout_n · rows_n} at the benchmark's shape).
 *
 * <p>The samples are spread over the product's threads in {@link SampleChunks}; each sample's matrices live in the
 * thread's {@link Scratch} and stay in its caches from the lowering to the write-back. The lowered input is not kept
 * for the backward pass (the cache's {@code lowered} is null): lowering a sample again from {@code x} reads a third of
 * the bytes that a kept {@code (N, K*P)} copy would, and that copy would cost as much to write in the forward pass.
 */
public final class LoweredConv {

    private final PureProduct gemm;

    /** The convolution on {@code gemm}. */
    public LoweredConv(PureProduct gemm) {
        this.gemm = gemm;
    }

    /**
     * {@code conv_forward_fast}; the operands must be array matrices (the caller falls back otherwise).
     *
     * @return out, shape (N, F, Hout, Wout), and the cache {@code (x, w, b, conv_param)}
     */
    public SpatialForward<ConvCache> forward(Tensor x, Tensor w, Matrix b, ConvParam param) {
        ConvShape s = ConvShape.of("conv_forward_fast", x, w, b, param);
        ArrayMatrix xm = ArrayMatrix.cast(x.matrix());
        ArrayMatrix wm = ArrayMatrix.cast(w.matrix());
        ArrayMatrix bm = ArrayMatrix.cast(b);
        int k = s.patch();
        int p = s.positions();
        ArrayMatrix out = xm.zeros(s.n(), s.f() * p);
        if (out.cols() > 0 && s.n() > 0) {
            SampleLowering index = SampleLowering.byFilterRow(s);
            SampleChunks chunks = SampleChunks.of(s.n());
            chunks.run(SampleChunks.parallel(gemm, work(s)), chunk -> {
                Scratch scratch = Scratch.get();
                ArrayMatrix cols = scratch.matrix(Scratch.COLS, xm, k, p);
                ArrayMatrix prod = scratch.matrix(Scratch.SAMPLE, xm, s.f(), p);
                for (int n = chunks.start(chunk); n < chunks.start(chunk + 1); n++) {
                    index.lower(xm, n, cols);
                    gemm.gemm(1.0, wm, false, cols, false, 0.0, prod, null);
                    SampleRows.putWithBias(prod, bm, out, n);
                }
            });
        }
        return new SpatialForward<>(new Tensor(out, s.f(), s.hOut(), s.wOut()),
                new ConvCache(x, w, b, param, s, null));
    }

    /**
     * {@code conv_backward_fast}: {@code dx} (null unless {@code inputGradient}), {@code dw}, {@code db}; the
     * operands must be array matrices.
     */
    public ConvGrads backward(Tensor dout, ConvCache cache, boolean inputGradient) {
        ConvShape s = cache.shape();
        s.requireOutput("conv_backward_fast", dout);
        MatrixChecks.requireCompatible("conv_backward_fast", dout.matrix(), cache.x().matrix());
        ArrayMatrix dm = ArrayMatrix.cast(dout.matrix());
        ArrayMatrix xm = ArrayMatrix.cast(cache.x().matrix());
        ArrayMatrix wm = ArrayMatrix.cast(cache.w().matrix());
        int k = s.patch();
        int p = s.positions();
        int f = s.f();
        ArrayMatrix dx = inputGradient ? xm.zeros(s.n(), xm.cols()) : null;
        SampleChunks chunks = SampleChunks.of(s.n());
        ArrayMatrix[] dwParts = new ArrayMatrix[chunks.chunks()];
        double[][] dbParts = new double[chunks.chunks()][f];
        if (f > 0 && s.n() > 0) {
            SampleLowering byPosition = SampleLowering.byPosition(s);
            SampleLowering byFilterRow = inputGradient ? SampleLowering.byFilterRow(s) : null;
            chunks.run(SampleChunks.parallel(gemm, (inputGradient ? 2 : 1) * work(s)), chunk -> {
                Scratch scratch = Scratch.get();
                ArrayMatrix rows = scratch.matrix(Scratch.ROWS, xm, p, k);
                ArrayMatrix d = scratch.matrix(Scratch.SAMPLE, xm, f, p);
                ArrayMatrix dcols = inputGradient ? scratch.matrix(Scratch.DCOLS, xm, k, p) : null;
                ArrayMatrix dw = xm.zeros(f, k);
                int first = chunks.start(chunk);
                for (int n = first; n < chunks.start(chunk + 1); n++) {
                    byPosition.lower(xm, n, rows);
                    SampleRows.take(dm, n, d, dbParts[chunk]);
                    gemm.gemm(1.0, d, false, rows, false, n == first ? 0.0 : 1.0, dw, null);
                    if (inputGradient) {
                        gemm.gemm(1.0, wm, true, d, false, 0.0, dcols, null);
                        byFilterRow.addBack(dcols, dx, n);
                    }
                }
                dwParts[chunk] = dw;
            });
        }
        ArrayMatrix dw = xm.zeros(f, k);
        ArrayMatrix db = xm.zeros(1, f);
        sumInOrder(dwParts, dw);
        for (int g = 0; g < f; g++) {
            double sum = 0;
            for (double[] part : dbParts) {
                sum += part[g];
            }
            db.put(g, sum);
        }
        Tensor dxTensor = dx == null ? null : new Tensor(dx, s.c(), s.h(), s.w());
        return new ConvGrads(dxTensor, new Tensor(dw, s.c(), s.hh(), s.ww()), db);
    }

    /** {@code into = parts[0] + parts[1] + ...}, left to right in double, rounded once (absent parts are zero). */
    private static void sumInOrder(ArrayMatrix[] parts, ArrayMatrix into) {
        int size = into.rows() * into.cols();
        for (int i = 0; i < size; i++) {
            double sum = 0;
            for (ArrayMatrix part : parts) {
                if (part != null) {
                    sum += part.at(i);
                }
            }
            into.put(i, sum);
        }
    }

    /** The forward product's multiply-adds, {@code N * F * K * P}. */
    private static long work(ConvShape s) {
        return (long) s.n() * s.f() * s.patch() * s.positions();
    }
}
