package org.backprop4j.datasets.cifar;

import java.io.IOException;
import java.nio.file.Path;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.datasets.labels.ClassLabels;

/**
 * Reads a CIFAR-10 binary batch ({@code cifar-10-batches-bin/data_batch_1.bin} ... {@code
 * test_batch.bin}): records of one label byte (0..9) followed by 3072 pixel bytes, the 1024 red, then
 * 1024 green, then 1024 blue values of a 32 × 32 image, each plane row by row (CHW). The images are
 * kept in that layout; {@link ImageSet#rowHwc} gives the HWC rows cs231n trains on.
 */
public final class CifarBinaryReader {

    /** Bytes per record: one label byte and 3072 pixel bytes. */
    public static final int RECORD_BYTES = 1 + 3072;

    private CifarBinaryReader() {
    }

    /** Reads the batch file {@code file}. */
    public static ImageSet read(Path file) throws IOException {
        try (UntrustedInput in = UntrustedInput.open(file)) {
            return read(in);
        }
    }

    /** Reads one batch from {@code in}. */
    public static ImageSet read(UntrustedInput in) throws IOException {
        byte[] all = in.readAll("the records");
        if (all.length == 0) {
            throw in.error("it is empty, but a CIFAR-10 binary batch holds records of 3073 bytes");
        }
        if (all.length % RECORD_BYTES != 0) {
            throw in.error("its length, " + all.length + " bytes, is not a whole number of 3073-byte records"
                    + " (1 label byte + 3072 pixel bytes): " + all.length / RECORD_BYTES + " records and "
                    + all.length % RECORD_BYTES + " bytes too many or too few");
        }
        int count = all.length / RECORD_BYTES;
        int n = ImageGeometry.CIFAR.pixels();
        byte[] pixels = new byte[count * n];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = all[i * RECORD_BYTES] & 0xff;
            System.arraycopy(all, i * RECORD_BYTES + 1, pixels, i * n, n);
        }
        int bad = ClassLabels.firstOutside(labels, CifarClasses.COUNT);
        if (bad >= 0) {
            throw in.error("record " + bad + " has label " + labels[bad] + ", outside the range 0..9");
        }
        return new ImageSet(pixels, labels, ImageGeometry.CIFAR, PixelLayout.CHW);
    }
}
