package org.backprop4j.datasets.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes NPY files as {@code np.save} does (format version 1.0, C order): little-endian float64
 * ({@code <f8}) or float32 ({@code <f4}) arrays of any shape. {@link NpyReader} reads them back.
 */
public final class NpyWriter {

    /** {@code <f8}. */
    public static final NpyDType FLOAT64 = NpyDType.parse("<f8");
    /** {@code <f4}. */
    public static final NpyDType FLOAT32 = NpyDType.parse("<f4");

    private NpyWriter() {
    }

    /**
     * Writes the header and {@code values} to {@code out}.
     *
     * @param dtype  {@link #FLOAT64} or {@link #FLOAT32}; float32 values are rounded to float ({@code (float) v},
     *               exact for values a float32 matrix holds)
     * @param shape  the dimensions; their product must be {@code values.length}
     * @param values the elements in C order
     */
    public static void write(OutputStream out, NpyDType dtype, long[] shape, double[] values) throws IOException {
        if (dtype.kind() != 'f' || dtype.bigEndian()) {
            throw new IllegalArgumentException("NpyWriter writes <f8 and <f4, not " + dtype + ".");
        }
        NpyHeader header = new NpyHeader(dtype, false, shape);
        if (header.elements() != values.length) {
            throw new IllegalArgumentException("an array of shape " + header.shapeString() + " has "
                    + header.elements() + " elements, not " + values.length + ".");
        }
        out.write(header.toBytes());
        ByteBuffer buf = ByteBuffer.allocate(1 << 15).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (buf.remaining() < dtype.size()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (dtype.size() == 8) {
                buf.putDouble(v);
            } else {
                buf.putFloat((float) v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The NPY file of {@link #write} as bytes. */
    public static byte[] toBytes(NpyDType dtype, long[] shape, double[] values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b, dtype, shape, values);
        } catch (IOException e) {
            throw new AssertionError("a ByteArrayOutputStream does not fail", e);
        }
        return b.toByteArray();
    }
}
