package org.backprop4j.backend.ejml;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.BackendConformance;

/** The conformance kit on the ejml backend. */
class EjmlConformanceTest extends BackendConformance {

    private static final Backend BACKEND = new EjmlBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }
}
