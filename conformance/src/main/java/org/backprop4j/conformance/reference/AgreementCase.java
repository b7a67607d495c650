package org.backprop4j.conformance.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.cases.ConvCases;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.ModelCases;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.matrix.DType;

/**
 * One computation compared between backends: every kernel on every shape of {@link KernelCases#SHAPES}, every
 * convolutional kernel on the shapes of {@link ConvCases}, and every model of {@link ModelCases}.
 *
 * @param name    the operation and shape, e.g. {@code affine_forward/backward N=33 D=65 M=17}
 * @param k       the longest sum in it (for the float32 bound)
 * @param strict  inputs on which no sum cancels: compared by the notebooks' {@code rel_error}, float64 only
 * @param compute the computation on a backend in a dtype
 */
record AgreementCase(String name, int k, boolean strict, BiFunction<Backend, DType, Results> compute) {

    /** Every case, in order. */
    static final List<AgreementCase> ALL = all();

    private static List<AgreementCase> all() {
        List<AgreementCase> cases = new ArrayList<>();
        for (int[] s : KernelCases.SHAPES) {
            int n = s[0];
            int d = s[1];
            int m = s[2];
            String nd = " N=" + n + " D=" + d;
            String ndm = nd + " M=" + m;
            for (boolean relu : new boolean[] {false, true}) {
                cases.add(new AgreementCase((relu ? "affine_relu_forward/backward" : "affine_forward/backward") + ndm,
                        Math.max(d, n), false, (b, dt) -> KernelCases.affine(b, dt, n, d, m, relu)));
            }
            cases.add(new AgreementCase("relu, sigmoid forward/backward" + nd, 1, false,
                    (b, dt) -> KernelCases.activations(b, dt, n, d)));
            cases.add(new AgreementCase("softmax_loss, svm_loss N=" + n + " C=" + d, d, false,
                    (b, dt) -> KernelCases.losses(b, dt, n, d)));
            if (n >= 2) {
                // a batch of one has zero variance: batchnorm's output is beta, its gradient degenerate;
                // variance and its gradient sum over the N rows
                cases.add(new AgreementCase("batchnorm_forward/backward/backward_alt" + nd, 4 * n, false,
                        (b, dt) -> KernelCases.batchnorm(b, dt, n, d)));
            }
            cases.add(new AgreementCase("dropout_forward/backward" + nd, 1, false,
                    (b, dt) -> KernelCases.dropout(b, dt, n, d)));
            for (boolean relu : new boolean[] {false, true}) {
                cases.add(new AgreementCase((relu ? "affine_relu" : "affine") + " well-conditioned" + ndm, d, true,
                        (b, dt) -> KernelCases.wellConditionedAffine(b, n, d, m, relu)));
            }
        }
        for (int[] s : ConvCases.CONV_SHAPES) {
            cases.add(new AgreementCase("conv_forward/backward naive and fast x (" + s[0] + ", " + s[1] + ", " + s[2]
                    + ", " + s[3] + ") w (" + s[4] + ", " + s[1] + ", " + s[5] + ", " + s[6] + ") stride " + s[7]
                    + " pad " + s[8], ConvCases.convTerms(s), false, (b, dt) -> ConvCases.conv(b, dt, s)));
        }
        for (int[] s : ConvCases.POOL_SHAPES) {
            cases.add(new AgreementCase("max_pool_forward/backward naive and fast x (" + s[0] + ", " + s[1] + ", "
                    + s[2] + ", " + s[3] + ") " + s[4] + "x" + s[5] + " stride " + s[6], 1, false,
                    (b, dt) -> ConvCases.maxPool(b, dt, s)));
        }
        for (int[] s : ConvCases.NORM_SHAPES) {
            String x = " x (" + s[0] + ", " + s[1] + ", " + s[2] + ", " + s[3] + ")";
            // the statistics sum over N*H*W (batchnorm) or C/G*H*W (groupnorm) entries, the gradients a few times
            cases.add(new AgreementCase("spatial_batchnorm_forward/backward, test mode" + x, 4 * s[0] * s[2] * s[3],
                    false, (b, dt) -> ConvCases.spatialBatchnorm(b, dt, s)));
            cases.add(new AgreementCase("spatial_groupnorm_forward/backward G=" + s[4] + x,
                    4 * s[1] / s[4] * s[2] * s[3], false, (b, dt) -> ConvCases.spatialGroupnorm(b, dt, s)));
        }
        cases.add(new AgreementCase("conv_relu_pool_forward/backward x (2, 3, 16, 16) w (4, 3, 3, 3)", 2 * 16 * 16,
                false, (b, dt) -> ConvCases.convReluPool(b, dt, 2, 3, 16, 4)));
        for (ModelCases c : ModelCases.ALL) {
            cases.add(new AgreementCase("model " + c.label() + " loss, scores, grads", c.d() + c.h() + c.n(), false,
                    c::results));
        }
        return List.copyOf(cases);
    }
}
