package org.backprop4j.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files in memory for the tests, valid or broken. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** An IDX file: the magic, the dimension sizes, then {@code payload}. */
    public static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    /** A valid image file of {@code n} images of {@code h × w} whose byte {@code k} is {@code (seed + k) % 256}. */
    public static byte[] images(int n, int h, int w, int seed) {
        byte[] p = new byte[n * h * w];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (seed + k);
        }
        return idx(IdxReader.IMAGES_MAGIC, new int[] {n, h, w}, p);
    }

    /** A valid label file of {@code labels}. */
    public static byte[] labels(int... labels) {
        byte[] p = new byte[labels.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) labels[i];
        }
        return idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, p);
    }

    /** {@code data} gzipped. */
    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }
}
