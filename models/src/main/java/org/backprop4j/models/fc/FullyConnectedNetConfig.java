package org.backprop4j.models.fc;

import java.util.Arrays;
import java.util.Objects;

import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.matrix.DType;

/**
 * The configuration of a {@link FullyConnectedNet}, with the notebook's defaults
 * ({@code input_dim=3*32*32, num_classes=10, dropout=0, use_batchnorm=False, reg=0.0,
 * weight_scale=1e-2, dtype=np.float32, seed=None}), and the batch-normalization layers' {@code bn_param}
 * defaults ({@code momentum=0.9, eps=1e-5}).
 *
 * @param hiddenDims   size of each hidden layer; the network has {@code hiddenDims.length + 1} affine layers
 * @param inputDim     D
 * @param numClasses   C
 * @param dropout      the KEEP probability {@code p} of the nndl notebooks, in [0, 1]; 0 and 1 mean no dropout
 *                     (cs231n 2019's {@code FullyConnectedNet(dropout=1)}: no dropout layers, no random draws)
 * @param useBatchnorm batch normalization after every hidden affine layer
 * @param reg          L2 strength, with the {@code 0.5·reg·ΣW²} convention
 * @param weightScale  weights are drawn from {@code normal(0, weightScale)}
 * @param dtype        parameter dtype (float64 for gradient checks)
 * @param seed         when not {@code null}, reseeds the generator before every dropout mask (deterministic gradient checks)
 * @param bnMomentum   the batchnorm layers' {@code bn_param['momentum']}, in [0, 1]
 * @param bnEps        the batchnorm layers' {@code bn_param['eps']}, positive
 */
public record FullyConnectedNetConfig(int[] hiddenDims, int inputDim, int numClasses, double dropout,
        boolean useBatchnorm, double reg, double weightScale, DType dtype, Long seed,
        double bnMomentum, double bnEps) {

    /** The notebooks' {@code bn_param} momentum, as the batchnorm kernel's default. */
    public static final double BN_MOMENTUM = new BatchnormParam().momentum();
    /** The notebooks' {@code bn_param} eps, as the batchnorm kernel's default. */
    public static final double BN_EPS = new BatchnormParam().eps();

    /** A configuration with the notebooks' batchnorm momentum and eps. */
    public FullyConnectedNetConfig(int[] hiddenDims, int inputDim, int numClasses, double dropout, boolean useBatchnorm,
            double reg, double weightScale, DType dtype, Long seed) {
        this(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, reg, weightScale, dtype, seed, BN_MOMENTUM,
                BN_EPS);
    }

    /** Validates and defensively copies. */
    public FullyConnectedNetConfig {
        hiddenDims = hiddenDims.clone();
        for (int h : hiddenDims) {
            if (h <= 0) {
                throw new IllegalArgumentException(
                        "hidden layer sizes must be positive, got " + Arrays.toString(hiddenDims) + ".");
            }
        }
        if (inputDim <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("input_dim and num_classes must be positive, got " + inputDim + " and "
                    + numClasses + ".");
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException(
                    "dropout (the keep probability p) must lie in [0, 1], got " + dropout + ".");
        }
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("reg must be non-negative, got " + reg + ".");
        }
        if (!(weightScale >= 0) || Double.isInfinite(weightScale)) {
            throw new IllegalArgumentException(
                    "weight_scale must be a finite non-negative number, got " + weightScale + ".");
        }
        if (!(bnMomentum >= 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException("batchnorm momentum must lie in [0, 1], got " + bnMomentum + ".");
        }
        if (!(bnEps > 0) || Double.isInfinite(bnEps)) {
            throw new IllegalArgumentException("batchnorm eps must be a finite positive number, got " + bnEps + ".");
        }
    }

    /** The notebook's defaults for the given hidden layers. */
    public static FullyConnectedNetConfig of(int... hiddenDims) {
        return new FullyConnectedNetConfig(hiddenDims, 3 * 32 * 32, 10, 0, false, 0.0, 1e-2, DType.FLOAT32, null);
    }

    /** Hidden layer sizes (a copy). */
    @Override
    public int[] hiddenDims() {
        return hiddenDims.clone();
    }

    /** Number of affine layers, {@code L = len(hidden_dims) + 1}. */
    public int numLayers() {
        return hiddenDims.length + 1;
    }

    /** Whether dropout layers are present: for a keep probability strictly between 0 and 1. */
    public boolean useDropout() {
        return dropout > 0 && dropout < 1;
    }

    /** With another input dimension. */
    public FullyConnectedNetConfig inputDim(int d) {
        return new FullyConnectedNetConfig(hiddenDims, d, numClasses, dropout, useBatchnorm, reg, weightScale, dtype,
                seed,
                bnMomentum, bnEps);
    }

    /** With another number of classes. */
    public FullyConnectedNetConfig numClasses(int c) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, c, dropout, useBatchnorm, reg, weightScale, dtype,
                seed,
                bnMomentum, bnEps);
    }

    /** With dropout keep probability {@code p} (0 disables). */
    public FullyConnectedNetConfig dropout(double p) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, p, useBatchnorm, reg, weightScale, dtype,
                seed,
                bnMomentum, bnEps);
    }

    /** With or without batch normalization. */
    public FullyConnectedNetConfig useBatchnorm(boolean bn) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, bn, reg, weightScale, dtype, seed,
                bnMomentum, bnEps);
    }

    /** With another regularization strength. */
    public FullyConnectedNetConfig reg(double r) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, r, weightScale,
                dtype, seed,
                bnMomentum, bnEps);
    }

    /** With another weight scale. */
    public FullyConnectedNetConfig weightScale(double s) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, reg, s, dtype, seed,
                bnMomentum, bnEps);
    }

    /** With another dtype. */
    public FullyConnectedNetConfig dtype(DType d) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, reg, weightScale, d,
                seed,
                bnMomentum, bnEps);
    }

    /** With a dropout seed ({@code null} for none). */
    public FullyConnectedNetConfig seed(Long s) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, reg, weightScale,
                dtype, s,
                bnMomentum, bnEps);
    }

    /** With the batchnorm layers' momentum and eps. */
    public FullyConnectedNetConfig batchnormParams(double momentum, double eps) {
        return new FullyConnectedNetConfig(hiddenDims, inputDim, numClasses, dropout, useBatchnorm, reg, weightScale,
                dtype,
                seed, momentum, eps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullyConnectedNetConfig c && Arrays.equals(hiddenDims, c.hiddenDims)
                && inputDim == c.inputDim
                && numClasses == c.numClasses && Double.compare(dropout, c.dropout) == 0
                && useBatchnorm == c.useBatchnorm
                && Double.compare(reg, c.reg) == 0 && Double.compare(weightScale, c.weightScale) == 0
                && dtype == c.dtype
                && Objects.equals(seed, c.seed) && Double.compare(bnMomentum, c.bnMomentum) == 0
                && Double.compare(bnEps, c.bnEps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(hiddenDims), inputDim, numClasses, dropout, useBatchnorm, reg,
                weightScale, dtype, seed, bnMomentum, bnEps);
    }

    @Override
    public String toString() {
        return "FullyConnectedNetConfig[hiddenDims=" + Arrays.toString(hiddenDims) + ", inputDim=" + inputDim
                + ", numClasses=" + numClasses + ", dropout=" + dropout + ", useBatchnorm=" + useBatchnorm + ", reg="
                + reg
                + ", weightScale=" + weightScale + ", dtype=" + dtype + ", seed=" + seed + ", bnMomentum=" + bnMomentum
                + ", bnEps=" + bnEps + "]";
    }
}
