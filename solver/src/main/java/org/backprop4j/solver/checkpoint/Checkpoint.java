package org.backprop4j.solver.checkpoint;

import java.util.Map;

import org.backprop4j.models.ModelSpec;
import org.backprop4j.random.NumpyRandom;

/**
 * Everything needed to continue a training run exactly where it stopped, or to use its best model.
 *
 * @param model           the architecture
 * @param solverOptions   the Solver's options as text properties
 * @param metadata        what the caller recorded about the run (for the CLI: the data set, {@code --num-train},
 *                        the backend, the seed), as text properties; empty in format version 1
 * @param epoch           epochs completed
 * @param iteration       iterations completed
 * @param bestValAcc      the best validation accuracy so far
 * @param bestIteration   the iteration after which that accuracy was measured (0: before training; -1: not
 *                        recorded, as in format version 1)
 * @param trainingState   whether {@code params} and {@code buffers} are the state training continues from
 *                        ({@code false}: they are the best ones, saved later than they were found, and
 *                        the file serves evaluation only)
 * @param lossHistory     loss of every iteration so far
 * @param trainAccHistory training accuracy at every check
 * @param valAccHistory   validation accuracy at every check
 * @param rng             the generator's state
 * @param params          the current parameters (the best ones when not a training state)
 * @param bestParams      the parameters of the best validation accuracy
 * @param buffers         non-trained state (batchnorm running statistics)
 * @param bestBuffers     the buffers when the best validation accuracy was measured
 * @param optim           per-parameter optimizer configs
 */
public record Checkpoint(ModelSpec model, Map<String, String> solverOptions, Map<String, String> metadata, int epoch,
        int iteration, double bestValAcc, int bestIteration, boolean trainingState,
        double[] lossHistory, double[] trainAccHistory, double[] valAccHistory, NumpyRandom.State rng,
        Map<String, Tensor> params, Map<String, Tensor> bestParams, Map<String, Tensor> buffers,
        Map<String, Tensor> bestBuffers, Map<String, OptimState> optim) {

    /**
     * A training state with the fields of format version 1: no metadata, the best's iteration not recorded, its
     * buffers the current ones.
     */
    public Checkpoint(ModelSpec model, Map<String, String> solverOptions, int epoch, int iteration, double bestValAcc,
            double[] lossHistory, double[] trainAccHistory, double[] valAccHistory, NumpyRandom.State rng,
            Map<String, Tensor> params, Map<String, Tensor> bestParams, Map<String, Tensor> buffers,
            Map<String, OptimState> optim) {
        this(model, solverOptions, Map.of(), epoch, iteration, bestValAcc, -1, true, lossHistory,
                trainAccHistory, valAccHistory, rng, params, bestParams, buffers, buffers, optim);
    }
}
