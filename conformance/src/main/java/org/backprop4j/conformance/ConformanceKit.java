package org.backprop4j.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.CheckGroup;
import org.backprop4j.conformance.gradients.NumericGradients;
import org.backprop4j.conformance.matrix.MatrixContract;
import org.backprop4j.conformance.matrix.MixUps;
import org.backprop4j.conformance.reference.ReferenceAgreement;
import org.backprop4j.conformance.threads.Concurrency;
import org.backprop4j.conformance.threads.Determinism;
import org.backprop4j.conformance.vectors.ConvVectors;
import org.backprop4j.conformance.vectors.KernelVectors;

/** Every check of the kit, by group: the one list both {@link BackendConformance} and {@link CheckRunner} run. */
public final class ConformanceKit {

    /** The group names, in the order they run. */
    public static final String MATRIX = "matrix contract";
    public static final String MIX_UPS = "dtype and backend mix-ups";
    public static final String VECTORS = "NumPy reference vectors";
    public static final String REFERENCE = "agreement with the reference";
    public static final String GRADIENTS = "numeric gradients";
    public static final String DETERMINISM = "determinism";
    public static final String CONCURRENCY = "concurrency";

    private ConformanceKit() {
    }

    /** Every group of checks on {@code backend}. */
    public static List<CheckGroup> groups(Backend backend) {
        return List.of(new CheckGroup(MATRIX, MatrixContract.checks(backend)),
                new CheckGroup(MIX_UPS, MixUps.checks(backend)),
                new CheckGroup(VECTORS,
                        Stream.concat(KernelVectors.checks(backend).stream(), ConvVectors.checks(backend).stream())
                                .toList()),
                new CheckGroup(REFERENCE, ReferenceAgreement.checks(backend)),
                new CheckGroup(GRADIENTS, NumericGradients.checks(backend)),
                new CheckGroup(DETERMINISM, Determinism.checks(backend)),
                new CheckGroup(CONCURRENCY, Concurrency.checks(backend)));
    }
}
