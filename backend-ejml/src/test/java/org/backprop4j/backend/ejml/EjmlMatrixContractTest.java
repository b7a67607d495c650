package org.backprop4j.backend.ejml;

import org.backprop4j.backend.Backend;
import org.backprop4j.matrix.MatrixContractTest;

/** The api's shared {@link org.backprop4j.matrix.Matrix} contract, run on the ejml backend. */
class EjmlMatrixContractTest extends MatrixContractTest {

    private static final Backend BACKEND = new EjmlBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }
}
