package org.backprop4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PNG encoder, checked with an independent decoder (ImageIO's reader) and against the format's chunk rules. */
class PngFilesTest {

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngFiles.encode(image, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR})
    void rgbImagesReadBackPixelForPixel(int type) throws IOException {
        Random r = new Random(7);
        BufferedImage img = new BufferedImage(37, 11, type);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, 0xff000000 | (x < 5 ? 0xffffff : r.nextInt(1 << 24))); // flat and noisy areas
            }
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(encode(img)));
        assertEquals(37, back.getWidth());
        assertEquals(11, back.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void grayImagesStayOneChannelAndReadBackExactly() throws IOException {
        BufferedImage img = new BufferedImage(300, 2, BufferedImage.TYPE_BYTE_GRAY);
        byte[] values = new byte[600];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 7);
        }
        img.getRaster().setDataElements(0, 0, 300, 2, values);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(encode(img)));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, back.getType());
        byte[] read = new byte[600];
        back.getRaster().getDataElements(0, 0, 300, 2, read);
        assertArrayEquals(values, read);
    }

    @Test
    void theFileIsASignatureThenChunksWithTheirCrcsEndingInIend() throws IOException {
        byte[] png = encode(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, Arrays.copyOf(png, 8));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(png, 8, png.length - 8));
        StringBuilder types = new StringBuilder();
        while (in.available() > 0) {
            int length = in.readInt();
            byte[] typeAndData = new byte[4 + length];
            in.readFully(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertEquals((int) crc.getValue(), in.readInt(), "CRC of " + new String(typeAndData, 0, 4, "US-ASCII"));
            types.append(new String(typeAndData, 0, 4, "US-ASCII")).append(' ');
            if (types.length() == 5) { // IHDR: width 3, height 2, 8 bits, colour type 2 (RGB)
                assertEquals(13, length);
                assertArrayEquals(new byte[] {0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0},
                        Arrays.copyOfRange(typeAndData, 4, 17));
            }
        }
        assertEquals("IHDR IDAT IEND ", types.toString());
    }
}
