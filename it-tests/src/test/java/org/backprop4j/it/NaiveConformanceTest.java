package org.backprop4j.it;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.conformance.BackendConformance;

/**
 * The conformance kit on {@code naive}, found through the SPI. It runs here, not in backend-pure: the kit depends on
 * backend-pure (its reference is the Kernels defaults over naive's matrices), so backend-pure's own tests cannot
 * depend on the kit without a module cycle.
 */
class NaiveConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get("naive");
    }
}
