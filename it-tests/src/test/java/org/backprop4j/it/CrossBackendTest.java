package org.backprop4j.it;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.backprop4j.conformance.reference.CrossBackendAgreement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pair of the shipped backends (and the reference) agrees on every kernel and model to 1e-12 in float64: the
 * conformance kit's cross-backend checks over every available backend found through the SPI. Each backend's own
 * kit run ({@code NaiveConformanceTest}, {@code EjmlConformanceTest}, ...) bounds it against the reference, in both
 * dtypes, and checks its numeric gradients.
 */
class CrossBackendTest {

    @TestFactory
    Stream<DynamicTest> everyPairOfBackendsAgrees() {
        return CrossBackendAgreement.checks(BackendsUnderTest.all().collect(Collectors.toList())).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
