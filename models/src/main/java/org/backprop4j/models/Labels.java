package org.backprop4j.models;

import java.util.List;

/** Label and index arrays as the training loops use them: {@code y[idx]}, {@code np.arange}, histories. */
public final class Labels {

    private Labels() {
    }

    /** {@code y[idx]}: the labels at the given rows, in that order. */
    public static int[] gather(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    /** {@code np.arange(from, to)}. */
    public static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** A history list as an array. */
    public static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
