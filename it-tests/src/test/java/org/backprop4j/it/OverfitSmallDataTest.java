package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.datasets.Datasets;
import org.backprop4j.datasets.LoadOptions;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 001's sanity check "use the three-layer network to overfit a small dataset": a [100, 100]
 * FullyConnectedNet reaches training accuracy 1.0 on 50 real examples within 20 epochs, on every
 * backend. The notebook used CIFAR-10 (mean-subtracted raw pixels) with weight scale 1e-2 and learning
 * rate 1e-2; on the bundled digits, whose pixels are scaled to [0, 1], the same net needs larger
 * weights and steps: weight scale 1e-1 and learning rate 2e-1 (sgd, batch 25, seed 0), chosen by a
 * small search (1e-2 .. 2e-1 each); it reaches 1.0 at epoch 11.
 */
class OverfitSmallDataTest {

    @ParameterizedTest
    @MethodSource("org.backprop4j.it.BackendsUnderTest#all")
    void aThreeLayerNetOverfitsFiftyDigits(Backend b) throws Exception {
        DataSplits d = Datasets.load(DatasetSpec.parse("mnist-10k"), b, LoadOptions.DEFAULTS.withNumTrain(50));
        assertEquals(50, d.xTrain().rows());
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(100, 100)
                .inputDim(d.inputSize()).numClasses(10).weightScale(1e-1).dtype(DType.FLOAT64), rng);
        Solver solver = new Solver(model, new TrainingData(d.xTrain(), d.yTrain(), d.xVal(), d.yVal()),
                SolverOptions.builder().updateRule("sgd").learningRate(2e-1).batchSize(25).numEpochs(20).build(), rng);
        solver.train();
        double[] trainAcc = solver.trainAccHistory();
        assertEquals(21, trainAcc.length, "the first iteration and 20 epoch ends");
        assertEquals(1.0, trainAcc[trainAcc.length - 1],
                b.name() + " train acc history " + Arrays.toString(trainAcc));
        // and it overfits: what it learned from 50 digits generalizes far worse than it fits them
        assertTrue(solver.bestValAcc() < 0.8, b.name() + " best val acc " + solver.bestValAcc());
    }
}
