package org.backprop4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

import org.backprop4j.datasets.bundled.BundledDigits;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.ImageShape;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 6: the loaded rows viewed as (N, C, H, W) images with {@code Tensor.of}, no copy, read each pixel
 * where the file stores it: MNIST's (N, 1, 28, 28) always, CIFAR-10's (N, 3, 32, 32) when loaded with CHW rows.
 * The expected values are read from the files' bytes here, not through the loaders.
 */
class ImageTensorViewTest {

    private final CountingBackend backend = new CountingBackend();

    private static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Test
    void bundledDigitsAreOneChannelImagesThatTheRowsViewWithoutACopy() throws IOException {
        DataSplits d = Datasets.load(DatasetSpec.DEFAULT, backend, LoadOptions.DEFAULTS.withNumTrain(20));
        assertEquals(new ImageShape(1, 28, 28), d.imageShape().orElseThrow(), "HWC and CHW agree for one channel");
        Tensor x = Tensor.of(d.xTrain(), 1, 28, 28);
        assertSame(d.xTrain(), x.flatten(), "a view over the matrix");
        // the IDX file: a 16-byte header, then image after image, row by row; training digits are rows 0..7999
        byte[] idx = bytes(new GZIPInputStream(BundledDigits.class.getResourceAsStream(BundledDigits.IMAGES)));
        for (int[] p : new int[][] {{0, 14, 14}, {3, 5, 20}, {19, 27, 0}, {7, 10, 9}}) {
            int n = p[0];
            int h = p[1];
            int w = p[2];
            double stored = (idx[16 + n * 784 + h * 28 + w] & 0xff) / 255.0;
            assertEquals(stored, x.get(n, 0, h, w), 0.0, "digit " + n + " pixel (" + h + ", " + w + ")");
        }
    }

    @Test
    void cifarRowsLoadedChannelMajorKeepTheFilesOrderAndViewAsNChw() throws IOException {
        LoadOptions raw = LoadOptions.DEFAULTS.withSubtractMean(false);
        DataSplits hwc = Datasets.cifar10(Fixtures.path("cifar/cifar-10-batches-bin"), 2, 3, backend, raw);
        assertTrue(hwc.imageShape().isEmpty(), "HWC colour rows are no (N, C, H, W) view");
        DataSplits chw = Datasets.cifar10(Fixtures.path("cifar/cifar-10-batches-bin"), 2, 3, backend,
                raw.withRowLayout(PixelLayout.CHW));
        assertEquals(PixelLayout.CHW, chw.rowLayout());
        assertEquals(new ImageShape(3, 32, 32), chw.imageShape().orElseThrow());
        Tensor x = Tensor.of(chw.xTrain(), 3, 32, 32);
        Tensor test = Tensor.of(chw.xTest(), 3, 32, 32);
        // the binary batches: records of one label byte and 3072 bytes, red plane, green plane, blue plane
        byte[] batch1 = Files.readAllBytes(Fixtures.path("cifar/cifar-10-batches-bin/data_batch_1.bin"));
        byte[] batch2 = Files.readAllBytes(Fixtures.path("cifar/cifar-10-batches-bin/data_batch_2.bin"));
        byte[] testBatch = Files.readAllBytes(Fixtures.path("cifar/cifar-10-batches-bin/test_batch.bin"));
        for (int[] p : new int[][] {{0, 0, 0}, {1, 5, 31}, {2, 31, 7}, {0, 16, 16}}) {
            int c = p[0];
            int h = p[1];
            int w = p[2];
            int at = 1 + c * 1024 + h * 32 + w;
            assertEquals(batch1[at] & 0xff, x.get(0, c, h, w), 0.0, "image 0 " + c + " " + h + " " + w);
            assertEquals(batch1[3 * 3073 + at] & 0xff, x.get(3, c, h, w), 0.0, "image 3");
            // four images per fixture batch: training image 5 is batch 2's second
            assertEquals(batch2[3073 + at] & 0xff, x.get(5, c, h, w), 0.0, "image 5");
            assertEquals(testBatch[2 * 3073 + at] & 0xff, test.get(2, c, h, w), 0.0, "test image 2");
        }
    }

    @Test
    void meanSubtractedChannelMajorRowsAreCs231nsTransposeOfItsHwcRows() throws IOException {
        // assignment 2's get_CIFAR10_data: X_train.transpose(0, 3, 1, 2) of assignment 1's (N, 32, 32, 3)
        DataSplits d = Datasets.cifar10(Fixtures.path("cifar/cifar-10-batches-py"), 2, 3, backend,
                LoadOptions.DEFAULTS.withRowLayout(PixelLayout.CHW));
        Tensor x = Tensor.of(d.xTrain(), 3, 32, 32);
        double[] mean = d.meanImage().orElseThrow();
        try (NpzReader expected = NpzReader.open(Fixtures.path("cifar/expected.npz"))) {
            double[] hwc = expected.read("X_train").toDoubleArray();
            double[] meanHwc = expected.read("mean_image").toDoubleArray();
            for (int n = 0; n < 18; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < 32; h++) {
                        for (int w = 0; w < 32; w++) {
                            int k = (h * 32 + w) * 3 + c;
                            assertEquals(hwc[n * 3072 + k], x.get(n, c, h, w), 0.0);
                            if (n == 0) {
                                assertEquals(meanHwc[k], mean[x.index(c, h, w)], 0.0, "the mean image follows");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsConvertBetweenBothLayoutsWhicheverTheFileStores() {
        // one 1x2 image of 3 channels: pixel 0 is (1, 2, 3), pixel 1 is (4, 5, 6)
        byte[] hwc = {1, 2, 3, 4, 5, 6};
        byte[] chw = {1, 4, 2, 5, 3, 6};
        ImageGeometry g = new ImageGeometry(1, 2, 3);
        for (ImageSet set : new ImageSet[] {new ImageSet(hwc, new int[] {0}, g, PixelLayout.HWC),
                new ImageSet(chw, new int[] {0}, g, PixelLayout.CHW)}) {
            double[] out = new double[6];
            set.row(0, out, PixelLayout.CHW);
            assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, out, set.toString());
            set.row(0, out, PixelLayout.HWC);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, out, set.toString());
        }
    }
}
