package org.backprop4j.conformance.threads;

import java.util.LinkedHashMap;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.cases.Inputs;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.ModelCases;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.LossGrads;
import org.backprop4j.models.Model;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.optim.OptimConfig;
import org.backprop4j.solver.optim.UpdateRule;

/** The computations the determinism and concurrency checks repeat and compare bit for bit. */
final class Workloads {

    /** The kernels' shape: a CIFAR-sized input, large enough that threaded backends split their products. */
    static final int N = 64;
    static final int D = 3072;
    static final int M = 50;

    private Workloads() {
    }

    /** Every kernel at (N, D, M), and a batchnorm and dropout net's loss and gradients. */
    static Results kernelsAndModel(Backend b, DType dt) {
        Results r = new Results();
        merge(r, "affine_relu ", KernelCases.affine(b, dt, N, D, M, true));
        merge(r, "", KernelCases.activations(b, dt, N, M));
        merge(r, "", KernelCases.losses(b, dt, N, M));
        merge(r, "batchnorm ", KernelCases.batchnorm(b, dt, N, M));
        merge(r, "dropout ", KernelCases.dropout(b, dt, N, M));
        ModelCases fc = ModelCases.ALL.stream().filter(c -> c.kind().equals("fc batchnorm dropout")).findFirst()
                .orElseThrow();
        merge(r, "fc ", fc.results(b, dt));
        return r;
    }

    /**
     * Three training steps (loss, gradients, Adam update) of a two-hidden-layer net with batchnorm on inputs of
     * its own: {@code worker} picks the seed and the batch size, so every worker's matrices are its own.
     */
    static Results trainingSteps(Backend b, DType dt, int worker) {
        int n = 20 + worker;
        Model model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(40, 30).inputDim(300).numClasses(10)
                .useBatchnorm(true).reg(0.1).weightScale(0.05).dtype(dt), new NumpyRandom(100 + worker));
        Matrix x = Inputs.randn(b, dt, 200 + worker, n, 300, 1);
        int[] y = Inputs.labels(300 + worker, n, 10);
        UpdateRule adam = UpdateRule.byName("adam");
        var configs = new LinkedHashMap<String, OptimConfig>();
        Results r = new Results();
        for (int step = 0; step < 3; step++) {
            LossGrads lg = model.loss(x, y);
            r.put("loss" + step, lg.loss());
            for (String name : model.params().names()) {
                OptimConfig config = configs.computeIfAbsent(name, k -> {
                    var hyper = new LinkedHashMap<String, Double>();
                    hyper.put("learning_rate", 1e-3);
                    return new OptimConfig(hyper);
                });
                adam.update(model.params().get(name), lg.grads().get(name), config);
            }
        }
        model.params().forEach(r::put);
        return r;
    }

    private static void merge(Results into, String prefix, Results from) {
        from.values().forEach((k, v) -> into.values().put(prefix + k, v));
    }
}
