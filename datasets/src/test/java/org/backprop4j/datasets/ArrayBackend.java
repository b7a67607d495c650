package org.backprop4j.datasets;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * A minimal in-test backend for the loaders: a matrix is a row-major {@code double[]} (values rounded to
 * the dtype) behind a {@link Proxy} that answers only shape, dtype and element access. It counts
 * {@link #fromArray} calls, so tests can check that loaders fill matrices through {@link #fromRows}.
 */
public final class ArrayBackend implements Backend {

    /** Calls of {@link #fromArray} so far. */
    public final AtomicInteger fromArrayCalls = new AtomicInteger();
    /** Calls of {@link #fromRows(int, int, DType, RowSource)} so far. */
    public final AtomicInteger fromRowsCalls = new AtomicInteger();

    @Override
    public String name() {
        return "array";
    }

    @Override
    public Matrix zeros(int rows, int cols, DType dtype) {
        return matrix(rows, cols, new double[Math.multiplyExact(rows, cols)], dtype);
    }

    @Override
    public Matrix fromArray(int rows, int cols, double[] rowMajor, DType dtype) {
        fromArrayCalls.incrementAndGet();
        double[] a = rowMajor.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = dtype.round(a[i]);
        }
        return matrix(rows, cols, a, dtype);
    }

    @Override
    public Matrix fromRows(int rows, int cols, DType dtype, RowSource source) {
        fromRowsCalls.incrementAndGet();
        double[] a = new double[Math.multiplyExact(rows, cols)];
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            source.row(r, row);
            for (int c = 0; c < cols; c++) {
                a[r * cols + c] = dtype.round(row[c]);
            }
        }
        return matrix(rows, cols, a, dtype);
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method + " is not needed by the loaders' tests");
    }

    private Matrix matrix(int rows, int cols, double[] a, DType dtype) {
        InvocationHandler h = (proxy, method, args) -> {
            switch (method.getName()) {
                case "backendName": return name();
                case "dtype": return dtype;
                case "rows": return rows;
                case "cols": return cols;
                case "get": return a[(Integer) args[0] * cols + (Integer) args[1]];
                case "set": a[(Integer) args[0] * cols + (Integer) args[1]] = dtype.round((Double) args[2]); return null;
                case "toArray": return a.clone();
                case "min": return Arrays.stream(a).min().orElse(Double.NaN);
                case "max": return args == null ? Arrays.stream(a).max().orElse(Double.NaN) : unsupported(method.getName());
                case "sum": return args == null ? Arrays.stream(a).sum() : unsupported(method.getName());
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                case "toString": return "ArrayMatrix(" + rows + ", " + cols + ", " + dtype + ")";
                default:
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    return unsupported(method.getName());
            }
        };
        return (Matrix) Proxy.newProxyInstance(Matrix.class.getClassLoader(), new Class<?>[] {Matrix.class}, h);
    }
}
