package org.backprop4j.cli.train;

import org.backprop4j.cli.data.DataOption;
import org.backprop4j.matrix.DType;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code train} and {@code tune} share: data, model kind, solver, seed, backend, dtype. */
public final class RunOptions {

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = DataOption.DEFAULT,
            description = "Data set: " + DataOption.FORMS + " (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "two-layer",
            description = "two-layer (cs231n TwoLayerNet), mlp (TwoLayerMLP, relu or sigmoid) or fc "
                    + "(FullyConnectedNet) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--weight-scale", paramLabel = "S", defaultValue = "1e-2",
            description = "Standard deviation of the initial weights (default: ${DEFAULT-VALUE}).")
    double weightScale;

    @Option(names = "--update", paramLabel = "RULE", defaultValue = "sgd_momentum",
            description = "sgd, sgd_momentum, rmsprop or adam (default: ${DEFAULT-VALUE}).")
    String update;

    @Option(names = "--lr-decay", paramLabel = "D", defaultValue = "0.95",
            description = "Learning-rate decay per epoch (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "20",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "100",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--num-train", paramLabel = "N", defaultValue = "-1",
            description = "Keep only the first N training examples (default: all).")
    int numTrain;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seeds the NumPy-compatible generator once, before the model is built "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "naive, pure, ejml or nd4j (default: -Dbackprop4j.backend, BACKPROP4J_BACKEND, else the "
                    + "highest-priority available one).")
    String backend;

    @Option(names = "--dtype", paramLabel = "float64|float32", defaultValue = "float64",
            converter = DTypeConverter.class, description = "Computation dtype (default: ${DEFAULT-VALUE}).")
    DType dtype;

    /** The data option. */
    public DataOption data() {
        return new DataOption(data);
    }

    /** {@code --model}. */
    public String model() {
        return model;
    }

    /** {@code --weight-scale}. */
    public double weightScale() {
        return weightScale;
    }

    /** {@code --update}. */
    public String update() {
        return update;
    }

    /** {@code --lr-decay}. */
    public double lrDecay() {
        return lrDecay;
    }

    /** {@code --epochs}. */
    public int epochs() {
        return epochs;
    }

    /** {@code --batch-size}. */
    public int batchSize() {
        return batchSize;
    }

    /** {@code --num-train}. */
    public int numTrain() {
        return numTrain;
    }

    /** {@code --seed}. */
    public long seed() {
        return seed;
    }

    /** {@code --backend}, or null. */
    public String backend() {
        return backend;
    }

    /** {@code --dtype}. */
    public DType dtype() {
        return dtype;
    }

    /** Parses {@code --dtype}. */
    static final class DTypeConverter implements CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            return DType.parse(value);
        }
    }
}
