package org.backprop4j.datasets.idx;

import static org.backprop4j.datasets.idx.IdxFiles.gzip;
import static org.backprop4j.datasets.idx.IdxFiles.idx;
import static org.backprop4j.datasets.idx.IdxFiles.images;
import static org.backprop4j.datasets.idx.IdxFiles.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on valid files, plain and gzipped, and on the broken files of Tribuo's fixtures
 * (invalid magic, too little data, too much data, wrong dimension count) plus label range and
 * broken gzip; each failure is one sentence naming the file.
 */
class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static IdxImages readImages(byte[] data) throws IOException {
        return IdxReader.readImages(UntrustedInput.of("images", data));
    }

    private static int[] readLabels(byte[] data) throws IOException {
        return IdxReader.readLabels(UntrustedInput.of("labels", data), 10);
    }

    private DatasetFormatException brokenImages(String name, byte[] data) throws IOException {
        Path images = write(name, data);
        Path labels = write(name + "-labels", labels(1, 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(images, labels, 10));
        assertTrue(e.getMessage().startsWith("Cannot read " + images + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
        assertEquals(1, e.getMessage().split("\\. ").length, "one sentence: " + e.getMessage());
        return e;
    }

    @Test
    void readsImagesAndLabelsPlainAndGzipped() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            byte[] im = images(2, 3, 4, 7);
            byte[] lab = labels(9, 0);
            Path imagesPath = write("im" + gz, gz ? gzip(im) : im);
            Path labelsPath = write("lab" + gz, gz ? gzip(lab) : lab);
            ImageSet set = IdxReader.read(imagesPath, labelsPath, 10);
            assertEquals(2, set.size());
            assertEquals(3, set.geometry().height());
            assertEquals(4, set.geometry().width());
            assertArrayEquals(new int[] {9, 0}, set.labels());
            double[] row = new double[12];
            set.rowHwc(1, row);
            assertEquals((7 + 12) % 256, row[0]);
            assertEquals((7 + 23) % 256, row[11]);
        }
    }

    @Test
    void gzipIsRecognisedByContentNotByName() throws IOException {
        Path gzNamedPlain = write("train-images-idx3-ubyte", gzip(images(1, 2, 2, 0)));
        Path plainNamedGz = write("train-labels-idx1-ubyte.gz", labels(5));
        ImageSet set = IdxReader.read(gzNamedPlain, plainNamedGz, 10);
        assertEquals(5, set.label(0));
    }

    @Test
    void invalidMagicNumber() throws IOException {
        byte[] bad = images(2, 2, 2, 0);
        bad[2] = 0x0d;
        DatasetFormatException e = brokenImages("invalid-magic", bad);
        assertTrue(e.getMessage().contains("magic number is 0x00000d03"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void labelFileGivenAsImageFile() throws IOException {
        DatasetFormatException e = brokenImages("labels-as-images", labels(1, 2));
        assertTrue(e.getMessage().contains("0x00000801 (an IDX file with 1 dimension, but an IDX image file has 3)"),
                e.getMessage());
    }

    @Test
    void wrongDimensionCount() throws IOException {
        DatasetFormatException e = brokenImages("wrong-dimensions",
                idx(0x00000804, new int[] {2, 2, 2, 1}, new byte[8]));
        assertTrue(e.getMessage().contains("4 dimensions"), e.getMessage());
    }

    @Test
    void tooLittleData() throws IOException {
        byte[] ok = images(3, 4, 4, 0);
        DatasetFormatException e = brokenImages("too-little", Arrays.copyOf(ok, ok.length - 10));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("need 48 bytes but only 38 remain"), e.getMessage());
    }

    @Test
    void tooMuchData() throws IOException {
        byte[] ok = images(3, 4, 4, 0);
        DatasetFormatException e = brokenImages("too-much", Arrays.copyOf(ok, ok.length + 5));
        assertTrue(e.getMessage().contains("5 bytes more than"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        DatasetFormatException e = brokenImages("short-header", Arrays.copyOf(images(1, 2, 2, 0), 9));
        assertTrue(e.getMessage().contains("the size of dimension 1"), e.getMessage());
    }

    @Test
    void hugeClaimWithLittleDataFailsWithoutAllocating() throws IOException {
        byte[] claim = idx(IdxReader.IMAGES_MAGIC, new int[] {46_000, 215, 215}, new byte[100]);
        for (byte[] data : new byte[][] {claim, gzip(claim)}) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readImages(data));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        byte[] tooBig = idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, 1000, 1000}, new byte[0]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readImages(tooBig));
        assertTrue(e.getMessage().contains("more than one Java array can hold"), e.getMessage());
        byte[] negative = idx(IdxReader.LABELS_MAGIC, new int[] {-5}, new byte[0]);
        e = assertThrows(DatasetFormatException.class, () -> readLabels(negative));
        assertTrue(e.getMessage().contains("4294967291"), e.getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readLabels(labels(3, 10, 1)));
        assertEquals("Cannot read labels: label 1 is 10, outside the range 0..9.", e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(images(20, 28, 28, 3));
        Path images = write("truncated.gz", Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.read(images, write("l", labels(1)), 10));
        assertTrue(e.getMessage().contains("compressed data end early"), e.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(labels(1, 2, 3));
        gz[gz.length - 6] ^= 0x55; // CRC in the trailer
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readLabels(gz));
        assertTrue(e.getMessage().contains("compressed data are corrupt"), e.getMessage());
        byte[] header = {0x1f, (byte) 0x8b, 0x01};
        e = assertThrows(DatasetFormatException.class, () -> readLabels(header));
        assertTrue(e.getMessage().contains("gzip header is broken"), e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void bytesAfterTheGzipStreamAreRefusedLikeBytesAfterThePlainData() throws IOException {
        byte[] gz = gzip(images(3, 4, 4, 0));
        DatasetFormatException e = brokenImages("garbage.gz", concat(gz, new byte[] {'j', 'u', 'n', 'k', '!'}));
        assertTrue(e.getMessage().contains("it has 5 bytes after the end of its gzip data (byte " + gz.length + " of "
                + (gz.length + 5) + ")"), e.getMessage());
        e = brokenImages("zeros.gz", concat(gz, new byte[3]));
        assertTrue(e.getMessage().contains("it has 3 bytes after the end of its gzip data"), e.getMessage());
        e = brokenImages("one-byte.gz", concat(gz, new byte[] {0x1f}));
        assertTrue(e.getMessage().contains("it has 1 byte after the end of its gzip data"), e.getMessage());
    }

    @Test
    void concatenatedGzipMembersAreOneFileAsGzipAndPythonReadThem() throws IOException {
        byte[] whole = images(3, 4, 4, 0);
        byte[] joined = concat(gzip(Arrays.copyOf(whole, 20)), gzip(Arrays.copyOfRange(whole, 20, whole.length)));
        IdxImages im = readImages(joined);
        assertArrayEquals(Arrays.copyOfRange(whole, 16, whole.length), im.pixels());
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> readImages(concat(joined, new byte[2])));
        assertTrue(e.getMessage().contains("it has 2 bytes after the end of its gzip data"), e.getMessage());
        byte[] brokenSecond = concat(gzip(whole), new byte[] {0x1f, (byte) 0x8b, 0x01, 0, 0, 0, 0, 0, 0, 0});
        e = assertThrows(DatasetFormatException.class, () -> readImages(brokenSecond));
        assertTrue(e.getMessage().contains("compressed data are corrupt"), e.getMessage());
    }

    /** A gzip member written by hand with every optional header field (as gzip -N and zlib may write them). */
    private static byte[] memberWithAllHeaderFields(byte[] data) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3});
        header.writeBytes(new byte[] {4, 0, 'a', 'b', 'c', 'd'}); // FEXTRA, 4 bytes
        header.writeBytes("train-images-idx3-ubyte\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
        header.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
        CRC32 headerCrc = new CRC32();
        headerCrc.update(header.toByteArray());
        header.write((int) headerCrc.getValue() & 0xff); // FHCRC: the low 16 bits of the header's CRC-32
        header.write((int) (headerCrc.getValue() >>> 8) & 0xff);
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] raw = new byte[data.length + 64];
        int n = deflater.deflate(raw);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(data.length);
        return concat(header.toByteArray(), Arrays.copyOf(raw, n), trailer.array());
    }

    @Test
    void gzipHeadersWithNameCommentExtraAndHeaderCrcAreRead() throws IOException {
        byte[] plain = images(2, 3, 4, 9);
        assertArrayEquals(Arrays.copyOfRange(plain, 16, plain.length),
                readImages(memberWithAllHeaderFields(plain)).pixels());
        byte[] badHeaderCrc = memberWithAllHeaderFields(plain);
        badHeaderCrc[10 + 6 + 24 + 10] ^= 1;
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readImages(badHeaderCrc));
        assertTrue(e.getMessage().contains("gzip header is broken"), e.getMessage());
    }

    @Test
    void countsOfImagesAndLabelsMustMatch() throws IOException {
        Path images = write("im", images(3, 2, 2, 0));
        Path labels = write("lab", labels(1, 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(images, labels, 10));
        assertEquals("Cannot read " + labels + ": it holds 2 labels but " + images + " holds 3 images.",
                e.getMessage());
    }

    @Test
    void missingFilesAreNotFoundNotFormatErrors() throws IOException {
        assertThrows(DatasetNotFoundException.class,
                () -> IdxReader.read(dir.resolve("nope"), dir.resolve("nope2"), 10));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> MnistDirectory.read(dir, "MNIST"));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte or train-images-idx3-ubyte.gz"), e.getMessage());
    }
}
