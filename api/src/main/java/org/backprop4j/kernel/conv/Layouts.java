package org.backprop4j.kernel.conv;

import java.util.Arrays;

/**
 * The transposes and reshapes of the spatial normalizations over C-order arrays: the {@code (N*H*W, C)} matrix of
 * {@code x.transpose(0, 2, 3, 1).reshape(-1, C)} and back, and per-channel values broadcast over, or summed over,
 * each channel's {@code H*W} pixels.
 */
public final class Layouts {

    private Layouts() {
    }

    /** {@code x.transpose(0, 2, 3, 1).reshape(-1, C)}: from (N, C, H, W) to (N*H*W, C). */
    public static double[] toPixelRows(double[] x, int n, int c, int plane) {
        double[] rows = new double[x.length];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < plane; p++) {
                    rows[(s * plane + p) * c + k] = x[(s * c + k) * plane + p];
                }
            }
        }
        return rows;
    }

    /** The inverse of {@link #toPixelRows}: {@code out.reshape(N, H, W, C).transpose(0, 3, 1, 2)}. */
    public static double[] fromPixelRows(double[] rows, int n, int c, int plane) {
        double[] x = new double[rows.length];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < plane; p++) {
                    x[(s * c + k) * plane + p] = rows[(s * plane + p) * c + k];
                }
            }
        }
        return x;
    }

    /** One value per channel repeated over the channel's pixels: a {@code (1, C*H*W)} row for broadcasting over samples. */
    public static double[] repeatPerChannel(double[] perChannel, int plane) {
        double[] row = new double[perChannel.length * plane];
        for (int k = 0; k < perChannel.length; k++) {
            Arrays.fill(row, k * plane, (k + 1) * plane, perChannel[k]);
        }
        return row;
    }

    /** The sum over each channel's pixels of a {@code (1, C*H*W)} row: one value per channel. */
    public static double[] sumPerChannel(double[] row, int c, int plane) {
        double[] sums = new double[c];
        for (int k = 0; k < c; k++) {
            double sum = 0;
            for (int p = 0; p < plane; p++) {
                sum += row[k * plane + p];
            }
            sums[k] = sum;
        }
        return sums;
    }
}
