package org.backprop4j.solver.checkpoint;

import java.util.Map;

import org.backprop4j.models.ModelSpec;
import org.backprop4j.random.NumpyRandom;

/**
 * Everything needed to continue a training run exactly where it stopped.
 *
 * @param model           the architecture
 * @param solverOptions   the Solver's options as text properties
 * @param epoch           epochs completed
 * @param iteration       iterations completed
 * @param bestValAcc      the best validation accuracy so far
 * @param lossHistory     loss of every iteration so far
 * @param trainAccHistory training accuracy at every check
 * @param valAccHistory   validation accuracy at every check
 * @param rng             the generator's state
 * @param params          the current parameters
 * @param bestParams      the parameters of the best validation accuracy
 * @param buffers         non-trained state (batchnorm running statistics)
 * @param optim           per-parameter optimizer configs
 */
public record Checkpoint(ModelSpec model, Map<String, String> solverOptions, int epoch, int iteration,
                         double bestValAcc, double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
                         NumpyRandom.State rng, Map<String, Tensor> params, Map<String, Tensor> bestParams,
                         Map<String, Tensor> buffers, Map<String, OptimState> optim) {
}
