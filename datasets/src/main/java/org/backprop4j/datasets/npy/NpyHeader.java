package org.backprop4j.datasets.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.backprop4j.datasets.io.UntrustedInput;

/**
 * The header of an NPY file (format versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, the
 * version, the header length (2 bytes little-endian in version 1, 4 in versions 2 and 3) and a Python
 * dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * @param dtype the element type
 * @param fortranOrder true if the data are stored column-major
 * @param shape the array's dimensions
 */
public record NpyHeader(NpyDType dtype, boolean fortranOrder, long[] shape) {

    /** Largest header accepted (NumPy's own reader stops at 10,000 bytes by default). */
    static final int MAX_HEADER_LENGTH = 1 << 16;

    /** The digits NumPy leaves room for in the growing dimension of a header it writes. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The array's dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements, the product of the shape. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as NumPy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
    public String shapeString() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The header as {@code np.save} writes it (format version 1.0), byte for byte as NumPy's
     * {@code _write_array_header}: the magic, the version, the little-endian length, the dict literal with room for
     * the first dimension to grow to 21 digits, padded with spaces and ended by a newline so that the data start at a
     * multiple of 64 bytes.
     *
     * @throws IllegalStateException if the dict does not fit version 1.0's 65,535 bytes
     */
    public byte[] toBytes() {
        String shapeText = shape.length == 0 ? "()" : shapeString();
        StringBuilder dict = new StringBuilder("{'descr': '" + dtype.descr() + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': " + shapeText + ", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS
                    - Long.toString(shape[fortranOrder ? shape.length - 1 : 0]).length())));
        }
        int preamble = MAGIC.length + 2 + 2;
        int hlen = dict.length() + 1;
        int padlen = 64 - (preamble + hlen) % 64;
        int length = hlen + padlen;
        if (length > 0xffff) {
            throw new IllegalStateException("an NPY 1.0 header holds at most 65535 bytes, not " + length + ".");
        }
        ByteBuffer b = ByteBuffer.allocate(preamble + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) length);
        b.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        while (b.remaining() > 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** Reads and checks a header, leaving {@code in} at the first data byte. */
    public static NpyHeader read(UntrustedInput in) throws IOException {
        byte[] magic = in.readBytes(MAGIC.length, "the NPY magic string");
        if (!Arrays.equals(magic, MAGIC)) {
            throw in.error("it does not start with the NPY magic string \\x93NUMPY");
        }
        int major = in.readUnsignedByte("the format version");
        int minor = in.readUnsignedByte("the format version");
        if (major < 1 || major > 3 || minor != 0) {
            throw in.error("its NPY format version is " + major + "." + minor + ", not 1.0, 2.0 or 3.0");
        }
        long length = in.readUnsignedLittleEndian(major == 1 ? 2 : 4, "the header length");
        if (length > MAX_HEADER_LENGTH) {
            throw in.error("its header claims " + length + " bytes, more than the " + MAX_HEADER_LENGTH + " accepted");
        }
        byte[] raw = in.readBytes(length, "the header");
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(text, in);
    }

    /** Parses the dict literal. */
    static NpyHeader parse(String text, UntrustedInput in) throws IOException {
        Map<String, Object> dict;
        try {
            dict = new Literal(text).dict();
        } catch (IllegalArgumentException e) {
            throw in.error("its header is not the dict an NPY file has (" + e.getMessage() + ")");
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw in.error("its header has the keys " + dict.keySet().stream().sorted().collect(Collectors.toList())
                    + ", not exactly descr, fortran_order and shape");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw in.error("its header's descr is not a string");
        }
        NpyDType dtype = NpyDType.parse((String) descr);
        if (dtype == null) {
            throw in.error("its dtype '" + descr + "' is not supported (only " + NpyDType.SUPPORTED + ")");
        }
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw in.error("its header's fortran_order is not True or False");
        }
        if (!(dict.get("shape") instanceof long[])) {
            throw in.error("its header's shape is not a tuple of integers");
        }
        long[] shape = (long[]) dict.get("shape");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw in.error("its shape has a negative dimension");
            }
            if (d != 0 && n > Long.MAX_VALUE / d) {
                throw in.error("its shape " + Arrays.toString(shape) + " has too many elements");
            }
            n *= d;
        }
        boolean fortran = (Boolean) dict.get("fortran_order");
        if (fortran && shape.length > 1) {
            throw in.error(
                    "its array is stored in Fortran (column-major) order; save it in C order, e.g. np.save(f, np.ascontiguousarray(a))");
        }
        return new NpyHeader(dtype, fortran, shape);
    }

    /** A strict parser of the Python literal subset NPY headers use: dict, str, True/False, tuple of ints. */
    private static final class Literal {
        private final String s;
        private int at;

        Literal(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            skipSpace();
            expect('{');
            Map<String, Object> map = new HashMap<>();
            skipSpace();
            while (peek() != '}') {
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (map.put(key, value()) != null) {
                    throw new IllegalArgumentException("the key '" + key + "' appears twice");
                }
                skipSpace();
                if (peek() == ',') {
                    at++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } at character " + at);
                }
            }
            at++;
            skipSpace();
            if (at != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dict at character " + at);
            }
            return map;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                throw new IllegalArgumentException("a value is a list (a structured dtype?), which is not supported");
            }
            for (String word : new String[] {"True", "False"}) {
                if (s.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("True");
                }
            }
            throw new IllegalArgumentException("unexpected character '" + c + "' at character " + at);
        }

        private long[] tuple() {
            expect('(');
            long[] dims = new long[0];
            skipSpace();
            while (peek() != ')') {
                int start = at;
                while (at < s.length() && Character.isDigit(s.charAt(at))) {
                    at++;
                }
                if (start == at || at - start > 18) {
                    throw new IllegalArgumentException(
                            "a shape dimension is not a non-negative integer at character " + start);
                }
                dims = Arrays.copyOf(dims, dims.length + 1);
                dims[dims.length - 1] = Long.parseLong(s.substring(start, at));
                if (peek() == 'L') {
                    at++;
                }
                skipSpace();
                if (peek() == ',') {
                    at++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw new IllegalArgumentException("expected , or ) at character " + at);
                }
                if (dims.length > 64) {
                    throw new IllegalArgumentException("the shape has more than 64 dimensions");
                }
            }
            at++;
            return dims;
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw new IllegalArgumentException("expected a quoted string at character " + at);
            }
            int end = s.indexOf(quote, at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("a string is not closed");
            }
            String v = s.substring(at + 1, end);
            at = end + 1;
            return v;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at character " + at);
            }
            at++;
        }

        private char peek() {
            if (at >= s.length()) {
                throw new IllegalArgumentException("the header ends early");
            }
            return s.charAt(at);
        }

        private void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }
    }
}
