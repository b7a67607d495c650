package org.backprop4j.datasets.image;

/** The order of the bytes of one image as a file stores them. */
public enum PixelLayout {
    /** Height, width, channel: each pixel's channels side by side (MNIST; the rows cs231n trains on). */
    HWC,
    /** Channel, height, width: one whole plane per channel (CIFAR-10's red, then green, then blue plane). */
    CHW
}
