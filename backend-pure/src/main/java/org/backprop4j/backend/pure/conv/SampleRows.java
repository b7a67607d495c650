package org.backprop4j.backend.pure.conv;

import org.backprop4j.backend.array.ArrayMatrix;

/**
 * Copies between one sample's row of an {@code (N, F*P)} output or gradient and the {@code (F, P)} matrix the
 * product reads or writes, over the primitive arrays.
 */
final class SampleRows {

    private SampleRows() {
    }

    /**
     * Row {@code n} of {@code out} (shape (N, F*P)) = {@code prod} (shape (F, P)) with {@code b[f]} added to row
     * {@code f}: the product as rounded, plus the bias, as a separate broadcast add rounds it.
     */
    static void putWithBias(ArrayMatrix prod, ArrayMatrix b, ArrayMatrix out, int n) {
        int f = prod.rows();
        int p = prod.cols();
        int off = n * out.cols();
        if (out.float64Array() != null) {
            double[] src = prod.float64Array();
            double[] bias = b.float64Array();
            double[] dst = out.float64Array();
            for (int g = 0; g < f; g++) {
                double bg = bias[g];
                for (int q = g * p, end = q + p; q < end; q++) {
                    dst[off + q] = src[q] + bg;
                }
            }
        } else {
            float[] src = prod.float32Array();
            float[] bias = b.float32Array();
            float[] dst = out.float32Array();
            for (int g = 0; g < f; g++) {
                float bg = bias[g];
                for (int q = g * p, end = q + p; q < end; q++) {
                    dst[off + q] = src[q] + bg;
                }
            }
        }
    }

    /**
     * {@code d} (shape (F, P)) = row {@code n} of {@code dout} (shape (N, F*P)), and {@code db[f] +=} the sum of its
     * row {@code f}, in double.
     */
    static void take(ArrayMatrix dout, int n, ArrayMatrix d, double[] db) {
        int f = d.rows();
        int p = d.cols();
        int off = n * dout.cols();
        if (d.float64Array() != null) {
            double[] src = dout.float64Array();
            double[] dst = d.float64Array();
            for (int g = 0; g < f; g++) {
                double sum = 0;
                for (int q = g * p, end = q + p; q < end; q++) {
                    double v = src[off + q];
                    dst[q] = v;
                    sum += v;
                }
                db[g] += sum;
            }
        } else {
            float[] src = dout.float32Array();
            float[] dst = d.float32Array();
            for (int g = 0; g < f; g++) {
                double sum = 0;
                for (int q = g * p, end = q + p; q < end; q++) {
                    float v = src[off + q];
                    dst[q] = v;
                    sum += v;
                }
                db[g] += sum;
            }
        }
    }
}
