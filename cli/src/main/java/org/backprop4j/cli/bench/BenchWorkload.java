package org.backprop4j.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;

/**
 * What {@code bench} times, built the same way in Java and in the NumPy worker ({@code numpy_bench.py}):
 * every operand, weight and minibatch is drawn from {@code NumpyRandom(seed)} (NumPy's
 * {@code RandomState(seed)} on the Python side) in the same order, so both sides run the same
 * numbers. {@link #toPython()} is everything the worker needs to rebuild them.
 *
 * @param n        batch size N
 * @param d        input dimension D
 * @param h        hidden size H of the two-layer net
 * @param c        number of classes C
 * @param seed     seed of each workload's generator
 * @param fcHidden hidden layers of the FullyConnectedNet iteration (empty: not timed)
 */
public record BenchWorkload(int n, int d, int h, int c, long seed, int[] fcHidden) {

    /** Regularization of both iterations (cs231n's {@code reg·ΣW²} for the two-layer net, {@code 0.5·reg·ΣW²} for fc). */
    public static final double REG = 0.25;
    /** SGD learning rate of both iterations: small, so thousands of steps on one minibatch stay finite. */
    public static final double LEARNING_RATE = 1e-5;

    /** Validates the sizes and copies the hidden layers. */
    public BenchWorkload {
        for (int v : new int[] {n, d, h, c}) {
            if (v < 1) {
                throw new IllegalArgumentException("workload sizes must be positive, got N=" + n + " D=" + d + " H=" + h
                        + " C=" + c + ".");
            }
        }
        fcHidden = fcHidden == null ? new int[0] : fcHidden.clone();
    }

    @Override
    public int[] fcHidden() {
        return fcHidden.clone();
    }

    /** Whether the FullyConnectedNet iteration is part of the workload. */
    public boolean hasFc() {
        return fcHidden.length > 0;
    }

    /** The six products of the two-layer step at these shapes. */
    public List<StepProduct> products() {
        return StepProduct.twoLayerNet(n, d, h, c);
    }

    /** The operands of one product and the preallocated output it is written into. */
    public record Operands(Matrix a, Matrix b, Matrix out, StepProduct product) {

        /** {@code out = op(A)·op(B)}. */
        public void run() {
            out.gemm(1.0, a, product.transA(), b, product.transB(), 0.0);
        }
    }

    /** A model, a minibatch and the SGD step that one training iteration runs. */
    public record Step(Model model, Matrix x, int[] y) {

        /** Loss and gradients, then {@code W -= lr·dW} on every parameter; returns the loss before the step. */
        public double run() {
            LossGrads lg = model.loss(x, y);
            for (String name : model.params().names()) {
                model.params().get(name).axpy(-LEARNING_RATE, lg.grads().get(name));
            }
            return lg.loss();
        }
    }

    /** Random operands of {@code p}'s stored shapes: A then B, each {@code randn}. */
    public Operands operands(Backend backend, DType dtype, StepProduct p) {
        NumpyRandom rng = new NumpyRandom(seed);
        Matrix a = backend.fromArray(p.aRows(), p.aCols(), rng.randn(Math.multiplyExact(p.aRows(), p.aCols())), dtype);
        Matrix b = backend.fromArray(p.bRows(), p.bCols(), rng.randn(Math.multiplyExact(p.bRows(), p.bCols())), dtype);
        return new Operands(a, b, backend.zeros(p.m(), p.n(), dtype), p);
    }

    /** cs231n's TwoLayerNet (its default {@code std}), reg {@link #REG}, then X = randn(N, D), y = randint(C, N). */
    public Step twoLayer(Backend backend, DType dtype) {
        NumpyRandom rng = new NumpyRandom(seed);
        TwoLayerNet net = new TwoLayerNet(backend, twoLayerConfig(dtype), rng);
        net.setReg(REG);
        return minibatch(net, backend, dtype, rng);
    }

    /** The FullyConnectedNet of {@link #fcHidden()} (no batchnorm or dropout), reg {@link #REG}, then X and y. */
    public Step fc(Backend backend, DType dtype) {
        if (!hasFc()) {
            throw new IllegalStateException("the workload has no FullyConnectedNet layers.");
        }
        NumpyRandom rng = new NumpyRandom(seed);
        FullyConnectedNet net = new FullyConnectedNet(backend, fcConfig(dtype), rng);
        return minibatch(net, backend, dtype, rng);
    }

    private Step minibatch(Model model, Backend backend, DType dtype, NumpyRandom rng) {
        Matrix x = backend.fromArray(n, d, rng.randn(Math.multiplyExact(n, d)), dtype);
        return new Step(model, x, rng.randintInt(c, n));
    }

    TwoLayerNetConfig twoLayerConfig(DType dtype) {
        return TwoLayerNetConfig.of(d, h, c).withDType(dtype);
    }

    FullyConnectedNetConfig fcConfig(DType dtype) {
        return FullyConnectedNetConfig.of(fcHidden).inputDim(d).numClasses(c).reg(REG).dtype(dtype);
    }

    /** One product as the worker's {@code setup} takes it. */
    public record PythonProduct(String id, int[] a, boolean transA, int[] b, boolean transB, int m, int n) {
    }

    /** The worker's {@code setup} spec: shapes, seed, the iterations' constants, the products. */
    public record PythonSpec(int n, int d, int h, int c, long seed, double reg, double learningRate, double std,
            double weightScale, int[] fcHidden, List<PythonProduct> products) {
    }

    /** This workload as the worker's {@code setup} spec (serialised in snake case). */
    public PythonSpec toPython() {
        List<PythonProduct> ps = new ArrayList<>();
        for (StepProduct p : products()) {
            ps.add(new PythonProduct(p.id(), new int[] {p.aRows(), p.aCols()}, p.transA(),
                    new int[] {p.bRows(), p.bCols()}, p.transB(), p.m(), p.n()));
        }
        return new PythonSpec(n, d, h, c, seed, REG, LEARNING_RATE, twoLayerConfig(DType.FLOAT64).std(),
                fcConfig(DType.FLOAT64).weightScale(), fcHidden, ps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchWorkload w && n == w.n && d == w.d && h == w.h && c == w.c && seed == w.seed
                && Arrays.equals(fcHidden, w.fcHidden);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {n, d, h, c, seed, Arrays.hashCode(fcHidden)});
    }

    @Override
    public String toString() {
        return "N=" + n + " D=" + d + " H=" + h + " C=" + c + " seed " + seed
                + (hasFc() ? " fc" + Arrays.toString(fcHidden) : "");
    }
}
