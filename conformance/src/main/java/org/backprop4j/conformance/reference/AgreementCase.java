package org.backprop4j.conformance.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.ModelCases;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.matrix.DType;

/**
 * One computation compared between backends: every kernel on every shape of {@link KernelCases#SHAPES} and every
 * model of {@link ModelCases}.
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
        for (ModelCases c : ModelCases.ALL) {
            cases.add(new AgreementCase("model " + c.label() + " loss, scores, grads", c.d() + c.h() + c.n(), false,
                    c::results));
        }
        return List.copyOf(cases);
    }
}
