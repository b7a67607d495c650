package org.backprop4j.datasets.npy;

import java.util.Objects;

/**
 * An array read whole from an NPY file: its header and its raw bytes in the file's dtype and byte
 * order, C order. Meant for small arrays such as labels; a large data matrix is streamed straight into
 * a backend with {@link NpyReader#readMatrix}.
 */
public final class NpyArray {

    private final NpyHeader header;
    private final byte[] data;

    /** @param data {@code header.elements() * header.dtype().size()} bytes (kept, not copied) */
    public NpyArray(NpyHeader header, byte[] data) {
        this.header = Objects.requireNonNull(header, "header");
        this.data = Objects.requireNonNull(data, "data");
        if (header.elements() * header.dtype().size() != data.length) {
            throw new IllegalArgumentException("an array of shape " + header.shapeString() + " and dtype "
                    + header.dtype() + " needs " + header.elements() * header.dtype().size() + " bytes, not "
                    + data.length + ".");
        }
    }

    /** The header: dtype, order, shape. */
    public NpyHeader header() {
        return header;
    }

    /** The dimensions. */
    public long[] shape() {
        return header.shape();
    }

    /** Number of elements. */
    public int size() {
        return (int) header.elements();
    }

    /** Element {@code i} in C order, as a double. */
    public double getDouble(int i) {
        Objects.checkIndex(i, size());
        return header.dtype().toDouble(data, i * header.dtype().size());
    }

    /** Element {@code i} in C order, as a long; the dtype must be an integer type. */
    public long getLong(int i) {
        Objects.checkIndex(i, size());
        if (!header.dtype().isInteger()) {
            throw new IllegalStateException("an array of dtype " + header.dtype() + " holds no integers.");
        }
        return header.dtype().toLong(data, i * header.dtype().size());
    }

    /** All elements in C order as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }
}
