package org.backprop4j.datasets.image;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Labelled images held once, as the file's unsigned bytes ({@code N × H × W × C} values in the file's
 * {@link PixelLayout}), with one {@code int} label each. Slices share the bytes; nothing is widened to
 * {@code double} until a row is asked for with {@link #rowHwc(int, double[])}.
 */
public final class ImageSet {

    private final byte[] pixels;
    private final int[] labels;
    private final ImageGeometry geometry;
    private final PixelLayout layout;
    private final int first;
    private final int count;

    /**
     * @param pixels {@code labels.length * geometry.pixels()} bytes, image after image (kept, not copied)
     * @param labels one label per image (kept, not copied)
     * @throws IllegalArgumentException if the lengths disagree
     */
    public ImageSet(byte[] pixels, int[] labels, ImageGeometry geometry, PixelLayout layout) {
        this(pixels, labels, geometry, layout, 0, labels.length);
        if ((long) labels.length * geometry.pixels() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + geometry + " need "
                    + (long) labels.length * geometry.pixels() + " bytes, not " + pixels.length + ".");
        }
    }

    private ImageSet(byte[] pixels, int[] labels, ImageGeometry geometry, PixelLayout layout, int first, int count) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.first = first;
        this.count = count;
    }

    /** The images {@code from} (inclusive) to {@code to} (exclusive) of this set, sharing its bytes. */
    public ImageSet slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        return new ImageSet(pixels, labels, geometry, layout, first + from, to - from);
    }

    /**
     * One set holding {@code parts} one after another (a copy: the parts can then be dropped).
     *
     * @throws IllegalArgumentException if the parts differ in geometry or layout, or hold 2<sup>31</sup> bytes or more
     */
    public static ImageSet concat(List<ImageSet> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no image sets to join.");
        }
        ImageSet head = parts.get(0);
        long total = 0;
        for (ImageSet p : parts) {
            if (!p.geometry.equals(head.geometry) || p.layout != head.layout) {
                throw new IllegalArgumentException("cannot join images of " + p.geometry + " " + p.layout
                        + " to images of " + head.geometry + " " + head.layout + ".");
            }
            total += p.count;
        }
        int n = head.geometry.pixels();
        if (total * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    total + " images of " + head.geometry + " do not fit in one Java array.");
        }
        byte[] all = new byte[(int) total * n];
        int[] allLabels = new int[(int) total];
        int at = 0;
        for (ImageSet p : parts) {
            System.arraycopy(p.pixels, p.first * n, all, at * n, p.count * n);
            System.arraycopy(p.labels, p.first, allLabels, at, p.count);
            at += p.count;
        }
        return new ImageSet(all, allLabels, head.geometry, head.layout);
    }

    /** Number of images. */
    public int size() {
        return count;
    }

    /** Size of each image. */
    public ImageGeometry geometry() {
        return geometry;
    }

    /** Byte order of each image as stored. */
    public PixelLayout layout() {
        return layout;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        Objects.checkIndex(i, count);
        return labels[first + i];
    }

    /** All labels, a copy. */
    public int[] labels() {
        return Arrays.copyOfRange(labels, first, first + count);
    }

    /** Value {@code k} (0..255) of image {@code i} in the stored layout. */
    public int storedByte(int i, int k) {
        Objects.checkIndex(i, count);
        Objects.checkIndex(k, geometry.pixels());
        return pixels[(first + i) * geometry.pixels() + k] & 0xff;
    }

    /**
     * Writes image {@code i} as {@code geometry().pixels()} values 0..255 in HWC order into {@code out}
     * (converting from CHW if that is how it is stored).
     */
    public void rowHwc(int i, double[] out) {
        row(i, out, PixelLayout.HWC);
    }

    /**
     * Writes image {@code i} as {@code geometry().pixels()} values 0..255 in {@code order} into {@code out},
     * converting between HWC and CHW when the stored layout differs (for one channel both are the same).
     */
    public void row(int i, double[] out, PixelLayout order) {
        Objects.checkIndex(i, count);
        Objects.requireNonNull(order, "order");
        int n = geometry.pixels();
        if (out.length < n) {
            throw new IllegalArgumentException(
                    "a row of " + geometry + " needs " + n + " values, the buffer has " + out.length + ".");
        }
        int base = (first + i) * n;
        if (layout == order || geometry.channels() == 1) {
            for (int k = 0; k < n; k++) {
                out[k] = pixels[base + k] & 0xff;
            }
            return;
        }
        int c = geometry.channels();
        int plane = geometry.height() * geometry.width();
        boolean toHwc = order == PixelLayout.HWC;
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                int hwc = p * c + ch;
                int chw = ch * plane + p;
                out[toHwc ? hwc : chw] = pixels[base + (toHwc ? chw : hwc)] & 0xff;
            }
        }
    }

    @Override
    public String toString() {
        return "ImageSet[" + count + " images of " + geometry + ", " + layout + "]";
    }
}
