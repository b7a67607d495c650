package org.backprop4j.cli.train;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.image.ImageShape;
import org.backprop4j.models.Model;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
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

    /**
     * The model for the rows and classes of {@code data}, weights drawn from {@code rng}; a {@code cnn} takes its
     * {@code input_dim} from the data's image shape.
     *
     * @throws UserError if a cnn is asked of data that are no images in channel-major rows, or of images it cannot
     *                   pool
     */
    public static Model create(TrainSettings s, Backend backend, DataSplits data, NumpyRandom rng) {
        if (!s.model().equals("cnn")) {
            return create(s, backend, data.inputSize(), data.numClasses(), rng);
        }
        ImageShape shape = data.imageShape().orElseThrow(() -> new UserError("--model cnn needs images, but "
                + s.data().text() + " has rows of " + data.inputSize() + " values without an image shape (C, H, W); "
                + "use mnist-10k, mnist:DIR, fashion-mnist[:DIR] or cifar10:DIR."));
        ThreeLayerConvNetConfig c;
        try {
            c = new ThreeLayerConvNetConfig(shape.channels(), shape.height(), shape.width(), s.numFilters(),
                    s.filterSize(), s.hidden().get(0), data.numClasses(), s.weightScale(), s.reg(), s.dtype());
        } catch (IllegalArgumentException e) {
            throw new UserError("--model cnn cannot train on images of shape " + shape + ": " + e.getMessage());
        }
        return new ThreeLayerConvNet(backend, c, rng);
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
            case "cnn" -> throw new IllegalArgumentException("a cnn takes its input_dim from the data's image shape: "
                    + "use create(settings, backend, data, rng).");
            default -> throw new IllegalStateException("unchecked model kind " + s.model());
        };
    }

    private static TwoLayerNetConfig twoLayerConfig(TrainSettings s, int inputSize, int numClasses) {
        return TwoLayerNetConfig.of(inputSize, s.hidden().get(0), numClasses).withStd(s.weightScale())
                .withDType(s.dtype());
    }
}
