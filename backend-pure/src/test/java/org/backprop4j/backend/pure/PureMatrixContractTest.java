package org.backprop4j.backend.pure;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.MatrixContractTest;

/** The shared Matrix contract on the {@code pure} backend. */
class PureMatrixContractTest extends MatrixContractTest {

    private static final Backend BACKEND = new PureBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }
}
