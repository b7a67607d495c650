package org.backprop4j.datasets.idx;

/**
 * The content of an IDX image file: {@code count} images of {@code height × width} unsigned bytes,
 * row after row, image after image.
 *
 * @param pixels {@code count * height * width} bytes
 * @param count number of images
 * @param height rows per image
 * @param width columns per image
 */
public record IdxImages(byte[] pixels, int count, int height, int width) {
}
