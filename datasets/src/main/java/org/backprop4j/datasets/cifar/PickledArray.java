package org.backprop4j.datasets.cifar;

import java.nio.charset.StandardCharsets;

/**
 * A NumPy array rebuilt from a pickle as plain data: what {@code numpy.core.multiarray._reconstruct}
 * returns, filled in by the pickle's BUILD with the state {@code (version, shape, dtype, is_fortran,
 * raw_bytes)}, or what {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)} returns.
 * Nothing of NumPy is run.
 */
final class PickledArray {

    private long[] shape;
    private PickledDType dtype;
    private boolean fortranOrder;
    private byte[] data;

    /** Applies {@code ndarray.__setstate__(state)}; returns a problem description, or null if the state is valid. */
    String setState(Object stateObject) {
        if (!(stateObject instanceof Object[])) {
            return "the state of a numpy array is not a tuple";
        }
        Object[] state = (Object[]) stateObject;
        int at = state.length == 5 ? 1 : 0;
        if (state.length != 4 && state.length != 5) {
            return "the state of a numpy array has " + state.length + " items, not 4 or 5";
        }
        return set(state[at], state[at + 1],
                Boolean.TRUE.equals(state[at + 2]) || Integer.valueOf(1).equals(state[at + 2]),
                state[at + 3]);
    }

    /**
     * Sets shape, dtype, order and data after checking them; returns a problem description, or null.
     *
     * @param raw the data: bytes, or a str of Latin-1 characters as Python 2 pickles bytes
     */
    String set(Object shapeObject, Object dtypeObject, boolean fortran, Object raw) {
        if (!(shapeObject instanceof Object[])) {
            return "the shape of a numpy array is not a tuple";
        }
        Object[] dims = (Object[]) shapeObject;
        long[] s = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (!(dims[i] instanceof Integer || dims[i] instanceof Long) || ((Number) dims[i]).longValue() < 0) {
                return "dimension " + i + " of a numpy array's shape is not a non-negative integer";
            }
            s[i] = ((Number) dims[i]).longValue();
        }
        if (!(dtypeObject instanceof PickledDType)) {
            return "the dtype of a numpy array is not a numpy.dtype";
        }
        PickledDType d = (PickledDType) dtypeObject;
        byte[] bytes = raw instanceof byte[]
                ? (byte[]) raw
                : raw instanceof String ? ((String) raw).getBytes(StandardCharsets.ISO_8859_1) : null;
        if (bytes == null) {
            return "the data of a numpy array are not a byte string (an object array?)";
        }
        long expected = d.itemSize();
        for (long dim : s) {
            expected = dim == 0 ? 0 : expected > Long.MAX_VALUE / dim ? -1 : expected * dim;
            if (expected < 0) {
                return "a numpy array's shape is too large";
            }
        }
        if (expected != bytes.length) {
            return "a numpy array of shape " + shapeString(s) + " and dtype " + d.name() + " needs " + expected
                    + " bytes but its data hold " + bytes.length;
        }
        shape = s;
        dtype = d;
        fortranOrder = fortran;
        data = bytes;
        return null;
    }

    /** True once a valid state has been applied. */
    boolean built() {
        return data != null;
    }

    long[] shape() {
        return shape.clone();
    }

    PickledDType dtype() {
        return dtype;
    }

    boolean fortranOrder() {
        return fortranOrder;
    }

    /** The raw bytes (not copied). */
    byte[] data() {
        return data;
    }

    static String shapeString(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? ", " : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }
}
