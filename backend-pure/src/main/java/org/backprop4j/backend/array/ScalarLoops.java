package org.backprop4j.backend.array;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.UnaryOp;

/**
 * The reference element-wise loops: one element at a time, each by the api's definition ({@link BinaryOp#apply},
 * {@link UnaryOp#apply}, {@link UnaryOp#reluMask}), read through {@link ArrayMatrix#at} and written
 * through {@link ArrayMatrix#put}, so every value is computed in double and rounded to the dtype on store
 * (for {@code + - * /} and {@code sqrt} that is exactly IEEE single precision in float32). Sums accumulate
 * in double, in index order. {@code naive} always runs these; {@code pure} runs them when the Vector API is
 * not available.
 */
public final class ScalarLoops implements ElementLoops {

    /** The one instance; the loops hold no state. */
    public static final ScalarLoops INSTANCE = new ScalarLoops();

    private ScalarLoops() {
    }

    @Override
    public void zip(BinaryOp op, ArrayMatrix x, int xo, ArrayMatrix y, int yo, ArrayMatrix out, int oo, int n) {
        for (int j = 0; j < n; j++) {
            out.put(oo + j, op.apply(x.at(xo + j), y.at(yo + j)));
        }
    }

    @Override
    public void zipScalar(BinaryOp op, ArrayMatrix x, int xo, double s, ArrayMatrix out, int oo, int n) {
        for (int j = 0; j < n; j++) {
            out.put(oo + j, op.apply(x.at(xo + j), s));
        }
    }

    @Override
    public void map(UnaryOp f, ArrayMatrix x, ArrayMatrix out) {
        int n = x.rows() * x.cols();
        for (int i = 0; i < n; i++) {
            out.put(i, f.apply(x.at(i)));
        }
    }

    @Override
    public void axpy(double alpha, ArrayMatrix x, ArrayMatrix y) {
        int n = y.rows() * y.cols();
        for (int i = 0; i < n; i++) {
            y.put(i, y.at(i) + alpha * x.at(i));
        }
    }

    @Override
    public double sum(ArrayMatrix x) {
        int n = x.rows() * x.cols();
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += x.at(i);
        }
        return acc;
    }

    @Override
    public double sumOfSquares(ArrayMatrix x) {
        int n = x.rows() * x.cols();
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double v = x.at(i);
            acc += v * v;
        }
        return acc;
    }

    @Override
    public void columnSums(ArrayMatrix x, ArrayMatrix out) {
        int rows = x.rows();
        int cols = x.cols();
        for (int c = 0; c < cols; c++) {
            double acc = 0;
            for (int r = 0; r < rows; r++) {
                acc += x.at(r * cols + c);
            }
            out.put(c, acc);
        }
    }

    @Override
    public void reluBackward(ArrayMatrix dout, ArrayMatrix x, ArrayMatrix dx, ArrayMatrix db) {
        int n = dout.rows() * dout.cols();
        for (int i = 0; i < n; i++) {
            dx.put(i, dout.at(i) * UnaryOp.reluMask(x.at(i)));
        }
        if (db != null) {
            columnSums(dx, db);
        }
    }
}
