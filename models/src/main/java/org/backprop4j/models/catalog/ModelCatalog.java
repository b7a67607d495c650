package org.backprop4j.models.catalog;

import java.util.Arrays;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.Model;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.models.Regularization;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.Activation;
import org.backprop4j.models.twolayer.Layout;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerMLP;
import org.backprop4j.models.twolayer.TwoLayerModel;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/** Rebuilds a model from its {@link ModelSpec} (for checkpoints): kinds {@code two-layer}, {@code mlp}, {@code fc},
 * {@code cnn}. */
public final class ModelCatalog {

    private ModelCatalog() {
    }

    /**
     * A new model of the spec's architecture on {@code backend}; its weights are drawn from {@code rng}
     * (and are normally overwritten by a checkpoint's).
     *
     * @throws IllegalArgumentException for an unknown kind or a malformed property
     */
    public static Model create(Backend backend, ModelSpec spec, NumpyRandom rng) {
        try {
            return switch (spec.kind()) {
                case "two-layer", "mlp" -> twoLayer(backend, spec, rng);
                case "fc" -> {
                    int[] hidden = Arrays.stream(spec.get("hidden_dims").split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
                    String seed = spec.get("seed");
                    FullyConnectedNetConfig c = new FullyConnectedNetConfig(hidden,
                            Integer.parseInt(spec.get("input_dim")), Integer.parseInt(spec.get("num_classes")),
                            Double.parseDouble(spec.get("dropout")), Boolean.parseBoolean(spec.get("use_batchnorm")),
                            Double.parseDouble(spec.get("reg")), Double.parseDouble(spec.get("weight_scale")),
                            DType.parse(spec.get("dtype")), seed.equals("none") ? null : Long.valueOf(seed),
                            // absent from the specs of checkpoints written before they could be chosen
                            Double.parseDouble(spec.properties().getOrDefault("bn_momentum",
                                    Double.toString(FullyConnectedNetConfig.BN_MOMENTUM))),
                            Double.parseDouble(spec.properties().getOrDefault("bn_eps",
                                    Double.toString(FullyConnectedNetConfig.BN_EPS))));
                    yield new FullyConnectedNet(backend, c, rng);
                }
                case "cnn" -> cnn(backend, spec, rng);
                default -> throw new IllegalArgumentException("Unknown model kind '" + spec.kind()
                        + "': expected two-layer, mlp, fc or cnn.");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model spec '" + spec.kind() + "' has a malformed number: "
                    + e.getMessage() + ".", e);
        }
    }

    /** The {@link ThreeLayerConvNet} a {@code cnn} spec describes ({@code input_dim} written {@code C,H,W}). */
    private static ThreeLayerConvNet cnn(Backend backend, ModelSpec spec, NumpyRandom rng) {
        int[] inputDim = Arrays.stream(spec.get("input_dim").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        if (inputDim.length != 3) {
            throw new IllegalArgumentException("model spec 'cnn' has input_dim '" + spec.get("input_dim")
                    + "': expected C,H,W.");
        }
        ThreeLayerConvNetConfig c = new ThreeLayerConvNetConfig(inputDim[0], inputDim[1], inputDim[2],
                Integer.parseInt(spec.get("num_filters")), Integer.parseInt(spec.get("filter_size")),
                Integer.parseInt(spec.get("hidden_dim")), Integer.parseInt(spec.get("num_classes")),
                Double.parseDouble(spec.get("weight_scale")), Double.parseDouble(spec.get("reg")),
                DType.parse(spec.get("dtype")));
        return new ThreeLayerConvNet(backend, c, rng);
    }

    /**
     * The two-layer net a {@code two-layer} or {@code mlp} spec describes. Its {@code activation},
     * {@code layout} and {@code regularization} say which notebook's net it is: {@code two-layer} with
     * relu, {@code INPUT_BY_OUTPUT} and {@code l2} is cs231n's {@link TwoLayerNet}; {@code OUTPUT_BY_INPUT}
     * (relu, {@code l2-half}) is {@link NndlTwoLayerNet}; everything else stored (D, H) computes what
     * {@link TwoLayerMLP} computes with that activation and regularization (before the three were split,
     * one configurable class wrote such {@code two-layer} specs too).
     */
    private static TwoLayerModel twoLayer(Backend backend, ModelSpec spec, NumpyRandom rng) {
        TwoLayerNetConfig c = new TwoLayerNetConfig(Integer.parseInt(spec.get("input_size")),
                Integer.parseInt(spec.get("hidden_size")), Integer.parseInt(spec.get("num_classes")),
                Double.parseDouble(spec.get("std")), DType.parse(spec.get("dtype")));
        Activation activation = Activation.parse(spec.get("activation"));
        Regularization regularization = Regularization.parse(spec.get("regularization"));
        TwoLayerModel net = switch (Layout.valueOf(spec.get("layout"))) {
            case OUTPUT_BY_INPUT -> {
                if (activation != Activation.RELU || regularization != Regularization.L2_HALF
                        || !spec.kind().equals("two-layer")) {
                    throw new IllegalArgumentException("model spec '" + spec.kind() + "' stores its weights "
                            + "OUTPUT_BY_INPUT with " + activation.label() + " and " + regularization.label()
                            + ": only nndl's two-layer net (relu, l2-half) stores them so.");
                }
                yield new NndlTwoLayerNet(backend, c, rng);
            }
            case INPUT_BY_OUTPUT -> spec.kind().equals("two-layer") && activation == Activation.RELU
                    && regularization == Regularization.L2
                            ? new TwoLayerNet(backend, c, rng)
                            : new TwoLayerMLP(backend, c, activation, regularization, rng);
        };
        net.setReg(Double.parseDouble(spec.get("reg")));
        return net;
    }
}
