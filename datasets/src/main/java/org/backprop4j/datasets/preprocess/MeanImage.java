package org.backprop4j.datasets.preprocess;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;

/**
 * The mean image of a set, cs231n's {@code mean_image = np.mean(X_train, axis=0)}: one value per pixel
 * and channel, in HWC row order. Computed from exact integer sums, so for raw pixel values it equals
 * NumPy's float64 result to the last bit.
 */
public final class MeanImage {

    private MeanImage() {
    }

    /**
     * The mean of {@code images}' rows, each pixel value divided by {@code divisor} (1 for raw values
     * 0..255, 255 for values 0..1).
     *
     * @throws IllegalArgumentException if the set is empty
     */
    public static double[] of(ImageSet images, double divisor) {
        return of(images, divisor, PixelLayout.HWC);
    }

    /** As {@link #of(ImageSet, double)}, the values in {@code order} (HWC, or CHW for rows viewed as (N, C, H, W)). */
    public static double[] of(ImageSet images, double divisor, PixelLayout order) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("the mean image of no images is undefined.");
        }
        int n = images.geometry().pixels();
        long[] sums = new long[n];
        double[] row = new double[n];
        for (int i = 0; i < images.size(); i++) {
            images.row(i, row, order);
            for (int k = 0; k < n; k++) {
                sums[k] += (long) row[k];
            }
        }
        double[] mean = new double[n];
        for (int k = 0; k < n; k++) {
            mean[k] = divisor == 1 ? (double) sums[k] / images.size() : (double) sums[k] / divisor / images.size();
        }
        return mean;
    }
}
