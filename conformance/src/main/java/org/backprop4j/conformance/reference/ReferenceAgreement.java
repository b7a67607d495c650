package org.backprop4j.conformance.reference;

import static org.backprop4j.conformance.compare.Compare.assertError;
import static org.backprop4j.conformance.compare.Compare.maxAbs;
import static org.backprop4j.conformance.compare.Compare.normwise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.check.Measurements;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.ModelCases;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.conformance.compare.Tolerances;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.gradcheck.GradientCheck;

/**
 * Every kernel and every model, on seeded inputs of shapes from 1x1 to D = 3072, gives the same outputs, losses and
 * gradients as the {@link ReferenceBackend}: in float64 to {@link Tolerances#AGREEMENT} (normwise, or the
 * notebooks' {@code rel_error} on well-conditioned inputs), in float32 to {@link Tolerances#float32Agreement} of the
 * float64 reference. The reference's results are computed once per JVM and shared by every backend checked in it,
 * so the kit on several backends does not repeat the reference's work.
 */
public final class ReferenceAgreement {

    private static final Map<String, Results> REFERENCE = new ConcurrentHashMap<>();

    private final Backend backend;

    private ReferenceAgreement(Backend backend) {
        this.backend = backend;
    }

    /** The agreement checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        ReferenceAgreement a = new ReferenceAgreement(backend);
        List<Check> checks = new ArrayList<>();
        for (int[] s : KernelCases.SHAPES) {
            int n = s[0];
            int d = s[1];
            int m = s[2];
            String nd = " N=" + n + " D=" + d;
            String ndm = nd + " M=" + m;
            for (boolean relu : new boolean[] {false, true}) {
                String op = relu ? "affine_relu_forward/backward" : "affine_forward/backward";
                checks.add(new Check(op + ndm + " float64, float32 vs reference", () -> a.agree(op + ndm,
                        Math.max(d, n), dt -> b -> KernelCases.affine(b, dt, n, d, m, relu))));
            }
            checks.add(new Check("relu, sigmoid forward/backward" + nd + " float64, float32 vs reference",
                    () -> a.agree("activations" + nd, 1, dt -> b -> KernelCases.activations(b, dt, n, d))));
            checks.add(new Check("softmax_loss, svm_loss N=" + n + " C=" + d + " float64, float32 vs reference",
                    () -> a.agree("losses N=" + n + " C=" + d, d, dt -> b -> KernelCases.losses(b, dt, n, d))));
            if (n >= 2) {
                // a batch of one has zero variance: batchnorm's output is beta, its gradient degenerate
                // variance and its gradient sum over the N rows
                checks.add(new Check("batchnorm_forward/backward/backward_alt" + nd + " float64, float32 vs reference",
                        () -> a.agree("batchnorm" + nd, 4 * n, dt -> b -> KernelCases.batchnorm(b, dt, n, d))));
                checks.add(new Check("batchnorm_backward = batchnorm_backward_alt" + nd + " float64",
                        () -> a.backwardFormsAgree(n, d)));
            }
            checks.add(new Check("dropout_forward/backward" + nd + " float64, float32 vs reference",
                    () -> a.agree("dropout" + nd, 1, dt -> b -> KernelCases.dropout(b, dt, n, d))));
            for (boolean relu : new boolean[] {false, true}) {
                String op = (relu ? "affine_relu" : "affine") + " well-conditioned" + ndm;
                checks.add(new Check(op + " float64 rel_error vs reference", () -> a.agreeStrictly(op,
                        b -> KernelCases.wellConditionedAffine(b, n, d, m, relu))));
            }
        }
        for (ModelCases c : ModelCases.ALL) {
            checks.add(new Check("model " + c.label() + " loss, scores, grads float64, float32 vs reference",
                    () -> a.agree(c.label(), c.d() + c.h() + c.n(), dt -> b -> c.results(b, dt))));
        }
        return checks;
    }

    private static Results reference(String key, Function<Backend, Results> compute) {
        return REFERENCE.computeIfAbsent(key, k -> compute.apply(ReferenceBackend.INSTANCE));
    }

    /** float64 normwise against the reference, then float32 against the float64 reference (sums of length k). */
    private void agree(String what, int k, Function<DType, Function<Backend, Results>> compute) {
        Results want = reference(what + " float64", compute.apply(DType.FLOAT64));
        Results got = compute.apply(DType.FLOAT64).apply(backend);
        for (String key : want.values().keySet()) {
            double[] x = got.get(key);
            double[] y = want.get(key);
            String where = what + " " + key + " float64";
            if (maxAbs(x) < 1e-12 && maxAbs(y) < 1e-12) {
                Measurements.record(where, 0, Tolerances.AGREEMENT);
                continue; // zero in exact arithmetic (e.g. a bias feeding batchnorm): both are noise
            }
            assertError(where + " normwise vs reference", normwise(x, y), Tolerances.AGREEMENT);
        }
        double bound = Tolerances.float32Agreement(k);
        Results single = compute.apply(DType.FLOAT32).apply(backend);
        for (String key : want.values().keySet()) {
            double[] y = want.get(key);
            double[] x = single.get(key);
            if (maxAbs(y) < 1e-12) {
                continue; // zero in exact arithmetic: float32 noise has no scale to be measured against
            }
            double err = 0;
            for (int i = 0; i < y.length; i++) {
                err = Math.max(err, Math.abs(x[i] - y[i]));
            }
            assertError(what + " " + key + " float32 normwise vs float64 reference", err / Math.max(maxAbs(y), 1e-30),
                    bound);
        }
    }

    /** The notebooks' rel_error itself, on inputs where no sum cancels. */
    private void agreeStrictly(String what, Function<Backend, Results> compute) {
        Results want = reference(what, compute);
        Results got = compute.apply(backend);
        for (String key : want.values().keySet()) {
            assertError(what + " " + key + " float64 rel_error vs reference",
                    GradientCheck.relError(got.get(key), want.get(key)), Tolerances.AGREEMENT);
        }
    }

    /** The staged batchnorm_backward and the one-formula _alt agree on the backend itself. */
    private void backwardFormsAgree(int n, int d) {
        Results r = KernelCases.batchnorm(backend, DType.FLOAT64, n, d);
        for (String g : List.of("dx", "dgamma", "dbeta")) {
            for (int step = 0; step < 2; step++) {
                assertError("batchnorm N=" + n + " D=" + d + " " + g + step + " float64 staged vs alt normwise",
                        normwise(r.get(g + step), r.get("alt " + g + step)), Tolerances.AGREEMENT);
            }
        }
    }
}
