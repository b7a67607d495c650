package org.backprop4j.cli.tune;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a search's trials: {@link LocalTuneExecutor} on this machine's cores, or one found by
 * {@link java.util.ServiceLoader} through {@link Factory} (the {@code tune-spark} module, for {@code --spark}),
 * which cli does not depend on. Every executor runs each trial with {@link TrialBody}, so they give the same
 * trials.
 */
public interface TuneExecutor extends AutoCloseable {

    /**
     * Runs every trial of {@code search} and returns when all have ended. Each ended trial is handed to
     * {@code done} (one at a time) once its run folder is complete under {@code search.dir()}.
     */
    void run(TuneSearch search, Consumer<Trial> done) throws Exception;

    /** Releases what the executor holds (threads, a cluster connection). */
    @Override
    default void close() {
    }

    /** Makes executors of a cluster; found with {@link java.util.ServiceLoader}. */
    interface Factory {
        /** The option that asks for this executor, e.g. {@code --spark}. */
        String option();

        /**
         * Connects to {@code master} (the option's value) with the given settings ({@code KEY=VALUE} options).
         *
         * @param out where the executor says what it connected to
         * @throws org.backprop4j.cli.common.UserError if {@code master} or a setting is not one it takes
         */
        TuneExecutor connect(String master, Map<String, String> conf, PrintWriter out);
    }
}
