package org.backprop4j.models.grader.mutants;

import org.backprop4j.kernel.Forward;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;

/**
 * A function that does not return: {@code relu_forward} waits for an hour (interruptibly, so that the test's
 * JVM gets its thread back; the spinning loop is cli's {@code MisbehavingKernels}, graded in a process of its own).
 */
public class SleepingKernels implements Kernels {
    @Override
    public Forward<ReluCache> reluForward(Matrix x) {
        try {
            Thread.sleep(3_600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Kernels.DEFAULT.reluForward(x);
    }
}
