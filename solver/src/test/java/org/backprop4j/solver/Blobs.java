package org.backprop4j.solver;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.DType;
import org.backprop4j.random.NumpyRandom;

/** Small, learnable synthetic data: C Gaussian blobs in D dimensions. */
public final class Blobs {

    private Blobs() {
    }

    public static TrainingData make(Backend b, int nTrain, int nVal, int d, int c, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        double[] centres = rng.normal(0, 3, c * d);
        double[] xt = new double[nTrain * d];
        int[] yt = new int[nTrain];
        double[] xv = new double[nVal * d];
        int[] yv = new int[nVal];
        fill(rng, centres, xt, yt, d, c);
        fill(rng, centres, xv, yv, d, c);
        return new TrainingData(b.fromArray(nTrain, d, xt, DType.FLOAT64), yt, b.fromArray(nVal, d, xv, DType.FLOAT64),
                yv);
    }

    private static void fill(NumpyRandom rng, double[] centres, double[] x, int[] y, int d, int c) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) rng.randint(0, c);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[y[i] * d + j] + rng.randn();
            }
        }
    }
}
