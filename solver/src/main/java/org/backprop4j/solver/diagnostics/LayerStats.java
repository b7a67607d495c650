package org.backprop4j.solver.diagnostics;

/**
 * One hidden layer at one diagnosed iteration: the distribution of its activations on that iteration's minibatch
 * (its training forward pass, after the nonlinearity and before dropout).
 *
 * @param layer            1-based hidden layer
 * @param activation       {@code relu} or {@code sigmoid}
 * @param mean             mean of the activations
 * @param std              their standard deviation (population, as {@code np.std})
 * @param inactiveFraction for relu the fraction of dead units, those zero for every example of the minibatch;
 *                         for sigmoid the fraction of saturated activations, below 0.05 or above 0.95 (where the
 *                         local gradient h·(1−h) is under 0.0475, a fifth of its peak)
 * @param gradNorm         ‖∇W‖ of the weights feeding the layer ({@code W<layer>})
 * @param histogram        the activations' histogram at epoch ends, null at other iterations
 */
public record LayerStats(int layer, String activation, double mean, double std, double inactiveFraction,
        double gradNorm, Histogram histogram) {

    /** The bound of a saturated sigmoid: activations below it or above 1 minus it. */
    public static final double SATURATED = 0.05;

    /**
     * The statistics of activations {@code values} of shape (n, h) in row order.
     *
     * @param withHistogram whether to bin them too
     */
    public static LayerStats of(int layer, String activation, double[] values, int n, int h, double gradNorm,
            boolean withHistogram) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double inactive;
        if (activation.equals("sigmoid")) {
            long saturated = 0;
            for (double v : values) {
                if (v < SATURATED || v > 1 - SATURATED) {
                    saturated++;
                }
            }
            inactive = (double) saturated / values.length;
        } else {
            int dead = 0;
            for (int j = 0; j < h; j++) {
                boolean alive = false;
                for (int i = 0; i < n && !alive; i++) {
                    alive = values[i * h + j] > 0;
                }
                dead += alive ? 0 : 1;
            }
            inactive = (double) dead / h;
        }
        return new LayerStats(layer, activation, mean, Math.sqrt(squares / values.length), inactive, gradNorm,
                withHistogram ? Histogram.of(values, Diagnostics.BINS) : null);
    }
}
