package org.backprop4j.cli.diagnostics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;

/**
 * The sanity checks of cs231n's notes on the first iterations of a run, each flagged in one {@code hint:} line:
 * <ul>
 *   <li>the first loss far above ln(C), the loss of uniform scores: the weights start too large;
 *   <li>the update:weight ratio ‖ΔW‖/‖W‖ of a weight matrix (median over the first {@value #RATIO_SNAPSHOTS}
 *       diagnosed iterations of the first epoch) above {@value #RATIO_HIGH} or below {@value #RATIO_LOW}, where
 *       the notes aim at about 1e-3: the learning rate is too high or too low;
 *   <li>more than half of a hidden layer's ReLUs dead (or sigmoids saturated) after the first epoch.
 * </ul>
 * The loss check works on its own; the others read the diagnostics' snapshots (hand this to
 * {@link org.backprop4j.solver.diagnostics.Diagnostics#onSnapshot}).
 */
public final class SanityChecks implements SolverListener, Consumer<Snapshot> {

    /**
     * A ratio above this is flagged: "far above" 1e-2 read as ten times it, because a well-tuned SGD run (the
     * default {@code train}: ratios 2–3e-2 in its first iterations, 1e-3 by epoch 10, best val 0.966) must not
     * be told its learning rate is too high.
     */
    public static final double RATIO_HIGH = 1e-1;
    /** A ratio below this is flagged. */
    public static final double RATIO_LOW = 1e-4;
    /** The diagnosed iterations whose median ratio is checked. */
    public static final int RATIO_SNAPSHOTS = 5;
    /** A first loss above this many times ln(C) is flagged. */
    public static final double LOSS_FACTOR = 1.5;

    private final PrintWriter out;
    private final int numClasses;
    private final int iterationsPerEpoch;
    private final String lr;
    private final String weightScale;
    private final Map<String, List<Double>> ratios = new LinkedHashMap<>();
    private boolean ratiosChecked;

    /**
     * Checks a run on {@code numClasses} classes; the hints quote {@code --lr} and {@code --weight-scale} as typed.
     */
    public SanityChecks(PrintWriter out, int numClasses, int iterationsPerEpoch, String lr, String weightScale) {
        this.out = out;
        this.numClasses = numClasses;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.lr = lr;
        this.weightScale = weightScale;
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        double uniform = Math.log(numClasses);
        if (iteration == 1 && numClasses > 1 && loss > LOSS_FACTOR * uniform) {
            hint(String.format(Locale.ROOT,
                    "the first loss, %.4g, is far above ln(%d) = %.4f, the loss of a model that "
                            + "has learned nothing: the initial weights are too large for this data; try a smaller "
                            + "--weight-scale than %s.",
                    loss, numClasses, uniform, weightScale));
        }
    }

    @Override
    public void accept(Snapshot s) {
        if (!ratiosChecked && s.iteration() <= iterationsPerEpoch) {
            for (ParamStats p : s.params()) {
                if (p.name().startsWith("W") && Double.isFinite(p.updateRatio())) {
                    ratios.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.updateRatio());
                }
            }
            int seen = ratios.values().stream().mapToInt(List::size).max().orElse(0);
            if (seen >= RATIO_SNAPSHOTS || s.epochEnd()) {
                checkRatios();
            }
        }
        if (s.epochEnd() && s.epoch() == 1) {
            for (LayerStats l : s.layers()) {
                if (l.inactiveFraction() > 0.5) {
                    boolean sigmoid = l.activation().equals("sigmoid");
                    hint(String.format(Locale.ROOT, "after the first epoch %.0f%% of the %s of hidden layer %d are %s: "
                            + "%s; try a smaller --lr than %s%s.", 100 * l.inactiveFraction(),
                            sigmoid ? "sigmoid activations" : "ReLUs", l.layer(),
                            sigmoid ? "saturated (below 0.05 or above 0.95)" : "dead (zero on a whole minibatch)",
                            sigmoid ? "their gradients vanish" : "they no longer learn", lr,
                            sigmoid ? " or a smaller --weight-scale than " + weightScale : ""));
                }
            }
        }
    }

    private void checkRatios() {
        ratiosChecked = true;
        List<String> high = new ArrayList<>();
        List<String> low = new ArrayList<>();
        ratios.forEach((name, values) -> {
            double m = median(values);
            String text = String.format(Locale.ROOT, "%s %.1e", name, m);
            if (m > RATIO_HIGH) {
                high.add(text);
            } else if (m < RATIO_LOW) {
                low.add(text);
            }
        });
        ratioHint(high, "above " + power(RATIO_HIGH), "too high; try a smaller");
        ratioHint(low, "below " + power(RATIO_LOW), "too low; try a larger");
    }

    /** A power of ten as the notes write it: 1e-1, 1e-4. */
    private static String power(double v) {
        return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e");
    }

    private void ratioHint(List<String> flagged, String bound, String advice) {
        if (!flagged.isEmpty()) {
            hint("the update:weight ratio ‖ΔW‖/‖W‖ of the first iterations is " + bound + " (" + String.join(", ",
                    flagged) + "), where the notes aim at about 1e-3: the learning rate may be " + advice
                    + " --lr than "
                    + lr + ".");
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void hint(String text) {
        out.println("hint: " + text);
        out.flush();
    }
}
