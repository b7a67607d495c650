package org.backprop4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.bundled.BundledDigits;
import org.backprop4j.datasets.cifar.Cifar10Directory;
import org.backprop4j.datasets.cifar.CifarClasses;
import org.backprop4j.datasets.idx.MnistDirectory;
import org.backprop4j.datasets.io.DatasetException;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.preprocess.ImageRows;
import org.backprop4j.datasets.preprocess.ImageSplits;
import org.backprop4j.datasets.preprocess.MeanImage;
import org.backprop4j.matrix.Matrix;

/**
 * Loads a data set into {@link DataSplits} on a backend. The splits and preprocessing follow the
 * notebooks:
 * <ul>
 *   <li>MNIST and Fashion-MNIST (seed 002, nndl {@code get_MNIST_data}): 50,000 train / 10,000 val (the
 *       last 10,000 of the 60,000 training images) / 10,000 test; pixels divided by 255 into [0, 1];
 *       no mean subtraction by default, as {@code get_MNIST_data} only scales (pixels stay in [0, 1],
 *       which sigmoid and ReLU nets both train on well).</li>
 *   <li>{@code mnist-10k}: 8,000 / 1,000 / 1,000 (see {@link BundledDigits}), scaled as MNIST.</li>
 *   <li>CIFAR-10 (cs231n {@code get_CIFAR10_data}): 49,000 train / 1,000 val (training images
 *       49,000..49,999) / 1,000 test (the first 1,000 test images); raw values 0..255 minus the
 *       training mean image.</li>
 *   <li>{@code npz}: the arrays exactly as stored, no scaling and no mean subtraction.</li>
 * </ul>
 * {@link LoadOptions#numTrain()} etc. then keep the first rows of a split, as cs231n's
 * {@code small_data}; the mean image is still that of the whole training split.
 */
public final class Datasets {

    /** Where Debian's package {@code dataset-fashion-mnist} installs the four gzipped IDX files. */
    public static final String FASHION_MNIST_DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    /** MNIST-family validation images: the last 10,000 training images. */
    public static final int MNIST_VALIDATION = 10_000;
    /** cs231n's CIFAR-10 validation images: training images 49,000..49,999. */
    public static final int CIFAR_VALIDATION = 1_000;
    /** cs231n's CIFAR-10 test images: the first 1,000. */
    public static final int CIFAR_TEST = 1_000;

    /** Digit class names. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST class names by label. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Datasets() {
    }

    /**
     * Loads {@code spec} with {@code options} onto {@code backend}.
     *
     * @throws DatasetException if files are missing ({@link DatasetNotFoundException}) or corrupt
     * @throws IllegalArgumentException if the options do not fit the data set (e.g. more rows than a split has)
     */
    public static DataSplits load(DatasetSpec spec, Backend backend, LoadOptions options) throws IOException {
        return switch (spec.kind()) {
            case MNIST_10K -> {
                BundledDigits.Splits s = BundledDigits.load();
                yield fromImages(new ImageSplits(s.train(), s.val(), s.test()), backend, options, 255, false,
                        DIGITS, "mnist-10k (bundled MNIST digits)");
            }
            case MNIST -> mnistFamily(spec.location(), "MNIST", DIGITS, MNIST_VALIDATION, backend, options);
            case FASHION_MNIST -> mnistFamily(fashionDirectory(spec, Path.of(FASHION_MNIST_DEBIAN_DIR)),
                    "Fashion-MNIST", FASHION, MNIST_VALIDATION, backend, options);
            case CIFAR10 -> cifar10(spec.location(), CIFAR_VALIDATION, CIFAR_TEST, backend, options);
            case NPZ -> NpzDataset.load(spec.location(), backend, options);
        };
    }

    /** MNIST-family IDX files in {@code dir}; the last {@code numVal} training images become the validation split. */
    static DataSplits mnistFamily(Path dir, String name, List<String> classes, int numVal, Backend backend,
            LoadOptions options) throws IOException {
        ImageSplits splits = ImageSplits.holdOutLast(MnistDirectory.read(dir, name), numVal, -1);
        return fromImages(splits, backend, options, 255, false, classes, name + " in " + dir);
    }

    /** CIFAR-10 batches in {@code dir}, split as cs231n's {@code get_CIFAR10_data(num_validation, num_test)}. */
    static DataSplits cifar10(Path dir, int numVal, int numTest, Backend backend, LoadOptions options)
            throws IOException {
        Cifar10Directory.Location where = Cifar10Directory.locate(dir);
        ImageSplits splits = ImageSplits.holdOutLast(Cifar10Directory.read(where), numVal, numTest);
        return fromImages(splits, backend, options, 1, true, CifarClasses.NAMES,
                "CIFAR-10 (" + where.format().name().toLowerCase(Locale.ROOT) + " batches) in "
                        + where.directory());
    }

    /** The given directory, else Debian's {@code debian} if it exists. */
    static Path fashionDirectory(DatasetSpec spec, Path debian) throws DatasetNotFoundException {
        if (spec.location() != null) {
            return spec.location();
        }
        if (!Files.isDirectory(debian)) {
            throw new DatasetNotFoundException("Fashion-MNIST is not installed in " + debian
                    + ": install it with 'apt-get install dataset-fashion-mnist' (Debian, Ubuntu) or pass"
                    + " fashion-mnist:DIR naming a directory with its four IDX files.");
        }
        return debian;
    }

    /** Subsamples, computes the mean image of the whole training split if asked, and converts to matrices. */
    static DataSplits fromImages(ImageSplits full, Backend backend, LoadOptions options, double divisor,
            boolean meanByDefault, List<String> classes, String what) {
        boolean subtract = options.subtractMean() == null ? meanByDefault : options.subtractMean();
        PixelLayout order = options.rowLayout();
        double[] mean = subtract ? MeanImage.of(full.train(), divisor, order) : null;
        ImageSplits s = full.first(options.numTrain(), options.numVal(), options.numTest());
        Matrix xTrain = ImageRows.toMatrix(s.train(), backend, options.dtype(), divisor, mean, order);
        Matrix xVal = ImageRows.toMatrix(s.val(), backend, options.dtype(), divisor, mean, order);
        Matrix xTest = ImageRows.toMatrix(s.test(), backend, options.dtype(), divisor, mean, order);
        String description = what + ": " + s.train().size() + " train / " + s.val().size() + " val / "
                + s.test().size() + " test, " + (divisor == 1 ? "pixels 0..255" : "pixels / " + (int) divisor)
                + (subtract ? ", training mean image subtracted" : "")
                + (order == PixelLayout.CHW && s.train().geometry().channels() > 1 ? ", CHW rows" : "") + ", "
                + options.dtype();
        return new DataSplits(new Split(xTrain, s.train().labels()), new Split(xVal, s.val().labels()),
                new Split(xTest, s.test().labels()), classes, s.train().geometry(), mean, description, order);
    }
}
