package org.backprop4j.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is
 * {@code uint64 length, uint32 masked_crc32c(length), byte[length] data, uint32 masked_crc32c(data)}, little-endian,
 * where the mask is TensorFlow's {@code ((crc >>> 15 | crc << 17) + 0xa282ead8)}.
 */
public final class TfRecord {

    /** TensorFlow's mask delta. */
    static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {
    }

    /** The masked CRC32C (Castagnoli) of {@code bytes[offset, offset + length)}. */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes {@code data} as one record. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc32c(header.array(), 0, 8));
        ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        footer.putInt(maskedCrc32c(data, 0, data.length));
        out.write(header.array());
        out.write(data);
        out.write(footer.array());
    }
}
