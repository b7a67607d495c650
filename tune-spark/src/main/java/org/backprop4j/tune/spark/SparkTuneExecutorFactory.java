package org.backprop4j.tune.spark;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.tune.TuneExecutor;

/**
 * {@code tune --spark MASTER}: connects to Spark (a {@code local[N]} context in this JVM, or a standalone
 * cluster) and hands out a {@link SparkTuneExecutor}; found by cli through {@link java.util.ServiceLoader}.
 *
 * <p>What it sets: a local master listens on loopback only (as does the driver of a cluster on this
 * machine's loopback); the web UI is off unless {@code --spark-conf spark.ui.enabled=true}; a cluster gets
 * backprop4j's jars ({@link AppJars}); with a secret in the environment ({@link SparkSecret}), every connection
 * is authenticated ({@code spark.authenticate}). {@code --spark-conf} settings come last and win, but a secret
 * is refused there.
 */
public final class SparkTuneExecutorFactory implements TuneExecutor.Factory {

    /** How long to wait for a cluster's first executor, in seconds ({@code --spark-conf} may set it). */
    static final String WAIT = "spark.backprop4j.executorWaitSeconds";

    @Override
    public String option() {
        return "--spark";
    }

    @Override
    public TuneExecutor connect(String master, Map<String, String> conf, PrintWriter out) {
        SparkConf sc = conf(SparkMaster.parse(master), conf, System.getenv());
        int wait = sc.getInt(WAIT, 60);
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        // the context waits this long for executors before it returns (and a refused driver has none)
        sc.setIfMissing("spark.scheduler.maxRegisteredResourcesWaitingTime", wait + "s");
        JavaSparkContext context = SparkMaster.parse(master).local()
                ? new JavaSparkContext(sc)
                : connectWithin(sc, master, wait);
        try {
            if (!SparkMaster.parse(master).local()) {
                awaitExecutor(context, master, wait, deadline);
            }
            SparkTuneExecutor.describe(out, context);
            return new SparkTuneExecutor(context);
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
    }

    /**
     * A context of a cluster, made on a thread of its own: Spark waits a minute (three tries of 20 s, fixed)
     * for a master that refuses the driver before it gives up; the search gives up after {@code seconds}.
     */
    private static JavaSparkContext connectWithin(SparkConf sc, String master, int seconds) {
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "backprop4j-spark-connect");
            t.setDaemon(true);
            return t;
        });
        Future<JavaSparkContext> f = starter.submit(() -> new JavaSparkContext(sc));
        starter.shutdown();
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw refused(master, seconds);
        } catch (ExecutionException e) {
            throw new UserError("cannot connect to the Spark master " + master + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + master, e);
        }
    }

    private static UserError refused(String master, int seconds) {
        return new UserError("no executor of " + master + " joined within " + seconds + " s: check that its "
                + "Master and Workers run, have cores free, and share the secret of " + SparkSecret.VARIABLE
                + " (or " + SparkSecret.FILE_VARIABLE + ").");
    }

    /** The Spark settings for {@code master}, the user's {@code conf} and the environment {@code env}. */
    static SparkConf conf(SparkMaster master, Map<String, String> conf, Map<String, String> env) {
        for (String key : conf.keySet()) {
            if (key.startsWith("spark.authenticate.secret")) {
                throw new UserError("--spark-conf " + key + " would put the secret on the command line, where "
                        + "other users see it; set " + SparkSecret.VARIABLE + " or " + SparkSecret.FILE_VARIABLE
                        + " instead.");
            }
            if (key.isBlank()) {
                throw new UserError("--spark-conf takes KEY=VALUE, e.g. spark.executor.memory=2g; got an empty key.");
            }
        }
        SparkConf c = new SparkConf(false).setMaster(master.url()).setAppName("backprop4j tune")
                .set("spark.ui.enabled", "false");
        if (master.loopback()) {
            c.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!master.local()) {
            // executors run pure's SIMD kernels as this JVM does, so a trial gives the same numbers anywhere
            c.set("spark.jars", String.join(",", AppJars.list())).set("spark.executor.extraJavaOptions",
                    "--add-modules jdk.incubator.vector");
        }
        SparkSecret.from(env).ifPresent(secret -> c.set("spark.authenticate", "true")
                .set("spark.authenticate.secret", secret));
        conf.forEach(c::set);
        return c;
    }

    /**
     * Waits for the cluster's first executor: a master that refuses the driver (a wrong secret) or has no free
     * worker would otherwise leave the search waiting without a word.
     */
    private static void awaitExecutor(JavaSparkContext context, String master, int seconds, long deadline) {
        while (context.sc().getExecutorIds().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw refused(master, seconds);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark's executors", e);
            }
        }
    }
}
