package org.backprop4j.conformance.reference;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * The reference every backend is compared with: the {@link Kernels} defaults (the notebooks' order of operations,
 * written once in api, built from {@code Matrix} ops only) over the {@code naive} backend's matrices.
 *
 * <p>Why naive: its matrices are primitive arrays with the textbook loops (the i-j-k product), one thread, no SIMD,
 * no fused multiply-add and one fixed summation order, so a result depends on nothing but the inputs; and naive
 * itself is held by this kit to the exact loops of the Matrix contract and to NumPy's vectors. Why the defaults and
 * not naive's own kernels: every backend's fused kernels ({@code NaiveKernels}' per-element formulas included) are
 * then compared with one unfused formula, so a fused kernel of any backend, naive's too, that drops a term is
 * seen. Its name, and its matrices' {@code backendName()}, are naive's.
 */
public final class ReferenceBackend implements Backend {

    /** The one instance. */
    public static final ReferenceBackend INSTANCE = new ReferenceBackend();

    /** naive, found through the SPI as every backend is (the kit names no backend's classes). */
    private final Backend naive = Backends.get("naive");

    private ReferenceBackend() {
    }

    @Override
    public String name() {
        return naive.name();
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        return naive.zeros(rows, cols, dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        return naive.fromArray(rows, cols, rowMajor, dtype);
    }

    @Override
    public Kernels kernels() {
        return Kernels.DEFAULT;
    }
}
