package org.backprop4j.models.grader;

import org.backprop4j.kernel.Kernels;

/**
 * What a student hands in: layer kernels and, optionally, the two-layer net's loss.
 *
 * @param kernels the student's {@code layers.py}
 * @param net     the student's {@code TwoLayerNet.loss}, or {@code null} when not handed in (graded {@code TODO})
 * @param origin  where it came from, for the report
 */
public record StudentCode(Kernels kernels, TwoLayerNetLoss net, String origin) {
}
