package org.backprop4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private final Backend b = Backends.get("pure");

    @Test
    void keepsInsertionOrderAndNamesUnknownParameters() {
        Parameters p = new Parameters();
        p.put("W1", b.zeros(2, 3, DType.FLOAT64)).put("b1", b.zeros(1, 3, DType.FLOAT64)).put("W2",
                b.zeros(3, 1, DType.FLOAT64));
        assertEquals(List.of("W1", "b1", "W2"), p.names());
        assertEquals(6 + 3 + 3, p.count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get("W9"));
        assertTrue(e.getMessage().contains("W9") && e.getMessage().contains("[W1, b1, W2]"), e.getMessage());
    }

    @Test
    void replacementMustKeepShapeAndDtype() {
        Parameters p = new Parameters().put("W1", b.zeros(2, 3, DType.FLOAT64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.put("W1", b.zeros(3, 2, DType.FLOAT64)));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.put("W1", b.zeros(2, 3, DType.FLOAT32)));
    }

    @Test
    void copyIsDeepAndAssignRestoresValues() {
        Parameters p = new Parameters().put("W1", b.fromArray(1, 2, new double[] {1, 2}, DType.FLOAT64));
        Parameters saved = p.copy();
        p.get("W1").set(0, 0, 42);
        assertEquals(1.0, saved.get("W1").get(0, 0));
        p.assign(saved);
        assertEquals(1.0, p.get("W1").get(0, 0));
        Parameters other = new Parameters().put("W2", b.zeros(1, 2, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> p.assign(other));
    }
}
