package org.backprop4j.benchmarks;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every benchmark of the training step shares (JMH honours {@code @Param} fields of a
 * state's superclass): the backend, the dtype and the shapes N, D, H, C of cs231n's two-layer net on a
 * CIFAR-10-sized input, W1 (D, H), W2 (H, C).
 */
@State(Scope.Benchmark)
public abstract class TrainingShapes {

    /** Backend name. */
    @Param({"naive", "pure", "ejml", "nd4j"})
    public String backend;

    /** Element type. */
    @Param({"float64", "float32"})
    public String dtype;

    /** Batch size N. */
    @Param("200")
    public int n;

    /** Input dimension D. */
    @Param("3072")
    public int d;

    /** Hidden size H. */
    @Param("100")
    public int h;

    /** Number of classes C. */
    @Param("10")
    public int c;

    /** The backend, looked up by name through ServiceLoader (one that cannot start fails the setup with the reason). */
    protected Backend backend() {
        return Backends.get(backend);
    }

    /** The dtype. */
    protected DType dtype() {
        return DType.parse(dtype);
    }
}
