package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.UnaryOp;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A caller (DL4J code, say) may have an ND4J workspace open; matrices made then must not be attached
 * to it, or they would be overwritten once the workspace is reused.
 */
class Nd4jWorkspaceTest {

    @Test
    void matricesNeverLiveInACallersWorkspace() {
        Random rnd = new Random(3);
        Matrix x = Ref.random(rnd, 20, 30, DType.FLOAT32);
        Matrix row = Ref.random(rnd, 1, 30, DType.FLOAT32);
        List<Matrix> made = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 24).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "caller")) {
            made.add(x.copy());
            made.add(x.transpose());
            made.add(x.toDType(DType.FLOAT64));
            made.add(x.sum(0));
            made.add(x.max(1));
            made.add(x.gatherRows(new int[] {3, 1}));
            made.add(x.add(x));
            made.add(x.addRowVector(row));
            made.add(x.map(UnaryOp.SIGMOID));
            made.add(x.scalar(BinaryOp.MUL, 3));
            made.add(x.dot(x.transpose()));
            made.add(Ref.backend().zeros(4, 4, DType.FLOAT64));
            made.add(Ref.backend().fromArray(1, 3, new double[] {1, 2, 3}, DType.FLOAT64));
            for (Matrix m : made) {
                values.add(m.toArray());
            }
        }
        // Reuse the workspace so that anything left in it is overwritten.
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "caller")) {
            Nd4j.create(DataType.FLOAT, 1000, 1000).assign(-1);
        }
        for (int i = 0; i < made.size(); i++) {
            Matrix m = made.get(i);
            assertFalse(((Nd4jMatrix) m).array().isAttached(), "matrix " + i + " is attached to a workspace");
            assertArrayEquals(values.get(i), m.toArray(), 0.0, "matrix " + i);
        }
        assertEquals(0, x.rows() - 20);
    }
}
