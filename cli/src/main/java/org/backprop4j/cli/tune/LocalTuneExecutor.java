package org.backprop4j.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs the trials on a pool of {@code parallel} threads of this JVM, each trial by {@link TrialBody}. */
public final class LocalTuneExecutor implements TuneExecutor {

    @Override
    public void run(TuneSearch search, Consumer<Trial> done) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(search.parallel());
        List<Future<?>> futures = new ArrayList<>();
        for (PlannedTrial p : search.trials()) {
            futures.add(pool.submit(() -> {
                Trial t = TrialBody.run(p, search.shared(),
                        search.live() == null ? null : search.live().get(p.index()));
                synchronized (done) {
                    done.accept(t);
                }
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
