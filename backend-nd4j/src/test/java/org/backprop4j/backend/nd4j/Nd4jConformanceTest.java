package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.conformance.BackendConformance;

/** The conformance kit on the nd4j backend found through the ServiceLoader, as users find it. */
class Nd4jConformanceTest extends BackendConformance {

    private static final Backend ND4J = BackendRegistry.load(Nd4jConformanceTest.class.getClassLoader()).get("nd4j");

    @Override
    protected Backend backend() {
        return ND4J;
    }
}
