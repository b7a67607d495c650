package org.backprop4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static void assertSameImages(ImageSet want, ImageSet got) {
        assertArrayEquals(want.labels(), got.labels());
        for (int i = 0; i < want.size(); i++) {
            for (int k = 0; k < 3072; k++) {
                assertEquals(want.storedByte(i, k), got.storedByte(i, k), "image " + i + " byte " + k);
            }
        }
    }

    /** data_batch_1 re-saved by Python 3 with NumPy 1.24 and 2.x, protocols 2 to 5 (make_fixtures.py cifar-py3). */
    @ParameterizedTest
    @ValueSource(strings = {"numpy1-latin1-protocol2", "numpy1-latin1-protocol3", "numpy1-latin1-protocol4",
            "numpy1-latin1-protocol5", "numpy1-bytes-protocol2", "numpy1-bytes-protocol3", "numpy1-bytes-protocol4",
            "numpy1-bytes-protocol5", "numpy2-latin1-protocol2", "numpy2-latin1-protocol3", "numpy2-latin1-protocol4",
            "numpy2-latin1-protocol5", "numpy2-bytes-protocol2", "numpy2-bytes-protocol3", "numpy2-bytes-protocol4",
            "numpy2-bytes-protocol5"})
    void readsBatchesResavedByPython3(String name) throws IOException {
        assertSameImages(CifarBinaryReader.read(BIN.resolve("data_batch_1.bin")),
                CifarPythonReader.read(Fixtures.path("cifar/py3/" + name)));
    }

    @Test
    void readsTheBatchPickledByPython3AndNumpy2WithProtocol2() throws IOException {
        assertSameImages(CifarBinaryReader.read(BIN.resolve("data_batch_1.bin")),
                CifarPythonReader.read(Fixtures.path("cifar/py3-protocol2-batch")));
    }

    static byte[] pixels(int n) {
        byte[] p = new byte[n * 3072];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (k * 7 + k / 3072);
        }
        return p;
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A batch dict as Python 3 + NumPy 2 pickle it with protocol 2: _reconstruct, bytes as _codecs.encode(str, 'latin1'). */
    static byte[] numpy2Protocol2(byte[] pixels, int n, String data, String encoding, int... labels) {
        PickleWriter w = new PickleWriter().proto(2).emptyDict().mark().unicode("data")
                .global("numpy._core.multiarray", "_reconstruct").global("numpy", "ndarray").smallInt(0).tuple1()
                .codecsEncode("b", "latin1").tuple3().reduce()
                .mark().smallInt(1).smallInt(n).smallInt(3072).tuple2().uint8DType(false).bool(false)
                .codecsEncode(data == null ? latin1(pixels) : data, encoding).tuple().build()
                .unicode("labels").emptyList().mark();
        for (int label : labels) {
            w.smallInt(label);
        }
        return w.appends().setItems().stop();
    }

    /** A batch dict as Python 3 + NumPy 2 pickle it with protocol 5: _frombuffer(bytearray, dtype, shape, order). */
    static byte[] numpy2Protocol5(byte[] pixels, int n, String order, int... labels) {
        PickleWriter w = new PickleWriter().proto(5).emptyDict().mark().shortUnicode("data")
                .shortUnicode("numpy._core.numeric").shortUnicode("_frombuffer").stackGlobal()
                .mark().bytearray8(pixels).uint8DType(true).smallInt(n).smallInt(3072).tuple2().shortUnicode(order)
                .tuple().reduce()
                .shortUnicode("labels").emptyList().mark();
        for (int label : labels) {
            w.smallInt(label);
        }
        return w.appends().setItems().stop();
    }

    @Test
    void readsNumpy2PicklesWrittenHere() throws IOException {
        byte[] p = pixels(2);
        for (byte[] pickle : new byte[][] {numpy2Protocol2(p, 2, null, "latin1", 3, 8),
                numpy2Protocol5(p, 2, "C", 3, 8)}) {
            ImageSet batch = CifarPythonReader.read(UntrustedInput.of("batch", pickle));
            assertArrayEquals(new int[] {3, 8}, batch.labels());
            for (int k = 0; k < p.length; k++) {
                assertEquals(p[k] & 0xff, batch.storedByte(k / 3072, k % 3072));
            }
        }
    }

    @Test
    void numpy2PicklesThatAreNotBatchesAreRefused() {
        byte[] p = pixels(2);
        String m = brokenPython(numpy2Protocol2(p, 2, null, "rot13", 3, 8));
        assertTrue(m.contains("_codecs.encode is called with other arguments than (str, 'latin1')"), m);
        m = brokenPython(numpy2Protocol2(p, 2, "\u0100" + latin1(p).substring(1), "latin1", 3, 8));
        assertTrue(m.contains("_codecs.encode is given a str with characters beyond Latin-1"), m);
        m = brokenPython(numpy2Protocol5(p, 2, "F", 3, 8));
        assertTrue(m.contains("stored in Fortran order"), m);
        m = brokenPython(numpy2Protocol5(p, 2, "K", 3, 8));
        assertTrue(m.contains("_frombuffer is called with other arguments than (buffer, dtype, shape, 'C' or 'F')"), m);
        m = brokenPython(numpy2Protocol5(Arrays.copyOf(p, 3072), 2, "C", 3, 8));
        assertTrue(m.contains("needs 6144 bytes but its data hold 3072"), m);
    }

    private static String brokenPython(byte[] pickle) {
        String m = assertThrows(DatasetFormatException.class,
                () -> CifarPythonReader.read(UntrustedInput.of("batch", pickle)))
                .getMessage();
        assertTrue(m.startsWith("Cannot read batch: "), m);
        return m;
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
        return assertThrows(DatasetFormatException.class,
                () -> CifarBinaryReader.read(UntrustedInput.of("batch.bin", data)));
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
        assertEquals("Cannot read batch.bin: record 2 has label 10, outside the range 0..9.",
                brokenBinary(data).getMessage());
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
