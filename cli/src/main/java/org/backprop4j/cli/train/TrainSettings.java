package org.backprop4j.cli.train;

import java.nio.file.Path;
import java.util.List;

import org.backprop4j.cli.data.DataOption;
import org.backprop4j.matrix.DType;

/**
 * Everything {@code backprop4j train} was asked to do, as parsed from its options.
 *
 * @param data        the data set
 * @param model       {@code two-layer}, {@code mlp} or {@code fc}
 * @param hidden      hidden layer sizes (one for two-layer and mlp)
 * @param activation  {@code relu} or {@code sigmoid} (mlp)
 * @param batchnorm   batch normalization (fc)
 * @param dropout     dropout keep probability, 0 for none (fc)
 * @param reg         regularization strength
 * @param weightScale initial weight scale (std of the normal weights)
 * @param update      the update rule
 * @param lr          learning rate
 * @param lrDecay     learning-rate decay per epoch
 * @param momentum    momentum of sgd_momentum, or null for the rule's default
 * @param epochs      epochs
 * @param batchSize   minibatch size
 * @param numTrain    training rows to keep, negative for all
 * @param seed        the seed of the generator (weights, minibatches, dropout)
 * @param backend     a backend name, or null for the default choice
 * @param dtype       computation dtype
 * @param out         the run folder
 * @param historyOut  an extra path for the history JSON, or null
 * @param resume      a checkpoint to continue from, or null
 * @param quiet       no progress output
 */
public record TrainSettings(DataOption data, String model, List<Integer> hidden, String activation, boolean batchnorm,
                            double dropout, double reg, double weightScale, String update, double lr, double lrDecay,
                            Double momentum, int epochs, int batchSize, int numTrain, long seed, String backend,
                            DType dtype, Path out, Path historyOut, Path resume, boolean quiet) {
}
