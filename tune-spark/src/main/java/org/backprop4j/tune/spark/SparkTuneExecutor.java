package org.backprop4j.tune.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.tune.PlannedTrial;
import org.backprop4j.cli.tune.Trial;
import org.backprop4j.cli.tune.TuneExecutor;
import org.backprop4j.cli.tune.TuneSearch;
import org.backprop4j.datasets.DatasetSpec;

/**
 * Runs a search's trials as Spark tasks, one job of one task per trial (so each trial's result reaches the
 * driver as soon as it ends, and Spark re-runs a trial whose executor was lost); writes every trial's run
 * folder from the bytes that come back, and prints after each trial how many are done, running and failed.
 */
final class SparkTuneExecutor implements TuneExecutor {

    private static final String JOB_GROUP = "backprop4j-tune";

    private final JavaSparkContext sc;
    private final AtomicInteger running = new AtomicInteger();

    SparkTuneExecutor(JavaSparkContext sc) {
        this.sc = sc;
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                running.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                running.decrementAndGet();
            }
        });
    }

    @Override
    public void run(TuneSearch search, Consumer<Trial> done) throws Exception {
        // data read from this machine's disk travel once to every executor; bundled data are in their jars
        DataOption data = search.trials().get(0).settings().data();
        boolean bundled = data.isToy() || DatasetSpec.parse(data.text()).kind() == DatasetSpec.Kind.MNIST_10K;
        Broadcast<ShippedData> shipped = bundled ? null : sc.broadcast(ShippedData.of(search.shared()));
        TrialRunner runner = new TrialRunner(shipped);
        sc.setJobGroup(JOB_GROUP, "backprop4j tune: " + search.dir(), true);
        List<PlannedTrial> trials = search.trials();
        List<JavaFutureAction<List<TrialResult>>> futures = new ArrayList<>();
        for (PlannedTrial p : trials) {
            futures.add(sc.parallelize(List.of(TrialTask.of(p)), 1).map(runner).collectAsync());
        }
        boolean[] handled = new boolean[trials.size()];
        int finished = 0;
        int failed = 0;
        try {
            while (finished < trials.size()) {
                boolean any = false;
                for (int i = 0; i < trials.size(); i++) {
                    if (handled[i] || !futures.get(i).isDone()) {
                        continue;
                    }
                    handled[i] = true;
                    any = true;
                    Trial t = outcome(trials.get(i), futures.get(i));
                    finished++;
                    failed += t.ok() ? 0 : 1;
                    done.accept(t);
                    synchronized (search.out()) {
                        search.out().println(String.format(Locale.ROOT, "           %d of %d: done %d, running %d, "
                                + "failed %d", finished, trials.size(), finished, Math.max(0, running.get()), failed));
                        search.out().flush();
                    }
                }
                if (!any) {
                    Thread.sleep(50);
                }
            }
        } finally {
            if (finished < trials.size()) {
                sc.cancelJobGroup(JOB_GROUP);
            }
            if (shipped != null) {
                shipped.destroy();
            }
        }
    }

    /**
     * The trial's outcome, its folder written; a task Spark gave up on is a failed trial, but a job cancelled
     * because the search was interrupted (the context stopped by Ctrl-C) ends the search.
     */
    private Trial outcome(PlannedTrial p, JavaFutureAction<List<TrialResult>> f) throws Exception {
        Path folder = p.settings().out();
        try {
            return f.get().get(0).writeTo(folder);
        } catch (ExecutionException e) {
            if (sc.sc().isStopped() || f.isCancelled()) {
                throw new CancellationException("the search was interrupted: Spark stopped before trial "
                        + p.index() + " ended");
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Trial(p.index(), p.lr(), p.reg(), p.hidden(), "failed", Double.NaN, Double.NaN, 0, folder,
                    "Spark gave up on the task: " + why.strip().lines().findFirst().orElse(""));
        }
    }

    @Override
    public void close() {
        sc.cancelAllJobs();
        sc.stop();
    }

    /** For messages. */
    static void describe(PrintWriter out, JavaSparkContext sc) {
        out.println("spark:  " + sc.master() + ", Spark " + sc.version() + ", application " + sc.sc().applicationId()
                + ", default parallelism " + sc.defaultParallelism());
        out.flush();
    }
}
