package org.backprop4j.examples.toy;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.conformance.BackendConformance;

/** The whole kit on the toy backend, found through the ServiceLoader as users find it: the one class an author writes. */
class ToyConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get(ToyBackend.NAME);
    }
}
