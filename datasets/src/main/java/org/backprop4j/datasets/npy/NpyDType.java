package org.backprop4j.datasets.npy;

import java.util.Locale;

/**
 * The element types this reader accepts from an NPY header's {@code descr}: {@code <f8}, {@code <f4},
 * {@code |u1}, {@code <i8}, {@code <i4} and their big-endian ({@code >}) variants.
 *
 * @param kind {@code 'f'} (IEEE float), {@code 'i'} (signed integer) or {@code 'u'} (unsigned integer)
 * @param size bytes per element
 * @param bigEndian byte order of multi-byte elements
 */
public record NpyDType(char kind, int size, boolean bigEndian) {

    /** The descriptors accepted, for error messages. */
    public static final String SUPPORTED = "<f8, <f4, |u1, <i8, <i4 (or > for big-endian)";

    /**
     * Parses a {@code descr} string such as {@code <f8}.
     *
     * @return the type, or null if it is not one of {@link #SUPPORTED}
     */
    public static NpyDType parse(String descr) {
        if (descr.length() < 3) {
            return null;
        }
        char order = descr.charAt(0);
        String type = descr.substring(1).toLowerCase(Locale.ROOT);
        if (order != '<' && order != '>' && order != '|') {
            return null;
        }
        return switch (type) {
            case "u1" -> new NpyDType('u', 1, false);
            case "f8", "f4", "i8", "i4" -> order == '|'
                    ? null
                    : new NpyDType(type.charAt(0), type.charAt(1) - '0', order == '>');
            default -> null;
        };
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return kind != 'f';
    }

    /** The element at {@code byteOffset} of {@code data}, as a double. */
    public double toDouble(byte[] data, int byteOffset) {
        long bits = bits(data, byteOffset);
        return switch (kind) {
            case 'f' -> size == 8 ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
            case 'u' -> bits;
            default -> size == 8 ? bits : (int) bits;
        };
    }

    /** Element at {@code byteOffset} as a long; only for integer types. */
    public long toLong(byte[] data, int byteOffset) {
        long bits = bits(data, byteOffset);
        return kind == 'u' || size == 8 ? bits : (int) bits;
    }

    private long bits(byte[] data, int at) {
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < size; i++) {
                v = v << 8 | (data[at + i] & 0xff);
            }
        } else {
            for (int i = size - 1; i >= 0; i--) {
                v = v << 8 | (data[at + i] & 0xff);
            }
        }
        return v;
    }

    /** The NPY descriptor, e.g. {@code <f8}. */
    public String descr() {
        return (size == 1 ? "|" : bigEndian ? ">" : "<") + kind + size;
    }

    @Override
    public String toString() {
        return descr();
    }
}
