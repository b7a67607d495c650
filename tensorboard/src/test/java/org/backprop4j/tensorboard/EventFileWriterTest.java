package org.backprop4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.tensorboard.proto.Event;
import org.backprop4j.tensorboard.proto.HParamsPluginData;
import org.backprop4j.tensorboard.proto.HistogramProto;
import org.backprop4j.tensorboard.proto.SessionStartInfo;
import org.backprop4j.tensorboard.proto.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {

    /** CRC-32C's check value ("123456789" → 0xE3069283, RFC 3720), masked by hand: 0xC78AB0E5. */
    @Test
    void theMaskedCrcOfTheCheckString() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xC78AB0E5, TfRecord.maskedCrc32c(check, 0, check.length));
        assertEquals(0xC78AB0E5, EventFiles.crc(check, 0, check.length));
    }

    @Test
    void aRecordIsItsLengthTheCrcsAndTheBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TfRecord.write(out, new byte[] {1, 2, 3});
        byte[] b = out.toByteArray();
        assertEquals(8 + 4 + 3 + 4, b.length);
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(b, 8), "uint64 LE length");
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(b, 12, 15));
    }

    @Test
    void whatIsWrittenReadsBack(@TempDir Path dir) throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        try (EventFileWriter w = new EventFileWriter(dir.resolve("logs"))) {
            w.scalar("loss", 7, 2.302585);
            // the values 0, 1, 1, 2, 3, 4 in four buckets
            w.histogram("weights/W1", 8, 0, 4, 6, 11, 31, new double[] {1, 2, 3, 4}, new double[] {1, 2, 1, 2});
            w.image("weights/W1", 9, png, 28, 28, 1);
            w.hparams(EventFileWriter.SESSION_START_TAG, HParamsPluginData.newBuilder().setSessionStartInfo(
                    SessionStartInfo.newBuilder().putAllHparams(EventFileWriter.values(Map.of("lr", 0.1,
                            "update", "adam"))))
                    .build());
        }
        List<Event> events = EventFiles.read(EventFiles.only(dir.resolve("logs")));
        assertEquals(5, events.size());
        assertEquals("brain.Event:2", events.get(0).getFileVersion());

        Summary.Value loss = events.get(1).getSummary().getValue(0);
        assertEquals(7, events.get(1).getStep());
        assertEquals("loss", loss.getTag());
        assertEquals((float) 2.302585, loss.getSimpleValue(), 0f);

        HistogramProto h = events.get(2).getSummary().getValue(0).getHisto();
        assertEquals(0, h.getMin(), 0.0);
        assertEquals(4, h.getMax(), 0.0);
        assertEquals(6, h.getNum(), 0.0);
        assertEquals(11, h.getSum(), 0.0);
        assertEquals(0 + 1 + 1 + 4 + 9 + 16, h.getSumSquares(), 0.0);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), h.getBucketLimitList());
        assertEquals(List.of(1.0, 2.0, 1.0, 2.0), h.getBucketList(), "bins [0,1) [1,2) [2,3) [3,4]");

        Summary.Image image = events.get(3).getSummary().getValue(0).getImage();
        assertEquals(28, image.getHeight());
        assertEquals(1, image.getColorspace());
        assertArrayEquals(png, image.getEncodedImageString().toByteArray());

        Summary.Value hp = events.get(4).getSummary().getValue(0);
        assertEquals("_hparams_/session_start_info", hp.getTag());
        assertEquals("hparams", hp.getMetadata().getPluginData().getPluginName());
        SessionStartInfo start = HParamsPluginData.parseFrom(hp.getMetadata().getPluginData().getContent())
                .getSessionStartInfo();
        assertEquals(0.1, start.getHparamsOrThrow("lr").getNumberValue(), 0.0);
        assertEquals("adam", start.getHparamsOrThrow("update").getStringValue());
        assertTrue(hp.hasTensor());
        for (Event e : events) {
            assertTrue(e.getWallTime() > 1.7e9, "seconds since the epoch: " + e.getWallTime());
        }
    }
}
