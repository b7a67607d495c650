package org.backprop4j.models.notebook;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/**
 * The notebooks' toy problem, {@code init_toy_data()}: five 4-dimensional inputs in three classes,
 * {@code np.random.seed(1); X = 10 * np.random.randn(5, 4); y = np.array([0, 1, 2, 2, 1])}. It lives with
 * the notebook checks that are its reason to exist; the command line's {@code --data toy} reads it from here.
 *
 * @param x inputs, shape (5, 4)
 * @param y labels
 */
public record ToyData(Matrix x, int[] y) {

    /** The notebook's {@code num_inputs}. */
    public static final int NUM_INPUTS = 5;
    /** The notebook's {@code input_size}. */
    public static final int INPUT_SIZE = 4;
    /** The notebook's {@code hidden_size}. */
    public static final int HIDDEN_SIZE = 10;
    /** The notebook's {@code num_classes}. */
    public static final int NUM_CLASSES = 3;
    /** The notebook's data seed, {@code np.random.seed(1)} in {@code init_toy_data()}. */
    public static final long DATA_SEED = 1;
    /** The notebook's model seed, {@code np.random.seed(0)} in {@code init_toy_model()}. */
    public static final long MODEL_SEED = 0;
    /** The toy model's {@code std}, {@code TwoLayerNet(input_size, hidden_size, num_classes, std=1e-1)}. */
    public static final double MODEL_STD = 1e-1;

    /** {@code init_toy_data()}: reseeds {@code rng} with {@code seed} and draws {@code X = 10 * randn(5, 4)}. */
    public static ToyData create(Backend backend, DType dtype, NumpyRandom rng, long seed) {
        rng.seed(seed);
        double[] g = rng.randn(NUM_INPUTS * INPUT_SIZE);
        for (int i = 0; i < g.length; i++) {
            g[i] = 10 * g[i];
        }
        return new ToyData(backend.fromArray(NUM_INPUTS, INPUT_SIZE, g, dtype), new int[] {0, 1, 2, 2, 1});
    }

    /** The notebook's toy data, seed 1, float64. */
    public static ToyData notebook(Backend backend) {
        return create(backend, DType.FLOAT64, new NumpyRandom(DATA_SEED), DATA_SEED);
    }

    /** The labels (a copy). */
    @Override
    public int[] y() {
        return y.clone();
    }
}
