package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Parsing the NumPy worker's reply lines, with replies written by hand in the worker's format. */
class WorkerReplyTest {

    /** base64 of the little-endian float64 bytes of {@code values}, as numpy_bench.py's encode() writes them. */
    private static String b64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String message(String line) {
        return assertThrows(WorkerReply.WorkerException.class, () -> WorkerReply.parse(line)).getMessage();
    }

    @Test
    void aGreetingGivesTheVersionsAndTheThreads() {
        WorkerReply.Greeting g = WorkerReply.greeting(WorkerReply.parse(
                "{\"ok\": true, \"python\": \"3.11.7\", \"numpy\": \"2.4.6\", \"blas\": \"scipy-openblas 0.3.31\", \"threads\": \"2\"}"));
        assertEquals(new WorkerReply.Greeting("3.11.7", "2.4.6", "scipy-openblas 0.3.31", "2"), g);
    }

    @Test
    void aFailedCommandReportsTheWorkersError() {
        assertEquals("ValueError: no workload yet: send 'setup' first",
                message("{\"ok\": false, \"error\": \"ValueError: no workload yet: send 'setup' first\", \"trace\": \"...\"}"));
        assertEquals("NumPy cannot be imported (ModuleNotFoundError: No module named 'numpy')",
                message("{\"ok\": false, \"error\": \"NumPy cannot be imported (ModuleNotFoundError: No module named 'numpy')\"}"));
        assertTrue(message("{\"ok\": false}").contains("without saying why"));
    }

    @Test
    void somethingElseThanAReplyIsNamed() {
        assertEquals("the NumPy worker ended without replying.", message(null));
        assertTrue(message("Traceback (most recent call last):").contains("not JSON: Traceback"));
        assertTrue(message("[1, 2]").contains("not a JSON object"));
        assertTrue(message("{\"nanos\": 5}").contains("no \"ok\" field"));
        assertTrue(message("{\"ok\": \"yes\"}").contains("no \"ok\" field"));
        String longLine = "x".repeat(1000);
        assertTrue(message(longLine).length() < 300, "a long reply is shortened");
    }

    @Test
    void timeRepliesNeedWholeNonNegativeNanoseconds() {
        assertEquals(1234567, WorkerReply.nanos(WorkerReply.parse("{\"ok\": true, \"nanos\": 1234567, \"ops\": 3}")));
        assertEquals(1, WorkerReply.nanos(WorkerReply.parse("{\"ok\": true, \"nanos\": 0}")),
                "at least 1 ns, as Java's own samples");
        for (String bad : List.of("{\"ok\": true}", "{\"ok\": true, \"nanos\": -5}", "{\"ok\": true, \"nanos\": 1.5}",
                "{\"ok\": true, \"nanos\": \"12\"}")) {
            assertThrows(WorkerReply.WorkerException.class, () -> WorkerReply.nanos(WorkerReply.parse(bad)), bad);
        }
    }

    @Test
    void arraysDecodeExactlyFromLittleEndianBase64() {
        double[] values = {1.0, -2.5, Math.PI, Double.MIN_VALUE, 1e300, -0.0};
        WorkerReply.Array a = WorkerReply.array(WorkerReply.parse(
                "{\"ok\": true, \"out\": {\"shape\": [2, 3], \"data\": \"" + b64(values) + "\"}}"), "out");
        assertEquals(2, a.rows());
        assertEquals(3, a.cols());
        assertArrayEquals(values, a.data(), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a.data()[5]), "bit for bit");
    }

    @Test
    void badArraysAreNamed() {
        String wrongSize = "{\"ok\": true, \"out\": {\"shape\": [2, 2], \"data\": \"" + b64(1, 2, 3) + "\"}}";
        String m = assertThrows(WorkerReply.WorkerException.class,
                () -> WorkerReply.array(WorkerReply.parse(wrongSize), "out")).getMessage();
        assertTrue(m.contains("24 bytes") && m.contains("needs 32"), m);
        for (String bad : List.of("{\"ok\": true}", "{\"ok\": true, \"out\": {\"shape\": [2], \"data\": \"\"}}",
                "{\"ok\": true, \"out\": {\"shape\": [-1, 2], \"data\": \"\"}}",
                "{\"ok\": true, \"out\": {\"shape\": [1, 1], \"data\": \"***\"}}")) {
            assertThrows(WorkerReply.WorkerException.class, () -> WorkerReply.array(WorkerReply.parse(bad), "out"),
                    bad);
        }
    }

    @Test
    void gradsRepliesKeepTheParametersOrder() {
        WorkerReply.LossGrads lg = WorkerReply
                .lossGrads(WorkerReply.parse("{\"ok\": true, \"loss\": 2.302585092994046, "
                        + "\"grads\": {\"W1\": {\"shape\": [1, 2], \"data\": \"" + b64(0.5, -0.5) + "\"}, "
                        + "\"b1\": {\"shape\": [1, 1], \"data\": \"" + b64(3) + "\"}}}"));
        assertEquals(2.302585092994046, lg.loss());
        assertEquals(List.of("W1", "b1"), List.copyOf(lg.grads().keySet()));
        assertArrayEquals(new double[] {0.5, -0.5}, lg.grads().get("W1").data());
        assertThrows(WorkerReply.WorkerException.class,
                () -> WorkerReply.lossGrads(WorkerReply.parse("{\"ok\": true, \"grads\": {}}")));
        assertThrows(WorkerReply.WorkerException.class,
                () -> WorkerReply.lossGrads(WorkerReply.parse("{\"ok\": true, \"loss\": 1.0}")));
    }
}
