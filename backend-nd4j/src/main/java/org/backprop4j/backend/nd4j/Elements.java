package org.backprop4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NIO views of a range of a plain array's native elements (no copy), so that Java loops read and write
 * native memory in place: filling a matrix from Java arrays, and the passes that ND4J has no
 * suitable op for. A view covers at most {@value #CHUNK} elements; callers loop over chunks.
 * The array's owner must stay reachable while a view is in use.
 */
final class Elements {

    /** Elements per view: well below NIO's 2^31-byte limit for either type. */
    static final int CHUNK = 1 << 24;

    private Elements() {
    }

    /** Elements {@code [from, from + count)} of a DOUBLE array. */
    static DoubleBuffer doubles(INDArray a, long from, int count) {
        DoublePointer p = new DoublePointer(a.data().addressPointer());
        return p.position(from).limit(from + count).asBuffer();
    }

    /** Elements {@code [from, from + count)} of a FLOAT array. */
    static FloatBuffer floats(INDArray a, long from, int count) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(from).limit(from + count).asBuffer();
    }

    /** Writes {@code values[off, off + count)} to elements {@code [from, from + count)}, rounding to float for FLOAT. */
    static void write(INDArray a, long from, double[] values, int off, int count) {
        if (a.dataType() == DataType.DOUBLE) {
            doubles(a, from, count).put(values, off, count);
        } else {
            FloatBuffer f = floats(a, from, count);
            for (int i = 0; i < count; i++) {
                f.put(i, (float) values[off + i]);
            }
        }
    }

    /** Reads elements {@code [from, from + count)} into {@code values[off, off + count)}, widening FLOAT to double. */
    static void read(INDArray a, long from, double[] values, int off, int count) {
        if (a.dataType() == DataType.DOUBLE) {
            doubles(a, from, count).get(values, off, count);
        } else {
            FloatBuffer f = floats(a, from, count);
            for (int i = 0; i < count; i++) {
                values[off + i] = f.get(i);
            }
        }
    }

    /** Writes all of {@code values} from element 0 on. */
    static void write(INDArray a, double[] values) {
        for (int off = 0; off < values.length; off += CHUNK) {
            int n = Math.min(CHUNK, values.length - off);
            write(a, off, values, off, n);
        }
    }
}
