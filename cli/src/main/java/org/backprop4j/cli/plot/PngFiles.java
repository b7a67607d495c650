package org.backprop4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Shared plumbing of the plot writers: forces AWT into headless mode (the CLI runs on servers and
 * in CI) and writes a PNG atomically, so that a failed or interrupted run never leaves a partly
 * written image behind.
 *
 * <p>The PNG encoder is this class's own (8-bit grayscale or RGB, the "Sub" filter, one zlib stream)
 * rather than {@code javax.imageio}: ImageIO's first use scans every jar of the class path for its
 * plug-ins and its writer filters adaptively at the strongest compression, which made the two
 * images of a {@code train} run a noticeable part of the program's start-up and shut-down time.
 */
final class PngFiles {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** PNG colour types. */
    private static final int GRAY = 0;
    private static final int RGB = 2;
    /** The "Sub" filter: each byte minus the same channel of the pixel to its left. */
    private static final int FILTER_SUB = 1;

    private PngFiles() {}

    /**
     * Sets {@code java.awt.headless=true} unless the user chose a value. Must run before the first
     * AWT class initialises its toolkit, so every plot class calls it from its static initialiser.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Encodes {@code image} as PNG into a temporary file next to {@code png}, then moves it into
     * place (atomically where the file system allows). Parent directories are created.
     */
    static void write(BufferedImage image, Path png) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(png, "png");
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                encode(image, out);
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code image} as a PNG: 8-bit grayscale for {@link BufferedImage#TYPE_BYTE_GRAY}, else
     * 8-bit RGB of {@link BufferedImage#getRGB} (alpha, if any, is dropped).
     */
    static void encode(BufferedImage image, OutputStream out) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        // packed 0xRRGGBB pixels straight from the raster, without a colour-model conversion per pixel
        boolean packed = image.getType() == BufferedImage.TYPE_INT_RGB
                || image.getType() == BufferedImage.TYPE_INT_ARGB;
        int channels = gray ? 1 : 3;
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);

        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        DataOutputStream hd = new DataOutputStream(header);
        hd.writeInt(w);
        hd.writeInt(h);
        hd.writeByte(8); // bits per sample
        hd.writeByte(gray ? GRAY : RGB);
        hd.writeByte(0); // deflate
        hd.writeByte(0); // adaptive filtering, one filter type per row
        hd.writeByte(0); // no interlace
        chunk(data, "IHDR", header.toByteArray());

        ByteArrayOutputStream compressed = new ByteArrayOutputStream(w * h * channels / 8 + 64);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + w * channels];
            byte[] grayRow = gray ? new byte[w] : null;
            int[] argb = gray ? null : new int[w];
            row[0] = FILTER_SUB;
            for (int y = 0; y < h; y++) {
                if (gray) {
                    image.getRaster().getDataElements(0, y, w, 1, grayRow);
                    System.arraycopy(grayRow, 0, row, 1, w);
                } else {
                    if (packed) {
                        image.getRaster().getDataElements(0, y, w, 1, argb);
                    } else {
                        image.getRGB(0, y, w, 1, argb, 0, w);
                    }
                    for (int x = 0, i = 1; x < w; x++) {
                        int p = argb[x];
                        row[i++] = (byte) (p >>> 16);
                        row[i++] = (byte) (p >>> 8);
                        row[i++] = (byte) p;
                    }
                }
                for (int i = row.length - 1; i > channels; i--) {
                    row[i] -= row[i - channels]; // right to left, so the left neighbour is still unfiltered
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(data, "IDAT", compressed.toByteArray());
        chunk(data, "IEND", new byte[0]);
        data.flush();
    }

    /** One chunk: length, type, data, and the CRC-32 of type and data. */
    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt(body.length);
        out.write(t);
        out.write(body);
        out.writeInt((int) crc.getValue());
    }
}
