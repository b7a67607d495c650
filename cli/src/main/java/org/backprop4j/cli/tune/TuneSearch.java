package org.backprop4j.cli.tune;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.dashboard.RunState;
import org.backprop4j.datasets.DataSplits;

/**
 * A search ready to run: what a {@link TuneExecutor} is given.
 *
 * @param dir      the search folder; trial {@code i}'s run folder is {@code dir/trial-NNN}
 * @param trials   the plan, in index order
 * @param shared   the data, loaded once on this machine
 * @param backend  the backend the data lives on
 * @param parallel trials run at once ({@code --jobs})
 * @param out      where progress goes (synchronize on it to print)
 * @param live     the trials' dashboard states in plan order, or null without {@code --dashboard}; an executor
 *                 that runs trials in this JVM feeds them as the trials train (others leave them to the driver,
 *                 which sets each trial's status when its result comes back)
 */
public record TuneSearch(Path dir, List<PlannedTrial> trials, DataSplits shared, Backend backend, int parallel,
        PrintWriter out, List<RunState> live) {
}
