package org.backprop4j.cli.train;

import java.util.List;
import java.util.Locale;

import org.backprop4j.backend.Backend;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/** Builds the model that {@code --model}, {@code --hidden} and friends describe. */
public final class ModelFactory {

    /** The model kinds {@code --model} accepts. */
    public static final List<String> KINDS = List.of("two-layer", "mlp", "fc");

    private ModelFactory() {
    }

    /** The model for {@code inputSize} inputs and {@code numClasses} classes, weights drawn from {@code rng}. */
    public static Model create(TrainSettings s, Backend backend, int inputSize, int numClasses, NumpyRandom rng) {
        String kind = s.model().trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new UserError("Unknown model '" + s.model() + "': expected one of " + String.join(", ", KINDS) + ".");
        }
        if (s.hidden().isEmpty()) {
            throw new UserError("--hidden needs at least one layer size.");
        }
        if (!kind.equals("fc") && s.hidden().size() != 1) {
            throw new UserError("--model " + kind + " has one hidden layer, but --hidden gave " + s.hidden().size()
                    + " sizes; use --model fc for deeper nets.");
        }
        if (!kind.equals("fc") && (s.batchnorm() || s.dropout() > 0)) {
            throw new UserError("--batchnorm and --dropout belong to --model fc.");
        }
        Activation activation = Activation.parse(s.activation());
        if (!kind.equals("mlp") && activation != Activation.RELU) {
            throw new UserError("--activation " + s.activation() + " needs --model mlp (the others use relu).");
        }
        switch (kind) {
            case "two-layer": {
                TwoLayerNet net = new TwoLayerNet(backend, TwoLayerNetConfig.cs231n(inputSize, s.hidden().get(0), numClasses)
                        .withStd(s.weightScale()).withDType(s.dtype()), rng);
                net.setReg(s.reg());
                return net;
            }
            case "mlp": {
                TwoLayerMLP net = new TwoLayerMLP(backend, TwoLayerNetConfig.mlp(inputSize, s.hidden().get(0), numClasses,
                        activation).withStd(s.weightScale()).withDType(s.dtype()), rng);
                net.setReg(s.reg());
                return net;
            }
            default:
                return new FullyConnectedNet(backend, FullyConnectedNetConfig.of(s.hidden().stream().mapToInt(i -> i).toArray())
                        .inputDim(inputSize).numClasses(numClasses).useBatchnorm(s.batchnorm()).dropout(s.dropout())
                        .reg(s.reg()).weightScale(s.weightScale()).dtype(s.dtype()), rng);
        }
    }
}
