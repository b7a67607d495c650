package org.backprop4j.datasets.preprocess;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Turns images into a data matrix, one flattened HWC (or CHW) image per row ({@code X.reshape(N, -1)}), straight
 * from the bytes through {@link Backend#fromRows}: no full-size {@code double[]} copy is made.
 */
public final class ImageRows {

    private ImageRows() {
    }

    /**
     * The {@code (images.size(), H*W*C)} matrix of {@code value / divisor - mean[k]}, computed in
     * double and rounded once to {@code dtype}.
     *
     * @param divisor 1 for raw values 0..255, 255 to scale pixels to [0, 1]
     * @param mean the mean image to subtract (see {@link MeanImage}), or null for none
     */
    public static Matrix toMatrix(ImageSet images, Backend backend, DType dtype, double divisor, double[] mean) {
        return toMatrix(images, backend, dtype, divisor, mean, PixelLayout.HWC);
    }

    /**
     * As {@link #toMatrix(ImageSet, Backend, DType, double, double[])} with each row in {@code order}: HWC as
     * cs231n's fully connected nets take them, CHW as its convolutional layers do ({@code (N, C, H, W)}
     * flattened); {@code mean} must be in the same order.
     */
    public static Matrix toMatrix(ImageSet images, Backend backend, DType dtype, double divisor, double[] mean,
            PixelLayout order) {
        int n = images.geometry().pixels();
        if (mean != null && mean.length != n) {
            throw new IllegalArgumentException(
                    "a mean image of " + mean.length + " values cannot be subtracted from rows of " + n + ".");
        }
        return backend.fromRows(images.size(), n, dtype, (r, buffer) -> {
            images.row(r, buffer, order);
            for (int k = 0; k < n; k++) {
                double v = divisor == 1 ? buffer[k] : buffer[k] / divisor;
                buffer[k] = mean == null ? v : v - mean[k];
            }
        });
    }
}
