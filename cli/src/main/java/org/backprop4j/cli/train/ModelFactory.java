package org.backprop4j.cli.train;

import org.backprop4j.backend.Backend;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/** Builds the model that {@code --model}, {@code --hidden} and friends describe (checked by {@link TrainSettings}). */
public final class ModelFactory {

    private ModelFactory() {
    }

    /** The model for {@code inputSize} inputs and {@code numClasses} classes, weights drawn from {@code rng}. */
    public static Model create(TrainSettings s, Backend backend, int inputSize, int numClasses, NumpyRandom rng) {
        return switch (s.model()) {
            case "two-layer" -> {
                TwoLayerNet net = new TwoLayerNet(backend, twoLayerConfig(s, inputSize, numClasses), rng);
                net.setReg(s.reg());
                yield net;
            }
            case "mlp" -> {
                TwoLayerMLP net = new TwoLayerMLP(backend, twoLayerConfig(s, inputSize, numClasses),
                        Activation.parse(s.activation()), rng);
                net.setReg(s.reg());
                yield net;
            }
            case "fc" -> new FullyConnectedNet(backend, FullyConnectedNetConfig.of(s.hidden().stream()
                    .mapToInt(i -> i).toArray()).inputDim(inputSize).numClasses(numClasses).useBatchnorm(s.batchnorm())
                    .batchnormParams(s.bnMomentum(), s.bnEps()).dropout(s.dropout()).reg(s.reg())
                    .weightScale(s.weightScale()).dtype(s.dtype()), rng);
            default -> throw new IllegalStateException("unchecked model kind " + s.model());
        };
    }

    private static TwoLayerNetConfig twoLayerConfig(TrainSettings s, int inputSize, int numClasses) {
        return TwoLayerNetConfig.of(inputSize, s.hidden().get(0), numClasses).withStd(s.weightScale())
                .withDType(s.dtype());
    }
}
