package org.backprop4j.conformance.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.backprop4j.conformance.cases.Results;

/** Runs a computation on several threads started together. */
final class Parallel {

    /** The computation of one worker. */
    @FunctionalInterface
    interface Work {
        Results run(int worker) throws Exception;
    }

    private Parallel() {
    }

    /** Runs {@code work} for workers 0 .. threads-1, all released at once, and returns their results in order. */
    static List<Results> run(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "conformance-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Results>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                Callable<Results> task = () -> {
                    start.await();
                    return work.run(worker);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Results> out = new ArrayList<>();
            for (Future<Results> f : futures) {
                out.add(f.get(10, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
