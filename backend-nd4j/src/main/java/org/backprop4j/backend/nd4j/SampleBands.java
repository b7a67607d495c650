package org.backprop4j.backend.nd4j;

import org.backprop4j.parallel.BandHelpers;

/**
 * The samples of a batch cut into contiguous bands, one per product thread of the backend
 * ({@link ParallelGemm#threads()}), computed by the caller and the shared {@link BandHelpers}, and each band into
 * chunks of a few samples: how the convolution kernels run their loops. A chunk is what is on the Java
 * heap at a time (its values read out, lowered, written back), so it is sized to stay in the cache, and large enough
 * that the per-call costs (a buffer view per read, an array per lowering) are small beside the work. The cut depends
 * only on the batch size, the work and the thread count, so a result summed chunk by chunk and band by band (the
 * filter gradient) is the same bits run to run.
 */
final class SampleBands {

    /** Elements of the largest per-sample array a chunk should hold at most (512 KiB of doubles). */
    static final int CHUNK_ELEMENTS = 1 << 16;

    /** What a band computes: samples {@code [from, to)}, as band number {@code band}. */
    @FunctionalInterface
    interface Band {
        void run(int band, int from, int to);
    }

    /** What a chunk computes: samples {@code [from, to)}. */
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to);
    }

    private SampleBands() {
    }

    /**
     * The bands {@code n} samples are cut into when their work is {@code work} multiply-adds (or element visits):
     * at most one per thread and per sample, and one band per {@link ParallelGemm#MIN_MACS_PER_BLOCK} of work.
     */
    static int count(int n, long work) {
        long byWork = Math.max(1, work / ParallelGemm.MIN_MACS_PER_BLOCK);
        return (int) Math.min(Nd4jBackend.backend().products().threads(), Math.min(byWork, Math.max(1, n)));
    }

    /** Samples per chunk when the largest per-sample array of a chunk has {@code perSample} elements: at least 1. */
    static int chunk(long perSample) {
        return (int) Math.max(1, CHUNK_ELEMENTS / Math.max(1, perSample));
    }

    /** Runs {@code band} for each of {@code bands} contiguous ranges of the {@code n} samples, and waits for all. */
    static void run(int n, int bands, Band band) {
        if (bands == 1) {
            band.run(0, 0, n);
            return;
        }
        BandHelpers.shared().run(bands, p -> band.run(p, (int) ((long) n * p / bands),
                (int) ((long) n * (p + 1) / bands)));
    }

    /** Runs {@code chunk} for each chunk of {@code size} samples of {@code [from, to)}, in order. */
    static void chunks(int from, int to, int size, Chunk chunk) {
        for (int c = from; c < to; c += size) {
            chunk.run(c, Math.min(to, c + size));
        }
    }
}
