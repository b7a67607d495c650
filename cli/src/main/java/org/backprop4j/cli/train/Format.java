package org.backprop4j.cli.train;

import java.util.List;
import java.util.stream.Collectors;

/** Values written as a user would type them: {@code 1e-4} rather than {@code 1.0E-4}, {@code 100,100}. */
public final class Format {

    private Format() {
    }

    /** {@code 0.1}, {@code 1e-4}, {@code 1000}, {@code 2.5e+10}. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    /** A value of any setting. */
    public static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Format::value).collect(Collectors.joining(","));
        }
        return String.valueOf(v);
    }
}
