package org.backprop4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.backprop4j.datasets.Fixtures;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.image.TrainTestImages;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both CIFAR-10 formats give the same images and labels; broken batches fail with one sentence. */
class CifarReadersTest {

    @TempDir
    Path dir;

    private static final Path PY = Fixtures.path("cifar/cifar-10-batches-py");
    private static final Path BIN = Fixtures.path("cifar/cifar-10-batches-bin");

    @Test
    void pythonAndBinaryBatchesGiveTheSameRows() throws IOException {
        TrainTestImages py = Cifar10Directory.read(Cifar10Directory.locate(PY));
        TrainTestImages bin = Cifar10Directory.read(Cifar10Directory.locate(BIN));
        assertEquals(20, py.train().size());
        assertEquals(5, py.test().size());
        for (ImageSet[] pair : new ImageSet[][] {{py.train(), bin.train()}, {py.test(), bin.test()}}) {
            assertArrayEquals(pair[0].labels(), pair[1].labels());
            double[] a = new double[3072];
            double[] b = new double[3072];
            for (int i = 0; i < pair[0].size(); i++) {
                pair[0].rowHwc(i, a);
                pair[1].rowHwc(i, b);
                assertArrayEquals(a, b);
            }
        }
    }

    @Test
    void readsWhatRealPython2CPickleWrites() throws IOException {
        ImageSet py2 = CifarPythonReader.read(Fixtures.path("cifar/python2-cpickle-batch"));
        ImageSet ours = CifarPythonReader.read(PY.resolve("data_batch_1"));
        assertArrayEquals(ours.labels(), py2.labels());
        for (int i = 0; i < ours.size(); i++) {
            for (int k = 0; k < 3072; k += 97) {
                assertEquals(ours.storedByte(i, k), py2.storedByte(i, k));
            }
        }
    }

    @Test
    void rowsAreHwcTransposedFromTheStoredChwPlanes() throws IOException {
        ImageSet batch = CifarBinaryReader.read(BIN.resolve("data_batch_1.bin"));
        assertEquals(PixelLayout.CHW, batch.layout());
        double[] row = new double[3072];
        batch.rowHwc(2, row);
        // pixel (h, w) channel c sits at (h*32 + w)*3 + c in the row and at c*1024 + h*32 + w in the file
        for (int[] hwc : new int[][] {{0, 0, 0}, {0, 0, 2}, {5, 7, 1}, {31, 31, 2}}) {
            int h = hwc[0];
            int w = hwc[1];
            int c = hwc[2];
            assertEquals(batch.storedByte(2, c * 1024 + h * 32 + w), row[(h * 32 + w) * 3 + c]);
        }
    }

    @Test
    void locatesTheExtractedDirectoryOrItsParent() throws IOException {
        assertEquals(Cifar10Directory.Format.PYTHON, Cifar10Directory.locate(PY.getParent()).format());
        assertEquals(Cifar10Directory.Format.BINARY, Cifar10Directory.locate(BIN).format());
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar10Directory.locate(dir));
        assertTrue(e.getMessage().contains("cifar-10-batches-py"), e.getMessage());
        Files.copy(PY.resolve("data_batch_1"), dir.resolve("data_batch_1"));
        e = assertThrows(DatasetNotFoundException.class, () -> Cifar10Directory.read(Cifar10Directory.locate(dir)));
        assertTrue(e.getMessage().contains("data_batch_2 is missing"), e.getMessage());
    }

    // ------------------------------------------------------------------ broken binary batches

    private static DatasetFormatException brokenBinary(byte[] data) {
        return assertThrows(DatasetFormatException.class, () -> CifarBinaryReader.read(UntrustedInput.of("batch.bin", data)));
    }

    @Test
    void binaryBatchOfWrongLength() throws IOException {
        byte[] ok = Files.readAllBytes(BIN.resolve("data_batch_1.bin"));
        DatasetFormatException e = brokenBinary(Arrays.copyOf(ok, ok.length - 1));
        assertTrue(e.getMessage().startsWith("Cannot read batch.bin: its length, 12291 bytes, is not a whole number"),
                e.getMessage());
        e = brokenBinary(Arrays.copyOf(ok, ok.length + 7));
        assertTrue(e.getMessage().contains("4 records and 7 bytes"), e.getMessage());
        assertTrue(brokenBinary(new byte[0]).getMessage().contains("it is empty"));
    }

    @Test
    void binaryLabelOutOfRange() throws IOException {
        byte[] data = Files.readAllBytes(BIN.resolve("data_batch_1.bin"));
        data[2 * CifarBinaryReader.RECORD_BYTES] = 10;
        assertEquals("Cannot read batch.bin: record 2 has label 10, outside the range 0..9.", brokenBinary(data).getMessage());
    }

    // ------------------------------------------------------------------ broken python batches

    @Test
    void pythonBatchTruncated() throws IOException {
        byte[] ok = Files.readAllBytes(PY.resolve("data_batch_1"));
        for (int cut : new int[] {1, 100, ok.length / 2, ok.length - 1}) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> CifarPythonReader.read(UntrustedInput.of("data_batch_1", Arrays.copyOf(ok, cut))));
            assertTrue(e.getMessage().startsWith("Cannot read data_batch_1: "), e.getMessage());
        }
    }
}
