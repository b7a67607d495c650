package org.backprop4j.models.grader;

import org.backprop4j.kernel.Kernels;

/**
 * What a student hands in: layer kernels and, optionally, the two-layer net's loss.
 *
 * @param kernels       the student's {@code layers.py}
 * @param net           the student's {@code TwoLayerNet.loss}, or {@code null} when not handed in (graded
 *                      {@code TODO})
 * @param origin        where it came from, for the report
 * @param defaultsCount whether a {@link Kernels} method the student's class does not override counts as written:
 *                      true for the reference solution and for mutants that change one function of it; false for
 *                      a student's jar, where {@code Kernels}' own default (the reference) is graded {@code TODO}
 */
public record StudentCode(Kernels kernels, TwoLayerNetLoss net, String origin, boolean defaultsCount) {
}
