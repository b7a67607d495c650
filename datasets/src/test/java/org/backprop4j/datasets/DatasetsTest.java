package org.backprop4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.backprop4j.datasets.idx.IdxFiles;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: splits, preprocessing and the notebooks' numbers for every data set kind. */
class DatasetsTest {

    @TempDir
    Path dir;

    private final CountingBackend backend = new CountingBackend();

    // ------------------------------------------------------------------ CIFAR-10 against cs231n's NumPy code

    private static void assertSameMatrix(NpzReader expected, String name, Matrix actual, double tolerance)
            throws IOException {
        double[] want = expected.read(name).toDoubleArray();
        double[] got = actual.toArray();
        assertEquals(want.length, got.length, name);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tolerance, name + " element " + i);
        }
    }

    private static int[] longs(NpzReader npz, String name) throws IOException {
        double[] v = npz.read(name).toDoubleArray();
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    @Test
    void cifarMatchesCs231nGetCifar10DataToTheLastBitInBothFormats() throws IOException {
        for (String format : new String[] {"cifar-10-batches-py", "cifar-10-batches-bin"}) {
            DataSplits d = Datasets.cifar10(Fixtures.path("cifar/" + format), 2, 3, backend, LoadOptions.DEFAULTS);
            try (NpzReader expected = NpzReader.open(Fixtures.path("cifar/expected.npz"))) {
                assertSameMatrix(expected, "X_train", d.xTrain(), 0);
                assertSameMatrix(expected, "X_val", d.xVal(), 0);
                assertSameMatrix(expected, "X_test", d.xTest(), 0);
                assertArrayEquals(expected.read("mean_image").toDoubleArray(), d.meanImage().orElseThrow());
                assertArrayEquals(longs(expected, "y_train"), d.yTrain());
                assertArrayEquals(longs(expected, "y_val"), d.yVal());
                assertArrayEquals(longs(expected, "y_test"), d.yTest());
            }
            assertEquals("airplane", d.classNames().get(0));
            assertEquals(3072, d.inputSize());
            assertTrue(d.description().contains("18 train / 2 val / 3 test"), d.description());
        }
        assertEquals(0, backend.fromArrayCalls.get(), "data matrices are filled through fromRows");
    }

    @Test
    void float32AndSubsamplingKeepTheFullTrainingMean() throws IOException {
        LoadOptions small = LoadOptions.DEFAULTS.withDType(DType.FLOAT32).withNumTrain(5).withNumTest(1);
        DataSplits d = Datasets.cifar10(Fixtures.path("cifar/cifar-10-batches-bin"), 2, 3, backend, small);
        assertEquals(5, d.xTrain().rows());
        assertEquals(2, d.xVal().rows());
        assertEquals(1, d.xTest().rows());
        assertEquals(DType.FLOAT32, d.xTrain().dtype());
        try (NpzReader expected = NpzReader.open(Fixtures.path("cifar/expected.npz"))) {
            double[] want = expected.read("X_train").toDoubleArray();
            for (int c = 0; c < 3072; c++) {
                assertEquals((float) want[4 * 3072 + c], d.xTrain().get(4, c));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(Fixtures.path("cifar/cifar-10-batches-bin"),
                2, 3, backend, LoadOptions.DEFAULTS.withNumTrain(19)));
    }

    // ------------------------------------------------------------------ MNIST family

    private Path mnistDir(int nTrain, int nTest, boolean gz) throws IOException {
        Path d = Files.createDirectories(dir.resolve("mnist" + gz));
        int[] trainLabels = new int[nTrain];
        int[] testLabels = new int[nTest];
        Arrays.setAll(trainLabels, i -> i % 10);
        Arrays.setAll(testLabels, i -> (i * 7) % 10);
        String suffix = gz ? ".gz" : "";
        byte[][] files = {IdxFiles.images(nTrain, 28, 28, 1), IdxFiles.labels(trainLabels),
                IdxFiles.images(nTest, 28, 28, 2),
                IdxFiles.labels(testLabels)};
        String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"};
        for (int i = 0; i < 4; i++) {
            Files.write(d.resolve(names[i] + suffix), gz ? IdxFiles.gzip(files[i]) : files[i]);
        }
        return d;
    }

    @Test
    void mnistFamilyHoldsOutTheLastTrainingImagesAndScalesBy255() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            DataSplits d = Datasets.mnistFamily(mnistDir(30, 7, gz), "MNIST", Datasets.DIGITS, 5, backend,
                    LoadOptions.DEFAULTS);
            assertEquals("(25, 784)", d.xTrain().shape());
            assertEquals("(5, 784)", d.xVal().shape());
            assertEquals("(7, 784)", d.xTest().shape());
            assertArrayEquals(new int[] {5, 6, 7, 8, 9}, d.yVal());
            // image 25 (the first validation image) starts at byte 25*784 of the pattern (1 + k) % 256
            assertEquals(((1 + 25 * 784) % 256) / 255.0, d.xVal().get(0, 0));
            assertEquals(((1 + 25 * 784 + 783) % 256) / 255.0, d.xVal().get(0, 783));
            assertFalse(d.meanImage().isPresent(), "no mean subtraction by default");
            assertTrue(d.xTrain().min() >= 0 && d.xTrain().max() <= 1);
        }
        DataSplits centred = Datasets.mnistFamily(mnistDir(30, 7, false), "MNIST", Datasets.DIGITS, 5, backend,
                LoadOptions.DEFAULTS.withSubtractMean(true));
        assertEquals(0, centred.xTrain().sum(), 1e-9);
    }

    @Test
    void fashionMnistWithoutTheDebianPackageSaysHowToInstallIt() {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> Datasets.fashionDirectory(DatasetSpec.parse("fashion-mnist"), dir.resolve("absent")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("fashion-mnist:DIR"), e.getMessage());
    }

    @Test
    void realFashionMnistFromTheDebianPackage() throws IOException {
        assumeTrue(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_DEBIAN_DIR)),
                "dataset-fashion-mnist is not installed");
        DataSplits d = Datasets.load(DatasetSpec.parse("fashion-mnist"), backend,
                LoadOptions.DEFAULTS.withDType(DType.FLOAT32).withNumTrain(1000));
        assertEquals("(1000, 784)", d.xTrain().shape());
        assertEquals("(10000, 784)", d.xVal().shape());
        assertEquals("(10000, 784)", d.xTest().shape());
        assertEquals("Ankle boot", d.classNames().get(9));
        assertEquals(9, d.yTrain()[0], "the first Fashion-MNIST training image is an ankle boot");
        assertEquals(1.0, d.xTest().max());
    }

    // ------------------------------------------------------------------ the bundled default

    @Test
    void bundledDigitsAreTheDefault() throws IOException {
        long start = System.nanoTime();
        DataSplits d = Datasets.load(DatasetSpec.DEFAULT, backend, LoadOptions.DEFAULTS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("(8000, 784)", d.xTrain().shape());
        assertEquals("(1000, 784)", d.xVal().shape());
        assertEquals("(1000, 784)", d.xTest().shape());
        assertEquals(10, d.numClasses());
        assertEquals(1.0, d.xTrain().max());
        assertEquals(0.0, d.xTrain().min());
        assertTrue(millis < 3000, "loading took " + millis + " ms");
    }

    // ------------------------------------------------------------------ NPZ

    private DataSplits npz(String fixture, LoadOptions options) throws IOException {
        return Datasets.load(DatasetSpec.parse("npz:" + Fixtures.path("npz/" + fixture)), backend, options);
    }

    @Test
    void npzIsUsedExactlyAsStored() throws IOException {
        for (String f : new String[] {"data.npz", "data_compressed.npz"}) {
            DataSplits d = npz(f, LoadOptions.DEFAULTS);
            try (NpzReader raw = NpzReader.open(Fixtures.path("npz/" + f))) {
                assertSameMatrix(raw, "X_train", d.xTrain(), 0);
                assertSameMatrix(raw, "X_val", d.xVal(), 0);
                assertSameMatrix(raw, "X_test", d.xTest(), 0);
            }
            assertArrayEquals(new int[] {0, 1, 2, 3, 1, 0}, d.yTrain());
            assertArrayEquals(new int[] {1, 1, 0}, d.yTest());
            assertEquals(4, d.numClasses());
            assertFalse(d.meanImage().isPresent());
        }
        DataSplits small = npz("data.npz", LoadOptions.DEFAULTS.withNumTrain(2));
        assertArrayEquals(new int[] {0, 1}, small.yTrain());
        assertEquals("(2, 5)", small.xTrain().shape());
        assertThrows(IllegalArgumentException.class,
                () -> npz("data.npz", LoadOptions.DEFAULTS.withSubtractMean(true)));
        assertThrows(IllegalArgumentException.class, () -> npz("data.npz", LoadOptions.DEFAULTS.withNumTrain(7)));
    }

    @Test
    void npzWithoutTestSplitAndWithImages() throws IOException {
        DataSplits d = npz("no_test.npz", LoadOptions.DEFAULTS);
        assertTrue(d.test().isEmpty());
        assertThrows(IllegalStateException.class, d::xTest);
        DataSplits u8 = npz("uint8_images.npz", LoadOptions.DEFAULTS);
        assertEquals("(3, 12)", u8.xTrain().shape());
        assertEquals(20.0, u8.xTrain().get(0, 1));
        assertEquals(3, u8.numClasses());
    }

    @Test
    void brokenNpzFilesNameTheFileAndTheArray() {
        String[][] cases = {
                {"nan.npz", "X_val holds NaN at row 1, column 3"},
                {"negative_label.npz", "(array y_train): label 2 is -2"},
                {"label_count.npz", "(array X_train): it has 6 rows but y_train has 5 labels"},
                {"float_labels.npz", "labels must be integers, but its dtype is <f8"},
                {"missing_y_val.npz", "it holds no array y_val"},
                {"not_a_zip.npz", "it is not a zip archive"},
                {"truncated.npz", "it is not a zip archive"},
        };
        for (String[] c : cases) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> npz(c[0], LoadOptions.DEFAULTS));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains(c[0]), e.getMessage());
        }
        assertThrows(DatasetNotFoundException.class,
                () -> Datasets.load(DatasetSpec.parse("npz:" + dir.resolve("x.npz")),
                        backend, LoadOptions.DEFAULTS));
    }

    @Test
    void npzLabelsMustNameClassesThatHaveTrainingExamples() {
        // data.npz's labels with one value changed (make_fixtures.py): y_train [0 1 2 3 1 0], y_val [3 2], y_test [1 1 0]
        String[][] cases = {
                {"stray_label.npz",
                        "(array y_train): label 3 is 99999, but y_train has no example of the classes 3..99998;"},
                {"gap_label.npz", "(array y_train): label 2 is 3, but y_train has no example of the class 2;"},
                {"val_only_label.npz",
                        "(array y_val): label 1 is 4, a class with no example in y_train (which holds the classes 0..3);"},
                {"test_only_label.npz",
                        "(array y_test): label 1 is 7, a class with no example in y_train (which holds the classes 0..3);"},
                {"empty_val.npz",
                        "(array X_val): it has no rows, but the validation split needs at least one example."},
        };
        for (String[] c : cases) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> npz(c[0], LoadOptions.DEFAULTS),
                    c[0]);
            assertTrue(e.getMessage().startsWith("Cannot read " + Fixtures.path("npz/" + c[0]) + " "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void npzClassesAreCheckedOnTheStoredArraysNotOnTheRowsKept() throws IOException {
        // the first two training rows hold only classes 0 and 1; the stored y_train has all four
        assertEquals(4, npz("data.npz", LoadOptions.DEFAULTS.withNumTrain(2)).numClasses());
        assertThrows(DatasetFormatException.class, () -> npz("stray_label.npz", LoadOptions.DEFAULTS.withNumTrain(2)));
    }
}
