package org.backprop4j.datasets.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A byte stream from a data file that is not trusted: gzip is recognised by its magic bytes
 * ({@code 1f 8b}), never by the file name, and must end where its compressed data end (see
 * {@link GzipMembers}); every read says what it was reading, so that a short,
 * corrupt or oversized file fails with one {@link DatasetFormatException} naming the file; and no read
 * allocates more than the input has actually delivered (a header that claims 2<sup>31</sup> elements
 * cannot cause an {@link OutOfMemoryError}: the buffer grows only as data arrive).
 */
public final class UntrustedInput implements Closeable {

    /** The largest array this class allocates, a little under {@link Integer#MAX_VALUE} as the JDK's own limit. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** First buffer size when the remaining length is not known. */
    private static final int FIRST_CHUNK = 1 << 16;
    /** How much a gzip stream is assumed to expand, for the first buffer only. */
    private static final int GZIP_RATIO_GUESS = 8;

    private final String source;
    private final InputStream in;
    private final boolean gzipped;
    /** Bytes left in an uncompressed input of known length, or -1. */
    private final long knownLength;
    /** Size of the compressed input, or -1; only a hint for the first buffer. */
    private final long compressedLength;
    private long position;

    private UntrustedInput(String source, InputStream in, boolean gzipped, long knownLength, long compressedLength) {
        this.source = source;
        this.in = in;
        this.gzipped = gzipped;
        this.knownLength = knownLength;
        this.compressedLength = compressedLength;
    }

    /**
     * Opens {@code file}, decompressing it if it starts with the gzip magic bytes.
     *
     * @throws DatasetNotFoundException if the file does not exist
     * @throws DatasetFormatException if it starts like gzip but its gzip header is broken
     */
    public static UntrustedInput open(Path file) throws IOException {
        long size;
        InputStream raw;
        try {
            size = Files.size(file);
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DatasetNotFoundException("The file " + file + " does not exist.");
        }
        return of(file.toString(), raw, size);
    }

    /** Reads {@code bytes}, decompressing them if they start with the gzip magic bytes. */
    public static UntrustedInput of(String source, byte[] bytes) throws IOException {
        return of(source, new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Reads {@code raw}, decompressing it if it starts with the gzip magic bytes.
     *
     * @param length the stream's length in bytes if known, else -1
     */
    public static UntrustedInput of(String source, InputStream raw, long length) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new UntrustedInput(source, new GzipMembers(source, buffered), true, -1, length);
            } catch (ZipException | EOFException e) {
                buffered.close();
                throw new DatasetFormatException(source, "it starts like a gzip file but its gzip header is broken", e);
            }
        }
        return new UntrustedInput(source, buffered, false, length, -1);
    }

    /** The file name used in error messages. */
    public String source() {
        return source;
    }

    /** True if the input is gzip data being decompressed. */
    public boolean gzipped() {
        return gzipped;
    }

    /** Bytes read so far (after decompression). */
    public long position() {
        return position;
    }

    /** Bytes left if the input's length is known (uncompressed input of known size), else -1. */
    public long remaining() {
        return knownLength >= 0 ? Math.max(0, knownLength - position) : -1;
    }

    /** A format error about this input. */
    public DatasetFormatException error(String problem) {
        return new DatasetFormatException(source, problem);
    }

    /** One byte, 0..255. */
    public int readUnsignedByte(String what) throws IOException {
        int b = read();
        if (b < 0) {
            throw truncated(what, 1, 0);
        }
        return b;
    }

    /** A big-endian 32-bit integer. */
    public int readIntBigEndian(String what) throws IOException {
        byte[] b = readBytes(4, what);
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** A little-endian unsigned integer of {@code width} bytes (at most 4). */
    public long readUnsignedLittleEndian(int width, String what) throws IOException {
        byte[] b = readBytes(width, what);
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /**
     * Exactly {@code n} bytes. The buffer grows as data arrive, so a false length in a header costs no
     * more memory than the input really holds.
     *
     * @param what what the bytes are, for the error message, e.g. "the 60000 labels"
     */
    public byte[] readBytes(long n, String what) throws IOException {
        if (n < 0 || n > MAX_ARRAY_LENGTH) {
            throw error(what + " would take " + n + " bytes, more than one Java array can hold");
        }
        int len = (int) n;
        if (knownLength >= 0 && len > knownLength - position) {
            throw truncated(what, len, Math.max(0, knownLength - position));
        }
        int capacity = knownLength >= 0
                ? len
                : (int) Math.min(len,
                        Math.max(FIRST_CHUNK, Math.min(MAX_ARRAY_LENGTH, compressedLength * GZIP_RATIO_GUESS)));
        byte[] buf = new byte[capacity];
        int filled = 0;
        while (filled < len) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(len, Math.max(FIRST_CHUNK, 2L * buf.length)));
            }
            int r = read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw truncated(what, len, filled);
            }
            filled += r;
        }
        return buf;
    }

    /**
     * Everything up to the end of the input, at most {@link #MAX_ARRAY_LENGTH} bytes; the buffer grows as
     * data arrive.
     *
     * @param what what the bytes are, for the error message
     */
    public byte[] readAll(String what) throws IOException {
        if (knownLength >= 0) {
            return readBytes(Math.max(0, knownLength - position), what);
        }
        byte[] buf = new byte[FIRST_CHUNK];
        int filled = 0;
        while (true) {
            if (filled == buf.length) {
                if (buf.length == MAX_ARRAY_LENGTH) {
                    if (read() >= 0) {
                        throw error(what + " take more bytes than one Java array can hold");
                    }
                    return buf;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY_LENGTH, 2L * buf.length));
            }
            int r = read(buf, filled, buf.length - filled);
            if (r < 0) {
                return Arrays.copyOf(buf, filled);
            }
            filled += r;
        }
    }

    /** Fills {@code dst[off .. off+len)}; the caller has already checked that such an array is sensible. */
    public void readFully(byte[] dst, int off, int len, String what) throws IOException {
        int filled = 0;
        while (filled < len) {
            int r = read(dst, off + filled, len - filled);
            if (r < 0) {
                throw truncated(what, len, filled);
            }
            filled += r;
        }
    }

    /** Reads and discards exactly {@code n} bytes. */
    public void skipExactly(long n, String what) throws IOException {
        byte[] skip = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = read(skip, 0, (int) Math.min(skip.length, left));
            if (r < 0) {
                throw truncated(what, n, n - left);
            }
            left -= r;
        }
    }

    /**
     * Checks that nothing follows the data just read.
     *
     * @param what what the data were, e.g. "the 10000 images its header announces"
     */
    public void expectEnd(String what) throws IOException {
        long extra = 0;
        byte[] skip = new byte[8192];
        int r;
        while ((r = read(skip, 0, skip.length)) >= 0) {
            extra += r;
        }
        if (extra > 0) {
            throw error("it has " + extra + " bytes more than " + what + " (" + position + " bytes in all)");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private DatasetFormatException truncated(String what, long needed, long got) {
        return error("it is truncated: " + what + " need " + needed + " bytes but only " + got + " remain"
                + (gzipped ? " after decompression" : ""));
    }

    private int read() throws IOException {
        int b = guarded(() -> in.read());
        if (b >= 0) {
            position++;
        }
        return b;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        int r = guarded(() -> in.read(b, off, len));
        if (r > 0) {
            position += r;
        }
        return r;
    }

    private int guarded(IoCall call) throws IOException {
        try {
            return call.run();
        } catch (EOFException e) {
            throw new DatasetFormatException(source, "its compressed data end early (a truncated download?)", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(source, "its compressed data are corrupt (" + e.getMessage() + ")", e);
        }
    }

    @FunctionalInterface
    private interface IoCall {
        int run() throws IOException;
    }
}
