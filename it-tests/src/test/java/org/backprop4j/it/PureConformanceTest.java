package org.backprop4j.it;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.conformance.BackendConformance;

/**
 * The conformance kit on {@code pure}, found through the SPI; run twice by it-tests' build, with the Vector API
 * (SIMD kernels) and without it (the scalar fallback). Here and not in backend-pure for the reason
 * {@link NaiveConformanceTest} gives.
 */
class PureConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get("pure");
    }
}
