package org.backprop4j.backend.pure.conv;

import java.util.function.IntConsumer;

import org.backprop4j.backend.array.PureProduct;
import org.backprop4j.parallel.BandHelpers;

/**
 * Samples cut into chunks of consecutive samples, run on the calling thread and the product's helper threads
 * ({@link BandHelpers}) like the bands of one product. The cut depends on N alone, never on the number of threads, so
 * a result summed chunk by chunk (the filters' gradient) has the same bits however many threads computed it.
 *
 * @param samples N
 * @param chunks  the number of chunks, at most {@link #MOST} and at most N
 */
record SampleChunks(int samples, int chunks) {

    /**
     * The most chunks: 16, eight per core on two cores, so that a core slowed by another process leaves its chunks
     * to the other; each chunk of the backward pass keeps one {@code (F, C*HH*WW)} partial gradient.
     */
    static final int MOST = 16;

    /** The chunks of {@code samples} samples. */
    static SampleChunks of(int samples) {
        return new SampleChunks(samples, Math.max(1, Math.min(samples, MOST)));
    }

    /** The first sample of chunk {@code chunk}; chunk {@code chunk} ends where chunk {@code chunk + 1} starts. */
    int start(int chunk) {
        return (int) ((long) chunk * samples / chunks);
    }

    /**
     * Runs {@code body} for every chunk and waits for all of them: on the calling thread and the helper threads when
     * {@code parallel}, else on the calling thread alone (whose products may then use the threads themselves).
     */
    void run(boolean parallel, IntConsumer body) {
        if (parallel && chunks > 1) {
            BandHelpers.shared().run(chunks, body);
        } else {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
        }
    }

    /** Runs {@code body} for every sample, chunk by chunk as {@link #run(boolean, IntConsumer)} does. */
    void forEachSample(boolean parallel, IntConsumer body) {
        run(parallel, c -> {
            for (int n = start(c); n < start(c + 1); n++) {
                body.accept(n);
            }
        });
    }

    /** True if a call of {@code work} multiply-adds is worth spreading over the threads of {@code gemm}. */
    static boolean parallel(PureProduct gemm, long work) {
        return gemm.threads() > 1 && work >= gemm.parallelThreshold();
    }
}
