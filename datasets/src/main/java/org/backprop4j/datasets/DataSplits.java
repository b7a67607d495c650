package org.backprop4j.datasets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageShape;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.labels.ClassLabels;
import org.backprop4j.matrix.Matrix;

/**
 * A loaded data set as the notebooks use it: {@code X_train, y_train, X_val, y_val, X_test, y_test},
 * each {@code X} a matrix with one flattened example per row (images in HWC order, or CHW when loaded for a
 * convolutional net, see {@link #imageShape()}), each {@code y} the labels; plus the class names, the image geometry
 * and the mean image that was subtracted, if any.
 */
public final class DataSplits {

    private final Split train;
    private final Split val;
    private final Split test;
    private final List<String> classNames;
    private final ImageGeometry geometry;
    private final double[] meanImage;
    private final String description;
    private final PixelLayout rowLayout;

    /**
     * @param test the test split, or null if the data set has none (an NPZ file may omit it)
     * @param geometry the image size, or null if the rows are not known to be images
     * @param meanImage the mean image subtracted from every row (HWC, length D), or null
     * @param description one line saying what was loaded, for logs
     * @throws IllegalArgumentException if the splits differ in width or a label is out of range
     */
    public DataSplits(Split train, Split val, Split test, List<String> classNames, ImageGeometry geometry,
            double[] meanImage, String description) {
        this(train, val, test, classNames, geometry, meanImage, description, PixelLayout.HWC);
    }

    /**
     * As {@link #DataSplits(Split, Split, Split, List, ImageGeometry, double[], String)}, the image rows (and the
     * mean image) in {@code rowLayout}.
     */
    public DataSplits(Split train, Split val, Split test, List<String> classNames, ImageGeometry geometry,
            double[] meanImage, String description, PixelLayout rowLayout) {
        this.rowLayout = Objects.requireNonNull(rowLayout, "rowLayout");
        this.train = Objects.requireNonNull(train, "train");
        this.val = Objects.requireNonNull(val, "val");
        this.test = test;
        this.classNames = List.copyOf(classNames);
        this.geometry = geometry;
        this.meanImage = meanImage == null ? null : meanImage.clone();
        this.description = Objects.requireNonNull(description, "description");
        int d = train.x().cols();
        for (Split s : new Split[] {val, test}) {
            if (s != null && s.x().cols() != d) {
                throw new IllegalArgumentException(
                        "splits of different widths: " + train.x().shape() + " and " + s.x().shape() + ".");
            }
        }
        if (geometry != null && geometry.pixels() != d) {
            throw new IllegalArgumentException("images of " + geometry + " do not make rows of " + d + " values.");
        }
        if (meanImage != null && meanImage.length != d) {
            throw new IllegalArgumentException(
                    "a mean image of " + meanImage.length + " values for rows of " + d + ".");
        }
        for (Split s : new Split[] {train, val, test}) {
            int[] y = s == null ? new int[0] : s.y();
            int bad = ClassLabels.firstOutside(y, this.classNames.size());
            if (bad >= 0) {
                throw new IllegalArgumentException(
                        "label " + y[bad] + " is outside 0.." + (this.classNames.size() - 1) + ".");
            }
        }
    }

    /** The training split. */
    public Split train() {
        return train;
    }

    /** The validation split. */
    public Split val() {
        return val;
    }

    /** The test split, if the data set has one. */
    public Optional<Split> test() {
        return Optional.ofNullable(test);
    }

    /** {@code X_train}, shape {@code (N_train, D)}. */
    public Matrix xTrain() {
        return train.x();
    }

    /** {@code y_train}, a copy. */
    public int[] yTrain() {
        return train.y();
    }

    /** {@code X_val}, shape {@code (N_val, D)}. */
    public Matrix xVal() {
        return val.x();
    }

    /** {@code y_val}, a copy. */
    public int[] yVal() {
        return val.y();
    }

    /**
     * {@code X_test}, shape {@code (N_test, D)}.
     *
     * @throws IllegalStateException if the data set has no test split
     */
    public Matrix xTest() {
        return requireTest().x();
    }

    /**
     * {@code y_test}, a copy.
     *
     * @throws IllegalStateException if the data set has no test split
     */
    public int[] yTest() {
        return requireTest().y();
    }

    /** Class names by label, e.g. {@code 0 .. 9} for digits, {@code airplane .. truck} for CIFAR-10. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Values per example, {@code D}: the model's input size. */
    public int inputSize() {
        return train.x().cols();
    }

    /** The size of one image, if the rows are images. */
    public Optional<ImageGeometry> geometry() {
        return Optional.ofNullable(geometry);
    }

    /** The order of each image row's values: HWC (the default) or CHW (loaded for a convolutional net). */
    public PixelLayout rowLayout() {
        return rowLayout;
    }

    /**
     * The {@code (C, H, W)} to view the data matrices as images with {@code Tensor.of(x, C, H, W)}, no copy: present
     * when the rows are images in channel-major order, which one-channel images (MNIST) always are and colour images
     * (CIFAR-10) are when loaded with {@link LoadOptions#withRowLayout} CHW.
     */
    public Optional<ImageShape> imageShape() {
        if (geometry == null || (geometry.channels() > 1 && rowLayout != PixelLayout.CHW)) {
            return Optional.empty();
        }
        return Optional.of(ImageShape.of(geometry));
    }

    /** The mean image that was subtracted from every row (in the rows' order, length D; a copy), if any. */
    public Optional<double[]> meanImage() {
        return Optional.ofNullable(meanImage).map(double[]::clone);
    }

    /** One line saying what was loaded, e.g. {@code "CIFAR-10 (python batches) in /data: 49000 train / ..."}. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private Split requireTest() {
        if (test == null) {
            throw new IllegalStateException("this data set has no test split (" + description + ").");
        }
        return test;
    }
}
