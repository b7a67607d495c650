package org.backprop4j.conformance.matrix;

import static org.backprop4j.conformance.compare.Compare.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.check.Check;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Mixing dtypes or backends in one operation is an error that names both, with the shared messages of
 * {@code MatrixChecks.requireCompatible} ("cannot mix dtypes float64 and float32", "cannot mix a matrix of backend
 * 'a' with one of backend 'b'"), in the Matrix operations and in the backend's kernels.
 */
public final class MixUps {

    private final Backend backend;

    private MixUps(Backend backend) {
        this.backend = backend;
    }

    /** The mix-up checks on {@code backend}. */
    public static List<Check> checks(Backend backend) {
        MixUps m = new MixUps(backend);
        return List.of(new Check("Matrix mixing dtypes names both", m::mixingDtypesNamesBoth),
                new Check("Matrix mixing backends names both", m::mixingBackendsNamesBoth),
                new Check("kernels mixing dtypes give the shared message", m::kernelsMixingDtypes),
                new Check("kernels mixing backends give the shared message", m::kernelsMixingBackends));
    }

    private Backend backend() {
        return backend;
    }

    private void mixingDtypesNamesBoth() {
        Matrix a = backend().zeros(2, 2, DType.FLOAT64);
        Matrix b = backend().zeros(2, 2, DType.FLOAT32);
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.add(b)), "float64", "float32");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.dot(b)), "float64", "float32");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> b.axpy(1, a)), "float64", "float32");
    }

    private void mixingBackendsNamesBoth() {
        Matrix a = backend().zeros(2, 2, DType.FLOAT64);
        Matrix alien = alien(2, 2);
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.add(alien)), backend().name(), "alien");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.dot(alien)), backend().name(), "alien");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> a.addRowVector(alien(1, 2))),
                backend().name(), "alien");
        Matrix converted = backend().convert(backend().zeros(2, 2, DType.FLOAT64));
        assertEquals(backend().name(), converted.backendName());
    }

    private void kernelsMixingDtypes() {
        Kernels k = backend().kernels();
        Matrix x = backend().zeros(3, 4, DType.FLOAT64);
        Matrix w = backend().zeros(4, 2, DType.FLOAT32);
        Matrix b = backend().zeros(1, 2, DType.FLOAT64);
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> k.affineForward(x, w, b)),
                "cannot mix dtypes", "float64", "float32");
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> k.affineReluForward(x, w, b)),
                "cannot mix dtypes", "float64", "float32");
        Matrix w64 = backend().zeros(4, 2, DType.FLOAT64);
        Matrix dout = backend().zeros(3, 2, DType.FLOAT32);
        var cache = k.affineForward(x, w64, b).cache();
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> k.affineBackward(dout, cache)),
                "cannot mix dtypes", "float64", "float32");
    }

    private void kernelsMixingBackends() {
        Kernels k = backend().kernels();
        Matrix x = backend().zeros(3, 2, DType.FLOAT64);
        Matrix b = backend().zeros(1, 2, DType.FLOAT64);
        assertMessageNames(assertThrows(IllegalArgumentException.class, () -> k.affineForward(x, alien(2, 2), b)),
                "cannot mix a matrix of backend", backend().name(), "alien");
    }

    /** A matrix of another backend: only its identity answers. */
    private static Matrix alien(int rows, int cols) {
        return (Matrix) Proxy.newProxyInstance(Matrix.class.getClassLoader(), new Class<?>[] {Matrix.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "backendName" -> "alien";
                    case "dtype" -> DType.FLOAT64;
                    case "rows" -> rows;
                    case "cols" -> cols;
                    case "shape" -> "(" + rows + ", " + cols + ")";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
