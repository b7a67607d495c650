package org.backprop4j.datasets.image;

/**
 * The size of one image: {@code height × width} pixels of {@code channels} bytes each (1 for
 * grayscale, 3 for RGB). Flattened, an image is a row of {@link #pixels()} values in height, width,
 * channel order (HWC), NumPy's {@code X.reshape(N, -1)} of an {@code (N, H, W, C)} array.
 *
 * @param height rows of pixels
 * @param width columns of pixels
 * @param channels values per pixel
 */
public record ImageGeometry(int height, int width, int channels) {

    /** MNIST and Fashion-MNIST: 28 × 28 grayscale. */
    public static final ImageGeometry MNIST = new ImageGeometry(28, 28, 1);
    /** CIFAR-10: 32 × 32 RGB. */
    public static final ImageGeometry CIFAR = new ImageGeometry(32, 32, 3);

    /** @throws IllegalArgumentException if a size is not positive or the image has 2<sup>31</sup> values or more */
    public ImageGeometry {
        if (height <= 0 || width <= 0 || channels <= 0 || (long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + height + " x " + width + " x " + channels
                    + " values is not possible: each size must be positive and the product below 2^31.");
        }
    }

    /** Values per image, {@code height * width * channels}: the number of columns of the data matrix. */
    public int pixels() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
