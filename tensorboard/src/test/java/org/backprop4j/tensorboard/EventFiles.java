package org.backprop4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.tensorboard.proto.Event;

/**
 * An event-file reader for the tests, written from the TFRecord format, not from {@link TfRecord}: it checks both
 * CRCs of every record with {@link java.util.zip.CRC32C} and TensorFlow's mask, then parses the {@link Event}.
 */
public final class EventFiles {

    private EventFiles() {
    }

    /** {@code crc} masked as TensorFlow masks it: rotated right by 15 bits, plus 0xa282ead8. */
    static int mask(long crc) {
        long rotated = ((crc >>> 15) | (crc << 17)) & 0xffffffffL;
        return (int) ((rotated + 0xa282ead8L) & 0xffffffffL);
    }

    static int crc(byte[] b, int off, int len) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, off, len);
        return mask(c.getValue());
    }

    /** Every event of {@code file}, in order. */
    public static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] header = new byte[8];
            in.get(header);
            long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(crc(header, 0, 8), in.getInt(), "the length's CRC of record " + events.size());
            byte[] data = new byte[Math.toIntExact(length)];
            in.get(data);
            assertEquals(crc(data, 0, data.length), in.getInt(), "the data's CRC of record " + events.size());
            events.add(Event.parseFrom(data));
        }
        return events;
    }

    /** The one event file in {@code dir}. */
    public static Path only(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
            assertEquals(1, files.size(), "event files in " + dir + ": " + files);
            return files.get(0);
        }
    }
}
