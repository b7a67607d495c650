package org.backprop4j.datasets.bundled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.backprop4j.datasets.image.ImageSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled digits are the files make_bundled_mnist.py wrote (sha256 of their uncompressed content,
 * recorded in datasets/scripts/README.md), split 8000/1000/1000 with the recorded class counts, and
 * load fast.
 */
class BundledDigitsTest {

    private static String sha256OfGunzipped(String resource) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GZIPInputStream(BundledDigits.class.getResourceAsStream(resource))) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void resourcesAreTheRecordedFiles() throws Exception {
        assertEquals("9e23de140cb58a186db5705eb4914828e226ae5dd896883c1c9cf01d4c60b504",
                sha256OfGunzipped(BundledDigits.IMAGES));
        assertEquals("b92b719960f3435f52e8e21a59ece94a9ba4c9062e8d9577de0fc5db1448d3cc",
                sha256OfGunzipped(BundledDigits.LABELS));
    }

    private static int[] classCounts(ImageSet set) {
        int[] counts = new int[10];
        for (int y : set.labels()) {
            counts[y]++;
        }
        return counts;
    }

    @Test
    void stratifiedSplitWithTheRecordedClassCounts() throws IOException {
        BundledDigits.Splits s = BundledDigits.load();
        assertArrayEquals(new int[] {801, 901, 793, 826, 784, 691, 810, 856, 756, 782}, classCounts(s.train()));
        assertArrayEquals(new int[] {100, 113, 99, 103, 98, 86, 102, 107, 94, 98}, classCounts(s.val()));
        assertArrayEquals(new int[] {100, 113, 99, 103, 98, 86, 102, 107, 94, 98}, classCounts(s.test()));
    }

    @Test
    void loadsWellUnderASecond() throws IOException {
        BundledDigits.load();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            BundledDigits.load();
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.println("mnist-10k loads in " + best / 1_000_000 + " ms");
        assertTrue(best < 500_000_000L, "loading took " + best / 1_000_000 + " ms");
    }
}
