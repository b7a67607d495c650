package org.backprop4j.conformance.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.cases.Results;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.matrix.DType;

/**
 * For someone comparing backends: every computation of the agreement checks, in float64, on several backends and
 * the reference at once, every pair held to {@link org.backprop4j.conformance.compare.Tolerances#AGREEMENT} (the
 * kit's per-backend checks bound each backend against the reference; this bounds each pair directly).
 */
public final class CrossBackendAgreement {

    private CrossBackendAgreement() {
    }

    /** One check per computation, comparing every pair of {@code backends} and the reference. */
    public static List<Check> checks(List<Backend> backends) {
        String names = backends.stream().map(Backend::name).collect(Collectors.joining(", "));
        List<Check> checks = new ArrayList<>();
        for (AgreementCase c : AgreementCase.ALL) {
            checks.add(new Check(c.name() + " float64: " + names + " and the reference pairwise",
                    () -> agree(c, backends)));
        }
        return checks;
    }

    private static void agree(AgreementCase c, List<Backend> backends) {
        Map<String, Results> byBackend = new LinkedHashMap<>();
        byBackend.put("reference", ReferenceAgreement.reference(c));
        for (Backend b : backends) {
            byBackend.put(b.name(), c.compute().apply(b, DType.FLOAT64));
        }
        List<String> names = new ArrayList<>(byBackend.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Results a = byBackend.get(names.get(i));
                Results b = byBackend.get(names.get(j));
                for (String key : a.values().keySet()) {
                    ReferenceAgreement.assertAgree(c.name() + " " + key + " float64: " + names.get(i) + " vs "
                            + names.get(j), a.get(key), b.get(key), c.strict());
                }
            }
        }
    }
}
