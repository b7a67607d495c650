package org.backprop4j.tune.spark;

import java.io.PrintWriter;
import java.util.Map;

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
        JavaSparkContext context = new JavaSparkContext(sc);
        try {
            if (!SparkMaster.parse(master).local()) {
                awaitExecutor(context, master, sc.getInt(WAIT, 60));
            }
            SparkTuneExecutor.describe(out, context);
            return new SparkTuneExecutor(context);
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
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
            c.set("spark.jars", String.join(",", AppJars.list()));
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
    private static void awaitExecutor(JavaSparkContext context, String master, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (context.sc().getExecutorIds().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new UserError("no executor of " + master + " joined within " + seconds + " s: check that its "
                        + "Master and Workers run, have cores free, and share the secret of "
                        + SparkSecret.VARIABLE + " (or " + SparkSecret.FILE_VARIABLE + ").");
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
