package org.backprop4j.examples.toy;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;

/**
 * The {@code toy} backend: {@link ToyMatrix} ({@code double[][]}) and the api's default kernels. An example of a
 * backend outside the project's modules that passes the conformance kit ({@code ToyConformanceTest}).
 */
public class ToyBackend implements Backend {

    /** The name users select this backend by. */
    public static final String NAME = "toy";

    @Override
    public String name() {
        return NAME;
    }

    /** A new zero matrix of this backend; a subclass returns its own kind. */
    protected ToyMatrix newMatrix(int rows, int cols, DType dtype) {
        return new ToyMatrix(name(), rows, cols, dtype);
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        return newMatrix(rows, cols, dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        MatrixChecks.requireLength(rows, cols, rowMajor.length);
        return newMatrix(rows, cols, dtype).create(rows, cols, rowMajor);
    }
}
