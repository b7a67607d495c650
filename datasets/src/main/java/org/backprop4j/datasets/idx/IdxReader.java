package org.backprop4j.datasets.idx;

import java.io.IOException;
import java.nio.file.Path;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.datasets.labels.ClassLabels;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic number
 * {@code 0x000008DD} (unsigned bytes, {@code DD} dimensions), one big-endian 32-bit size per dimension,
 * then the bytes. Image files have 3 dimensions (count, rows, columns, magic {@link #IMAGES_MAGIC});
 * label files 1 (count, magic {@link #LABELS_MAGIC}). Files may be gzipped (recognised by content).
 * Everything is checked: magic, dimension count, sizes, length (neither short nor long), label range.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** Reads an image file and its label file and checks that they hold the same number of items. */
    public static ImageSet read(Path images, Path labels, int numClasses) throws IOException {
        IdxImages im;
        try (UntrustedInput in = UntrustedInput.open(images)) {
            im = readImages(in);
        }
        int[] lab;
        try (UntrustedInput in = UntrustedInput.open(labels)) {
            lab = readLabels(in, numClasses);
        }
        if (lab.length != im.count()) {
            throw new DatasetFormatException(labels.toString(), "it holds " + lab.length + " labels but "
                    + images + " holds " + im.count() + " images");
        }
        return new ImageSet(im.pixels(), lab, new ImageGeometry(im.height(), im.width(), 1), PixelLayout.HWC);
    }

    /** Reads an IDX image file (magic {@code 0x00000803}): count × height × width bytes. */
    public static IdxImages readImages(UntrustedInput in) throws IOException {
        int[] dims = header(in, IMAGES_MAGIC, "image");
        int count = dims[0];
        int height = dims[1];
        int width = dims[2];
        if (height == 0 || width == 0) {
            throw in.error("its images are " + height + " x " + width + " pixels, an empty image");
        }
        long size = (long) count * height * width;
        if (size > UntrustedInput.MAX_ARRAY_LENGTH) {
            throw in.error("its header announces " + count + " images of " + height + " x " + width
                    + " pixels, more than one Java array can hold");
        }
        String what = "the " + count + " images of " + height + " x " + width + " pixels";
        byte[] pixels = in.readBytes(size, what);
        in.expectEnd(what);
        return new IdxImages(pixels, count, height, width);
    }

    /**
     * Reads an IDX label file (magic {@code 0x00000801}).
     *
     * @param numClasses labels must lie in {@code 0 .. numClasses - 1}
     */
    public static int[] readLabels(UntrustedInput in, int numClasses) throws IOException {
        int count = header(in, LABELS_MAGIC, "label")[0];
        String what = "the " + count + " labels";
        byte[] raw = in.readBytes(count, what);
        in.expectEnd(what);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = raw[i] & 0xff;
        }
        int bad = ClassLabels.firstOutside(labels, numClasses);
        if (bad >= 0) {
            throw in.error("label " + bad + " is " + labels[bad] + ", outside the range 0.." + (numClasses - 1));
        }
        return labels;
    }

    /** Reads and checks the magic number and the dimension sizes. */
    private static int[] header(UntrustedInput in, int expectedMagic, String kind) throws IOException {
        int magic = in.readIntBigEndian("the magic number");
        int expectedDims = expectedMagic & 0xff;
        if (magic != expectedMagic) {
            String looksLike = (magic >>> 16) != 0
                    ? ""
                    : (magic >>> 8) != UNSIGNED_BYTE
                            ? " (IDX data of type 0x" + String.format("%02x", (magic >>> 8) & 0xff)
                                    + ", not unsigned bytes)"
                            : " (an IDX file with " + (magic & 0xff) + " dimension" + ((magic & 0xff) == 1 ? "" : "s")
                                    + ", but an IDX " + kind + " file has " + expectedDims + ")";
            throw in.error(String.format("the magic number is 0x%08x%s, but an IDX %s file starts with 0x%08x",
                    magic, looksLike, kind, expectedMagic));
        }
        int[] dims = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = in.readIntBigEndian("the size of dimension " + d);
            if (dims[d] < 0) {
                throw in.error("the size of dimension " + d + " is " + Integer.toUnsignedString(dims[d])
                        + ", more than an IDX file can hold");
            }
        }
        return dims;
    }
}
