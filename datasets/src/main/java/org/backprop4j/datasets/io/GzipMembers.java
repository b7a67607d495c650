package org.backprop4j.datasets.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The decompressed content of a gzip file (RFC 1952) that ends where its compressed data end.
 *
 * <p>A gzip file is one or more members, each a header, deflate data and a CRC-32/length trailer;
 * consecutive members decompress to the concatenation of their contents ({@code cat a.gz b.gz}), as
 * {@code gzip -d} and Python's {@code gzip} module read them, so they are accepted here too. Anything
 * else after the last member — garbage, zero padding, a broken second header — is refused with a
 * {@link DatasetFormatException} that counts those bytes, just as extra bytes after the data of an
 * uncompressed file are. ({@link java.util.zip.GZIPInputStream} instead drops them silently.)
 *
 * <p>Failures are reported as the JDK's gzip stream reports them, so {@link UntrustedInput} maps them
 * the same way: {@link EOFException} where the input ends inside a member, {@link ZipException} for a
 * corrupt header, deflate stream or trailer.
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xe0;

    private final String source;
    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    /** The unread raw bytes are {@code buf[pos .. lim)}. */
    private int pos;
    private int lim;
    /** Raw bytes read from {@code in} so far. */
    private long rawRead;
    private boolean ended;

    /**
     * Reads the first member's header.
     *
     * @param source the file, for the message about trailing bytes
     * @throws ZipException if the header is not a gzip header
     * @throws EOFException if the input ends inside it
     */
    GzipMembers(String source, InputStream in) throws IOException {
        this.source = source;
        this.in = in;
        int b0 = rawByte();
        int b1 = rawByte();
        if (b0 != 0x1f || b1 != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        readHeaderAfterMagic();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                readTrailer();
                ended = !nextMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("its deflate data ask for a preset dictionary, which gzip never uses");
            } else if (inflater.needsInput()) {
                if (pos == lim && !fill()) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    private void readTrailer() throws IOException {
        long storedCrc = rawIntLittleEndian();
        long storedSize = rawIntLittleEndian();
        if (storedCrc != crc.getValue() || storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("the gzip checksum or length does not match the data");
        }
    }

    /** Starts the next member if one follows; false at the end of the input; refuses anything else. */
    private boolean nextMember() throws IOException {
        long end = rawRead - (lim - pos);
        int b0 = rawByte();
        if (b0 < 0) {
            return false;
        }
        int b1 = rawByte();
        if (b0 != 0x1f || b1 != 0x8b) {
            long extra = (b1 < 0 ? 1 : 2) + (lim - pos);
            pos = lim;
            byte[] skip = new byte[8192];
            for (int r; (r = in.read(skip)) >= 0;) {
                extra += r;
            }
            throw new DatasetFormatException(source, "it has " + extra + (extra == 1 ? " byte" : " bytes")
                    + " after the end of its gzip data (byte " + end + " of " + (end + extra) + ")");
        }
        try {
            readHeaderAfterMagic();
        } catch (EOFException e) {
            throw new ZipException("the gzip member at byte " + end + " ends inside its header");
        }
        inflater.reset();
        crc.reset();
        return true;
    }

    /** The rest of a member header (RFC 1952 2.3), after {@code 1f 8b}. */
    private void readHeaderAfterMagic() throws IOException {
        headerCrc.reset();
        headerCrc.update(0x1f);
        headerCrc.update(0x8b);
        if (headerByte() != 8) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("reserved gzip header flags are set");
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte() | headerByte() << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte();
            }
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                while (headerByte() != 0) {
                    // a zero-terminated ISO-8859-1 string
                }
            }
        }
        if ((flags & FHCRC) != 0) {
            int want = (int) headerCrc.getValue() & 0xffff;
            int got = requiredByte() | requiredByte() << 8;
            if (got != want) {
                throw new ZipException("Corrupt GZIP header");
            }
        }
    }

    private int headerByte() throws IOException {
        int b = requiredByte();
        headerCrc.update(b);
        return b;
    }

    private long rawIntLittleEndian() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) requiredByte() << (8 * i);
        }
        return v;
    }

    private int requiredByte() throws IOException {
        int b = rawByte();
        if (b < 0) {
            throw new EOFException("Unexpected end of gzip input");
        }
        return b;
    }

    private int rawByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Reads more raw bytes into the empty buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        rawRead += n;
        pos = 0;
        lim = n;
        return true;
    }
}
