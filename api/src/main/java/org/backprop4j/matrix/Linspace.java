package org.backprop4j.matrix;

/** {@code np.linspace}: evenly spaced values, as the notebooks' deterministic test inputs use them. */
public final class Linspace {

    private Linspace() {
    }

    /**
     * {@code np.linspace(start, stop, num)}: {@code i * step + start} with {@code step = (stop - start) / (num - 1)},
     * the last value exactly {@code stop} (NumPy's arithmetic, so the values are bit-identical).
     */
    public static double[] of(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: number of samples " + num + " must be non-negative.");
        }
        double[] a = new double[num];
        if (num == 1) {
            a[0] = start;
            return a;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            a[i] = i * step + start;
        }
        if (num > 1) {
            a[num - 1] = stop;
        }
        return a;
    }
}
