package org.backprop4j.models;

/** Labels as the training loops index them. */
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
}
