package org.backprop4j.datasets.image;

/**
 * The {@code (C, H, W)} of images stored one per row in channel-major order, so that the {@code (N, C*H*W)} data
 * matrix is {@code Tensor.of(x, C, H, W)} without a copy, as cs231n's convolutional layers take their input.
 *
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record ImageShape(int channels, int height, int width) {

    /** @throws IllegalArgumentException if a size is not positive */
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image shape (C, H, W) must be positive, got (" + channels + ", "
                    + height + ", " + width + ").");
        }
    }

    /** The shape of images of {@code geometry}. */
    public static ImageShape of(ImageGeometry geometry) {
        return new ImageShape(geometry.channels(), geometry.height(), geometry.width());
    }

    /** {@code C*H*W}, the values of one row. */
    public int size() {
        return channels * height * width;
    }

    /** As NumPy prints it, e.g. {@code (3, 32, 32)}. */
    @Override
    public String toString() {
        return "(" + channels + ", " + height + ", " + width + ")";
    }
}
