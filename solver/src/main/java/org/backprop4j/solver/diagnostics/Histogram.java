package org.backprop4j.solver.diagnostics;

/**
 * Counts of values in equal bins from {@code lo} to {@code hi} (the last bin includes {@code hi}).
 *
 * @param lo     the left edge of the first bin
 * @param hi     the right edge of the last bin
 * @param counts how many values fell into each bin
 */
public record Histogram(double lo, double hi, long[] counts) {

    /** Bins of {@code values} over their own range, {@code bins} of them (one bin when all values are equal). */
    public static Histogram of(double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            return new Histogram(0, 0, new long[0]);
        }
        int n = hi > lo ? bins : 1;
        long[] counts = new long[n];
        double width = (hi - lo) / n;
        for (double v : values) {
            int k = width > 0 ? (int) ((v - lo) / width) : 0;
            counts[Math.min(k, n - 1)]++;
        }
        return new Histogram(lo, hi, counts);
    }
}
