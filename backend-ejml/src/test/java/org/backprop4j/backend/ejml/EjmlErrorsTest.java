package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** Every operation with a second operand rejects a wrong shape, dtype or backend with a message naming both. */
class EjmlErrorsTest {

    private static final Pattern SHAPE = Pattern.compile("\\(\\d+, \\d+\\)");

    /** Each operation of a (2, 3) float64 matrix {@code a} that takes another matrix, given that other matrix. */
    private static Map<String, Consumer<Matrix>> operationsOnA(Matrix a) {
        Map<String, Consumer<Matrix>> ops = new LinkedHashMap<>();
        ops.put("apply", o -> a.apply(BinaryOp.ADD, o));
        ops.put("applyInPlace", o -> a.applyInPlace(BinaryOp.DIV, o));
        ops.put("axpy", o -> a.axpy(2, o));
        ops.put("assign", a::assign);
        ops.put("broadcastRow", o -> a.broadcastRow(BinaryOp.MUL, o));
        ops.put("broadcastColumn", o -> a.broadcastColumn(BinaryOp.SUB, o));
        ops.put("gemm (as a)", o -> a.gemm(1, o, false, Ref.random(3, 3, DType.FLOAT64, 1), false, 0));
        ops.put("gemm (as b)", o -> a.gemm(1, Ref.random(2, 2, DType.FLOAT64, 1), false, o, false, 0));
        ops.put("gemm (as out)", o -> o.gemm(1, a, false, Ref.random(3, 4, DType.FLOAT64, 1), false, 0));
        return ops;
    }

    @Test
    void aWrongShapeIsNamedWithTheOtherShape() {
        Matrix a = Ref.random(2, 3, DType.FLOAT64, 1);
        double[] before = a.toArray();
        Matrix wrong = Ref.random(5, 7, DType.FLOAT64, 2);
        for (Map.Entry<String, Consumer<Matrix>> op : operationsOnA(a).entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.getValue().accept(wrong),
                    op.getKey());
            assertTrue(e.getMessage().contains("(5, 7)") && SHAPE.matcher(e.getMessage()).results().count() >= 2,
                    op.getKey() + " must name the wrong shape and its partner's: " + e.getMessage());
            if (!op.getKey().startsWith("gemm (as")) {
                assertTrue(e.getMessage().contains("(2, 3)"), op.getKey() + ": " + e.getMessage());
            }
        }
        assertArrayEquals(before, a.toArray(), "a rejected operation changes nothing");
    }

    @Test
    void mixingDtypesIsNamedWithBoth() {
        Matrix a = Ref.random(2, 3, DType.FLOAT64, 1);
        Matrix o = Ref.random(2, 3, DType.FLOAT32, 3); // the dtype is checked before the shape
        for (Map.Entry<String, Consumer<Matrix>> op : operationsOnA(a).entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.getValue().accept(o),
                    op.getKey());
            assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float32"),
                    op.getKey() + " must name both dtypes: " + e.getMessage());
        }
    }

    @Test
    void anotherBackendsMatrixIsRejectedBeforeAnyCast() {
        Matrix a = Ref.random(2, 3, DType.FLOAT64, 1);
        Matrix foreign = foreign("pure", DType.FLOAT64, 2, 3);
        for (Map.Entry<String, Consumer<Matrix>> op : operationsOnA(a).entrySet()) {
            if (op.getKey().equals("gemm (as out)")) {
                continue; // the foreign matrix would be the receiver
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.getValue().accept(foreign), op.getKey() + " must not throw ClassCastException");
            assertTrue(e.getMessage().contains("'ejml'") && e.getMessage().contains("'pure'"),
                    op.getKey() + " must name both backends: " + e.getMessage());
        }
    }

    /** A matrix of another backend that answers only identity and shape questions. */
    private static Matrix foreign(String backend, DType dtype, int rows, int cols) {
        return (Matrix) Proxy.newProxyInstance(Matrix.class.getClassLoader(), new Class<?>[] {Matrix.class},
                (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "backendName" -> backend;
                        case "dtype" -> dtype;
                        case "rows" -> rows;
                        case "cols" -> cols;
                        case "shape" -> "(" + rows + ", " + cols + ")";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void gemmNamesTheMisalignedShapes() {
        Matrix c = Ref.EJML.zeros(2, 2, DType.FLOAT32);
        Matrix a = Ref.random(2, 3, DType.FLOAT32, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.gemm(1, a, false, a, false, 0));
        assertEquals("dot: shapes (2, 3) and (2, 3) not aligned: 3 (dim 1) != 2 (dim 0).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.dot(a.transpose()).gemm(1, a, true, a, false, 0));
        assertTrue(e.getMessage().contains("(3, 3)") && e.getMessage().contains("(2, 2)"), e.getMessage());
    }

    @Test
    void indexAndArgumentErrors() {
        Matrix a = Ref.random(2, 3, DType.FLOAT32, 1);
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> a.get(2, 0));
        assertTrue(oob.getMessage().contains("(2, 0)") && oob.getMessage().contains("(2, 3)"), oob.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(0, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.gatherRows(new int[] {0, 2}));
        assertThrows(IndexOutOfBoundsException.class, () -> a.pick(new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> a.addAt(new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> a.sum(2));
        assertThrows(IllegalArgumentException.class, () -> a.argmax(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.create(4, 4, new double[3]));
        assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("(4, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ref.EJML.zeros(-1, 2, DType.FLOAT64));
        e = assertThrows(IllegalArgumentException.class, () -> Ref.EJML.zeros(100_000, 100_000, DType.FLOAT32));
        assertTrue(e.getMessage().contains("(100000, 100000)"), e.getMessage());
        Matrix empty = Ref.EJML.zeros(0, 3, DType.FLOAT64);
        e = assertThrows(IllegalArgumentException.class, empty::max);
        assertTrue(e.getMessage().contains("(0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> empty.argmax(0));
        assertEquals(0, empty.argmax(1).length, "no rows: nothing to reduce along axis 1");
    }
}
