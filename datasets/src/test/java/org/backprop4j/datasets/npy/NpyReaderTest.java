package org.backprop4j.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.backprop4j.datasets.CountingBackend;
import org.backprop4j.datasets.Fixtures;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NPY files of every supported dtype, byte order and version; and the ones that must be refused. */
class NpyReaderTest {

    /** The value make_fixtures.py stored at C-order index {@code i} for a descr. */
    private static double expected(String type, int i) {
        return switch (type.charAt(0)) {
            case 'f' -> i * 0.25 - 1.5;
            case 'i' -> i * 3 - 7;
            default -> i * 20;
        };
    }

    @ParameterizedTest
    @CsvSource({"le_f8,<f8", "le_f4,<f4", "be_f8,>f8", "be_f4,>f4", "na_u1,|u1", "le_i8,<i8", "le_i4,<i4", "be_i8,>i8",
            "be_i4,>i4"})
    void readsEveryDtypeInEveryVersion(String tag, String descr) throws IOException {
        for (int version = 1; version <= 3; version++) {
            NpyArray a = NpyReader.read(Fixtures.path("npy/" + tag + "_v" + version + ".npy"));
            assertEquals(descr, a.header().dtype().descr());
            assertArrayEquals(new long[] {3, 4}, a.shape());
            for (int i = 0; i < 12; i++) {
                assertEquals(expected(descr.substring(1), i), a.getDouble(i), "element " + i + " of " + tag);
            }
            try (UntrustedInput in = UntrustedInput.open(Fixtures.path("npy/" + tag + "_v" + version + ".npy"))) {
                Matrix m = NpyReader.readMatrix(in, "a", -1, new CountingBackend(), DType.FLOAT64);
                assertEquals(3, m.rows());
                assertEquals(4, m.cols());
                assertEquals(expected(descr.substring(1), 6), m.get(1, 2));
            }
        }
    }

    @Test
    void vectorsAndIntegers() throws IOException {
        NpyArray v = NpyReader.read(Fixtures.path("npy/vector_i8.npy"));
        assertEquals("(5,)", v.header().shapeString());
        assertEquals(-7, v.getLong(0));
        assertEquals(5, v.getLong(4));
    }

    @Test
    void imagesAreReshapedToRowsInCOrder() throws IOException {
        try (UntrustedInput in = UntrustedInput.open(Fixtures.path("npy/images_u1.npy"))) {
            Matrix m = NpyReader.readMatrix(in, "X", -1, new CountingBackend(), DType.FLOAT32);
            assertEquals("(2, 12)", m.shape());
            assertEquals(13 * 20 % 256, m.get(1, 1)); // uint8 wraps as NumPy's astype does
        }
    }

    private static DatasetFormatException broken(String fixture) {
        return assertThrows(DatasetFormatException.class, () -> NpyReader.read(Fixtures.path("npy/" + fixture)));
    }

    @Test
    void refusesFortranOrderComplexAndStructured() {
        assertTrue(broken("fortran_f8.npy").getMessage().contains("Fortran (column-major) order"));
        String m = broken("complex_c16.npy").getMessage();
        assertTrue(m.contains("dtype '<c16' is not supported (only <f8, <f4, |u1, <i8, <i4 (or > for big-endian))"), m);
        m = broken("structured.npy").getMessage();
        assertTrue(m.contains("structured dtype"), m);
    }

    @Test
    void truncatedAndOverlongFiles() {
        String m = broken("truncated_f8.npy").getMessage();
        assertTrue(m.contains("truncated: the 12 elements of shape (3, 4) need 96 bytes but only 91 remain"), m);
        m = broken("too_long_f8.npy").getMessage();
        assertTrue(m.contains("3 bytes more than the array"), m);
    }

    private static byte[] npy(int major, String header, int extraData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        out.write(h.length & 0xff);
        out.write(h.length >> 8);
        if (major > 1) {
            out.write(0);
            out.write(0);
        }
        out.writeBytes(h);
        out.writeBytes(new byte[extraData]);
        return out.toByteArray();
    }

    private static String header(String text) {
        return assertThrows(DatasetFormatException.class,
                () -> NpyReader.read(UntrustedInput.of("x.npy", npy(1, text, 8))))
                .getMessage();
    }

    @Test
    void headerSyntaxIsChecked() {
        assertTrue(header("{'descr': '<f8', 'fortran_order': False}")
                .contains("not exactly descr, fortran_order and shape"));
        assertTrue(
                header("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,)}").contains("unexpected character 'M'"));
        assertTrue(header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,-2)}")
                .contains("not a non-negative integer"));
        assertTrue(header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)").contains("header ends early"));
        assertTrue(header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x").contains("unexpected text"));
        assertTrue(header("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}")
                .contains("appears twice"));
        assertTrue(header("{'descr': 8, 'fortran_order': False, 'shape': (1,)}").contains("unexpected character '8'"));
        assertTrue(header("{'descr': '<f8', 'fortran_order': 'no', 'shape': (1,)}").contains("not True or False"));
        assertTrue(
                header("{'descr': '<f2', 'fortran_order': False, 'shape': (1,)}").contains("'<f2' is not supported"));
    }

    @Test
    void validHandWrittenHeadersIncludingPython2Longs() throws IOException {
        NpyArray a = NpyReader.read(
                UntrustedInput.of("x.npy", npy(2, "{\"descr\":\"<f8\",\"fortran_order\":True,\"shape\":(1L,)}\n", 8)));
        assertEquals(1, a.size());
        NpyArray empty = NpyReader.read(
                UntrustedInput.of("x.npy", npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (0, 5), }", 0)));
        assertEquals(0, empty.size());
    }

    @Test
    void magicVersionAndHugeShapes() {
        String m = assertThrows(DatasetFormatException.class, () -> NpyReader.read(UntrustedInput.of("x.npy",
                "PK\u0003\u0004 not npy".getBytes(StandardCharsets.ISO_8859_1)))).getMessage();
        assertTrue(m.contains("NPY magic string"), m);
        m = assertThrows(DatasetFormatException.class, () -> NpyReader.read(UntrustedInput.of("x.npy",
                npy(4, "{}", 0)))).getMessage();
        assertTrue(m.contains("version is 4.0"), m);
        m = header("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }");
        assertTrue(m.contains("more bytes than one Java array can hold"), m);
        m = header("{'descr': '<f8', 'fortran_order': False, 'shape': (999999999999999999, 999999999999999999), }");
        assertTrue(m.contains("too many elements"), m);
        m = header("{'descr': '<f8', 'fortran_order': False, 'shape': (20000000, 10), }");
        assertTrue(m.contains("truncated"), m);
        m = assertThrows(DatasetFormatException.class, () -> NpyReader.readMatrix(UntrustedInput.of("x.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000, 100), }", 16)), "X", -1,
                new CountingBackend(), DType.FLOAT64)).getMessage();
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void emptyMatricesAllocateNoRowBufferAsWideAsTheHeaderClaims() throws IOException {
        Matrix m = NpyReader.readMatrix(UntrustedInput.of("x.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 200000000), }", 0)), "X", -1,
                new CountingBackend(), DType.FLOAT64);
        assertEquals("(0, 200000000)", m.shape());
    }

    @Test
    void readMatrixStreamsOnlyTheRowsAsked() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.path("npy/le_f8_v1.npy"));
        Matrix m = NpyReader.readMatrix(UntrustedInput.of("x.npy", data), "X", 2, new CountingBackend(), DType.FLOAT64);
        assertEquals("(2, 4)", m.shape());
        assertEquals(expected("f8", 7), m.get(1, 3));
    }
}
