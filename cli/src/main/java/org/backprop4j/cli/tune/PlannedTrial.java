package org.backprop4j.cli.tune;

import org.backprop4j.cli.train.TrainSettings;

/**
 * A trial of the plan, before it runs.
 *
 * @param index    its number in the plan
 * @param lr       {@code --lr} drawn or taken from the grid
 * @param reg      {@code --reg}
 * @param hidden   the hidden size of every hidden layer
 * @param settings the run's settings (the search's, with these values, seed {@code --seed + index} and the
 *                 folder {@code trial-NNN} of the search)
 */
public record PlannedTrial(int index, double lr, double reg, int hidden, TrainSettings settings) {
}
