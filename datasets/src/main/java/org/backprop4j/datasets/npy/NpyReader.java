package org.backprop4j.datasets.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Reads NPY files ({@code np.save}): versions 1.0, 2.0 and 3.0, dtypes {@value NpyDType#SUPPORTED},
 * C order only. The header and the data length are checked; nothing after the data is allowed.
 */
public final class NpyReader {

    private NpyReader() {
    }

    /** Reads the whole array in {@code file}. */
    public static NpyArray read(Path file) throws IOException {
        try (UntrustedInput in = UntrustedInput.open(file)) {
            return read(in);
        }
    }

    /** Reads a whole array (header and data) from {@code in}. */
    public static NpyArray read(UntrustedInput in) throws IOException {
        NpyHeader header = NpyHeader.read(in);
        byte[] data = in.readBytes(dataBytes(header, in),
                "the " + header.elements() + " elements of shape " + header.shapeString());
        in.expectEnd("the array");
        return new NpyArray(header, data);
    }

    /**
     * Reads an array of two or more dimensions as a {@code (shape[0], product of the other dimensions)}
     * matrix — NumPy's {@code a.reshape(len(a), -1)} — values exactly as stored (rounded to
     * {@code dtype}). When the input's length is known the rows are streamed into the backend, so
     * the data are held once; otherwise the raw bytes are read first.
     *
     * @param name what the array is, for messages, e.g. {@code X_train}
     * @param maxRows read only the first {@code maxRows} rows (the rest is skipped but must be there);
     *     negative for all
     * @throws DatasetFormatException if the file is malformed, the array has fewer than two dimensions
     *     or holds NaN or infinity
     */
    public static Matrix readMatrix(UntrustedInput in, String name, int maxRows, Backend backend, DType dtype)
            throws IOException {
        NpyHeader header = NpyHeader.read(in);
        long[] shape = header.shape();
        if (shape.length < 2) {
            throw in.error(
                    name + " has shape " + header.shapeString() + ", but a data matrix needs two or more dimensions");
        }
        long cols = 1;
        for (int d = 1; d < shape.length; d++) {
            cols *= shape[d];
        }
        long rows = shape[0];
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || rows * cols > UntrustedInput.MAX_ARRAY_LENGTH) {
            throw in.error(name + " has shape " + header.shapeString() + ", too large for one matrix");
        }
        if (cols * header.dtype().size() > UntrustedInput.MAX_ARRAY_LENGTH) {
            throw in.error(name + " has rows of " + cols + " values, too wide to read one at a time");
        }
        long bytes = header.elements() * header.dtype().size();
        String what = "the " + header.elements() + " elements of " + name;
        if (in.remaining() >= 0 && bytes > in.remaining()) {
            in.readBytes(bytes, what); // fails: the input is shorter than the header says, checked before allocating
        }
        int r0 = maxRows < 0 ? (int) rows : (int) Math.min(rows, maxRows);
        int c0 = (int) cols;
        int size = header.dtype().size();
        NpyDType t = header.dtype();
        Matrix m;
        if (r0 == 0 || c0 == 0) {
            // nothing to stream; and no row buffer as wide as a header may claim
            m = backend.zeros(r0, c0, dtype);
            in.skipExactly(bytes, what);
            in.expectEnd("the array");
            return m;
        }
        try {
            if (in.remaining() >= 0) {
                byte[] row = new byte[c0 * size];
                m = backend.fromRows(r0, c0, dtype, new Backend.RowSource() {
                    private int next;

                    @Override
                    public void row(int r, double[] buffer) {
                        if (r != next++) {
                            throw new IllegalStateException("NPY rows are streamed and must be asked for in order; row "
                                    + r + " was asked for after row " + (next - 2) + ".");
                        }
                        try {
                            in.readFully(row, 0, row.length, what);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        decode(t, row, 0, buffer, r);
                    }
                });
            } else {
                byte[] all = in.readBytes(dataBytes(header, in), what);
                m = backend.fromRows(r0, c0, dtype, (r, buffer) -> decode(t, all, r * c0 * size, buffer, r));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (NonFinite e) {
            throw in.error(name + " holds " + e.value + " at row " + e.row + ", column " + e.col
                    + " (data must be finite)");
        }
        if (in.remaining() >= 0) {
            in.skipExactly((rows - r0) * cols * size, what);
        }
        in.expectEnd("the array");
        return m;
    }

    private static void decode(NpyDType t, byte[] src, int offset, double[] out, int r) {
        int size = t.size();
        for (int c = 0; c < out.length; c++) {
            double v = t.toDouble(src, offset + c * size);
            if (!Double.isFinite(v)) {
                throw new NonFinite(r, c, v);
            }
            out[c] = v;
        }
    }

    private static long dataBytes(NpyHeader header, UntrustedInput in) throws DatasetFormatException {
        long n = header.elements();
        if (n > UntrustedInput.MAX_ARRAY_LENGTH / header.dtype().size()) {
            throw in.error("its shape " + header.shapeString() + " needs more bytes than one Java array can hold");
        }
        return n * header.dtype().size();
    }

    /** A NaN or infinity found while filling a matrix. */
    private static final class NonFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int row;
        private final int col;
        private final double value;

        NonFinite(int row, int col, double value) {
            super(null, null, false, false);
            this.row = row;
            this.col = col;
            this.value = value;
        }
    }
}
