package org.backprop4j.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BandHelpersTest {

    @ParameterizedTest(name = "{0} helpers, polling {1} us")
    @CsvSource({"1, 0", "1, 2000", "3, 0", "3, 50"})
    void everyBandRunsExactlyOnceWhicheverThreadsClaimIt(int helpers, long spinMicros) {
        BandHelpers pool = new BandHelpers(helpers, spinMicros * 1000);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 500; round++) {
            int parts = 1 + round % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            pool.run(parts, p -> {
                runs.incrementAndGet(p);
                threads.add(Thread.currentThread().getName());
                busy(20_000); // about as long as a small band: long enough for a helper to claim one
            });
            for (int p = 0; p < parts; p++) {
                assertEquals(1, runs.get(p), "band " + p + " of " + parts + " in round " + round);
            }
        }
        assertTrue(threads.contains(Thread.currentThread().getName()), "the caller computes bands: " + threads);
        assertTrue(threads.size() > 1, "the helpers compute bands too: " + threads);
    }

    @Test
    void aFailingBandIsRethrownOnTheCallerAfterTheOtherBandsEnded() {
        BandHelpers pool = new BandHelpers(1, 0);
        AtomicIntegerArray ended = new AtomicIntegerArray(4);
        IllegalStateException boom = new IllegalStateException("band 2 failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(4, p -> {
            busy(200_000);
            ended.set(p, 1);
            if (p == 2) {
                throw boom;
            }
        }));
        assertSame(boom, e);
        for (int p = 0; p < 4; p++) {
            assertEquals(1, ended.get(p), "band " + p + " ended before the failure was reported");
        }
        // the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        pool.run(3, runs::incrementAndGet);
        assertEquals("[1, 1, 1]", runs.toString());
    }

    @Test
    void productsStartedAtOnceOnSeveralThreadsEachRunAllTheirBands() throws Exception {
        BandHelpers pool = new BandHelpers(1, 1000);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(callers.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(5);
                        pool.run(5, p -> {
                            runs.incrementAndGet(p);
                            busy(5_000);
                        });
                        for (int p = 0; p < 5; p++) {
                            if (runs.get(p) != 1) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(60, TimeUnit.SECONDS), "every band of every product ran exactly once");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void thePollingTimeComesFromTheSystemPropertyInMicroseconds() {
        assertEquals(BandHelpers.DEFAULT_SPIN_MICROS * 1000, BandHelpers.shared().spinNanos(),
                "the build's tests run without " + BandHelpers.SPIN_PROPERTY);
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
