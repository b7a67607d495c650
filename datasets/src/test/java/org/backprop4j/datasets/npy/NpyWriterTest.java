package org.backprop4j.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.backprop4j.datasets.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The NPY and NPZ writers: NumPy's bytes, and what the readers read back. */
class NpyWriterTest {

    @ParameterizedTest
    @CsvSource({"le_f8,<f8", "le_f4,<f4"})
    void writesTheBytesNumpySaveWrote(String tag, String descr) throws IOException {
        // make_fixtures.py saved np.arange(12).reshape(3, 4) * 0.25 - 1.5 with np.save
        double[] values = new double[12];
        Arrays.setAll(values, i -> i * 0.25 - 1.5);
        byte[] written = NpyWriter.toBytes(NpyDType.parse(descr), new long[] {3, 4}, values);
        assertArrayEquals(Files.readAllBytes(Fixtures.path("npy/" + tag + "_v1.npy")), written);
    }

    @Test
    void leavesNumpysRoomForTheFirstDimensionToGrow() {
        // np.save(f, np.zeros((123456, 2))): the dict, 21 - 6 spaces of growth room, padding to 128 bytes, '\n'
        byte[] h = new NpyHeader(NpyWriter.FLOAT64, false, new long[] {123456, 2}).toBytes();
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (123456, 2), }";
        assertEquals(128, h.length);
        assertEquals(118, (h[8] & 0xff) | (h[9] & 0xff) << 8);
        assertEquals(dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n",
                new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1));
        // a 0-d array and a header that is already aligned get NumPy's full 64 bytes of padding as well
        assertEquals(0, new NpyHeader(NpyWriter.FLOAT32, false, new long[0]).toBytes().length % 64);
    }

    @Test
    void anArchiveReadsBackBitForBit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.npz");
        double[] w = {Math.PI, -0.0, Double.MIN_VALUE, 1e300, -7.5, Math.ulp(1.0)};
        double[] b = {(float) 0.1, (float) -2.2, Float.MIN_VALUE};
        try (OutputStream os = Files.newOutputStream(file); NpzWriter npz = new NpzWriter(os)) {
            npz.array("W1", NpyWriter.FLOAT64, new long[] {2, 3}, w);
            npz.array("b1", NpyWriter.FLOAT32, new long[] {3}, b);
            npz.entry("model.json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        try (NpzReader r = NpzReader.open(file)) {
            assertEquals(List.of("W1", "b1"), List.copyOf(r.names()));
            NpyArray a = r.read("W1");
            assertArrayEquals(new long[] {2, 3}, a.shape());
            assertArrayEquals(bits(w), bits(a.toDoubleArray()));
            NpyArray c = r.read("b1");
            assertEquals("<f4", c.header().dtype().descr());
            assertArrayEquals(new long[] {3}, c.shape());
            assertArrayEquals(bits(b), bits(c.toDoubleArray()));
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry json = zip.getEntry("model.json");
            assertEquals(ZipEntry.STORED, json.getMethod()); // np.savez's layout: no compression
            assertEquals("{}", new String(zip.getInputStream(json).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameArraysGiveTheSameBytes() throws IOException {
        assertArrayEquals(archive(), archive());
    }

    @Test
    void refusesWhatItCannotWrite() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.write(out, NpyWriter.FLOAT64, new long[] {2, 2}, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.write(out, NpyDType.parse("<i8"), new long[] {1}, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> {
            try (NpzWriter npz = new NpzWriter(out)) {
                npz.array("a", NpyWriter.FLOAT64, new long[] {1}, new double[1]);
                npz.array("a", NpyWriter.FLOAT64, new long[] {1}, new double[1]);
            }
        });
    }

    private static byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpzWriter npz = new NpzWriter(out)) {
            npz.array("x", NpyWriter.FLOAT64, new long[] {1, 2}, new double[] {1, 2});
        }
        return out.toByteArray();
    }

    private static long[] bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
