package org.backprop4j.examples.toy;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;

/**
 * The toy backend with one deliberate bug, an off-by-one in a reduction: {@code sum(axis=0)} leaves out the last
 * row. Everything built on it is wrong too (affine's {@code db}, batchnorm's mean, softmax's ...), and the kit must
 * say so, naming the operation, the shape and the dtype.
 */
public final class BrokenToyBackend extends ToyBackend {

    /** The name users select this backend by. */
    public static final String NAME = "toy-broken";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected ToyMatrix newMatrix(int rows, int cols, DType dtype) {
        return new OffByOne(rows, cols, dtype);
    }

    /** A toy matrix whose column sums stop one row short. */
    static final class OffByOne extends ToyMatrix {

        OffByOne(int rows, int cols, DType dtype) {
            super(NAME, rows, cols, dtype);
        }

        @Override
        protected ToyMatrix make(int rows, int cols, DType dtype) {
            return new OffByOne(rows, cols, dtype);
        }

        @Override
        public Matrix sum(int axis) {
            if (axis != 0) {
                return super.sum(axis);
            }
            MatrixChecks.requireAxis(axis);
            OffByOne out = new OffByOne(1, cols(), dtype());
            for (int r = 0; r < rows() - 1; r++) { // the bug: rows() - 1
                for (int c = 0; c < cols(); c++) {
                    out.data[0][c] = dtype().round(out.data[0][c] + data[r][c]);
                }
            }
            return out;
        }
    }
}
