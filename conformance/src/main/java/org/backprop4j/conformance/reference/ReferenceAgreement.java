package org.backprop4j.conformance.reference;

import static org.backprop4j.conformance.compare.Compare.assertError;
import static org.backprop4j.conformance.compare.Compare.maxAbs;
import static org.backprop4j.conformance.compare.Compare.normwise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.cases.KernelCases;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.conformance.check.Measurements;
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
        for (AgreementCase c : AgreementCase.ALL) {
            checks.add(c.strict()
                    ? new Check(c.name() + " float64 rel_error vs reference", () -> a.agreeStrictly(c))
                    : new Check(c.name() + " float64, float32 vs reference", () -> a.agree(c)));
        }
        for (int[] s : KernelCases.SHAPES) {
            if (s[0] >= 2) {
                checks.add(new Check("batchnorm_backward = batchnorm_backward_alt N=" + s[0] + " D=" + s[1]
                        + " float64", () -> a.backwardFormsAgree(s[0], s[1])));
            }
        }
        return checks;
    }

    /** The reference's float64 results of {@code c}, computed once. */
    static Results reference(AgreementCase c) {
        return REFERENCE.computeIfAbsent(c.name(), k -> c.compute().apply(ReferenceBackend.INSTANCE, DType.FLOAT64));
    }

    /**
     * Asserts one float64 output of two backends agrees: by {@code rel_error} if {@code strict}, else normwise; a
     * tensor zero in exact arithmetic (both below 1e-12, e.g. a bias feeding batchnorm) is noise in both.
     */
    static void assertAgree(String where, double[] x, double[] y, boolean strict) {
        if (strict) {
            assertError(where + " rel_error", GradientCheck.relError(x, y), Tolerances.AGREEMENT);
        } else if (maxAbs(x) < 1e-12 && maxAbs(y) < 1e-12) {
            Measurements.record(where, 0, Tolerances.AGREEMENT);
        } else {
            assertError(where + " normwise", normwise(x, y), Tolerances.AGREEMENT);
        }
    }

    /** float64 against the reference, then float32 against the float64 reference. */
    private void agree(AgreementCase c) {
        Results want = reference(c);
        Results got = c.compute().apply(backend, DType.FLOAT64);
        for (String key : want.values().keySet()) {
            assertAgree(c.name() + " " + key + " float64 vs reference", got.get(key), want.get(key), false);
        }
        double bound = Tolerances.float32Agreement(c.k());
        Results single = c.compute().apply(backend, DType.FLOAT32);
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
            assertError(c.name() + " " + key + " float32 normwise vs float64 reference",
                    err / Math.max(maxAbs(y), 1e-30), bound);
        }
    }

    /** The notebooks' rel_error itself, on inputs where no sum cancels. */
    private void agreeStrictly(AgreementCase c) {
        Results want = reference(c);
        Results got = c.compute().apply(backend, DType.FLOAT64);
        for (String key : want.values().keySet()) {
            assertAgree(c.name() + " " + key + " float64 vs reference", got.get(key), want.get(key), true);
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
