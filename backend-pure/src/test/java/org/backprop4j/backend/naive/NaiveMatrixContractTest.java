package org.backprop4j.backend.naive;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.MatrixContractTest;

/** The shared Matrix contract on the {@code naive} backend. */
class NaiveMatrixContractTest extends MatrixContractTest {

    private static final Backend BACKEND = new NaiveBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }
}
