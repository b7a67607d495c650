package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.datasets.Datasets;
import org.backprop4j.datasets.LoadOptions;
import org.backprop4j.datasets.image.ImageShape;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * The ConvolutionalNetworks notebook's sanity check "overfit small data": {@code ThreeLayerConvNet(weight_scale=1e-2)}
 * trained by {@code Solver(num_epochs=15, batch_size=50, update_rule='adam', optim_config={'learning_rate': 1e-3})}
 * on 100 training examples reaches a high training accuracy. The notebook uses CIFAR-10; here the bundled digits,
 * viewed (N, 1, 28, 28), with the class's defaults (32 filters of 7x7, hidden 100, float32), on pure (it lives here,
 * not in models, because models cannot depend on the Solver or the data sets). 100 validation rows keep the epoch
 * checks cheap. On pixels / 255 the notebook's learning rate 1e-3 is too slow for 15 epochs (train accuracy 0.17
 * for six epochs, 0.74 at the end), so the rate is 3e-3, as {@code train --model cnn} defaults to on the digits.
 */
class ConvNetOverfitTest {

    @Test
    void theThreeLayerConvNetOverfitsOneHundredDigitsWithinFifteenEpochs() throws Exception {
        Backend b = Backends.get("pure");
        DataSplits d = Datasets.load(DatasetSpec.DEFAULT, b, LoadOptions.DEFAULTS.withDType(DType.FLOAT32)
                .withNumTrain(100).withNumVal(100).withRowLayout(PixelLayout.CHW));
        ImageShape shape = d.imageShape().orElseThrow();
        assertEquals(new ImageShape(1, 28, 28), shape);
        NumpyRandom rng = new NumpyRandom(0);
        ThreeLayerConvNet model = new ThreeLayerConvNet(b, ThreeLayerConvNetConfig.defaults()
                .inputDim(shape.channels(), shape.height(), shape.width()).weightScale(1e-2), rng);
        Solver solver = new Solver(model, new TrainingData(d.xTrain(), d.yTrain(), d.xVal(), d.yVal()),
                SolverOptions.builder().updateRule("adam").learningRate(3e-3).batchSize(50).numEpochs(15).build(),
                rng);
        solver.train();
        double[] trainAcc = solver.trainAccHistory();
        System.out.println("ThreeLayerConvNet on 100 digits, train acc history " + Arrays.toString(trainAcc));
        assertEquals(16, trainAcc.length, "the first iteration and 15 epoch ends");
        assertTrue(trainAcc[trainAcc.length - 1] >= 0.9, "train acc history " + Arrays.toString(trainAcc));
        // what it learned from 100 digits fits them far better than it generalizes
        assertTrue(solver.bestValAcc() < trainAcc[trainAcc.length - 1], "best val acc " + solver.bestValAcc());
    }
}
