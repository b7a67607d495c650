package org.backprop4j.cli.tune;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One trial's hyper-parameters and outcome, as the results table and {@code results.json} show it.
 *
 * @param index    the trial's number in the plan (its folder is {@code trial-NNN})
 * @param hidden   the hidden size of every hidden layer
 * @param status   {@code ok}, {@code diverged} or {@code failed}
 * @param valAcc   the best validation accuracy (that of the trial's best.ckpt), NaN if it failed
 * @param trainAcc the training accuracy of the last check, NaN if none
 * @param seconds  training time
 * @param folder   the trial's run folder
 * @param error    why it diverged or failed, one sentence, or null
 */
public record Trial(int index, double lr, double reg, int hidden, String status, double valAcc, double trainAcc,
        double seconds, Path folder, String error) {

    /** Whether it trained to the end. */
    public boolean ok() {
        return status.equals("ok");
    }

    /** The line printed when the trial ends, e.g. {@code trial   2: lr 5.000e-02 ... -> val acc 0.1810 (0.3 s)}. */
    public String progressLine() {
        return String.format(Locale.ROOT, "trial %3d: lr %.3e reg %.3e hidden %d -> %s", index, lr, reg, hidden, ok()
                ? String.format(Locale.ROOT, "val acc %.4f (%.1f s)", valAcc, seconds)
                : status + ": " + error);
    }
}
