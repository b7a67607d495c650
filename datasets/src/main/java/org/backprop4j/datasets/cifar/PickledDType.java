package org.backprop4j.datasets.cifar;

/**
 * A NumPy dtype rebuilt from a pickle as plain data: {@code numpy.dtype(name, align, copy)} followed by
 * a BUILD whose state's second item is the byte order. Only the name and byte order are kept.
 */
final class PickledDType {

    private final String name;
    private String byteOrder = "|";

    /** @param name a name for which {@link #isSimpleName} holds */
    PickledDType(String name) {
        this.name = name;
    }

    /** Applies {@code dtype.__setstate__(state)}; returns a problem description, or null if the state is valid. */
    String setState(Object stateObject) {
        if (!(stateObject instanceof Object[]) || ((Object[]) stateObject).length < 2) {
            return "the state of a numpy dtype is not a tuple of at least two items";
        }
        Object order = ((Object[]) stateObject)[1];
        String o = CifarUnpickler.text(order);
        if (o == null || !(o.equals("|") || o.equals("<") || o.equals(">") || o.equals("="))) {
            return "the byte order of a numpy dtype is not one of | < > =";
        }
        byteOrder = o;
        return null;
    }

    /** The type name, e.g. {@code u1}. */
    String name() {
        return name;
    }

    /** The byte order character, e.g. {@code |}. */
    String byteOrder() {
        return byteOrder;
    }

    /** True if {@code name} is a plain numeric type name such as {@code u1}, {@code i8} or {@code f4}. */
    static boolean isSimpleName(String name) {
        return name.matches("[biuf](1|2|4|8)");
    }

    /** True for unsigned bytes, the type of CIFAR-10 pixels. */
    boolean isUnsignedByte() {
        return name.equals("u1");
    }

    /** Bytes per element. */
    long itemSize() {
        return name.charAt(1) - '0';
    }
}
