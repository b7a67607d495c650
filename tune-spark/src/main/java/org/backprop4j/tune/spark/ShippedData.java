package org.backprop4j.tune.spark;

import java.io.Serializable;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.Split;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * The search's loaded data as plain arrays, broadcast once to every executor when it was read from a path
 * of the driver's machine (executors need no shared file system); rebuilt there on the trial's backend,
 * value for value (a float32 matrix's values are floats, which doubles hold exactly).
 */
record ShippedData(ShippedSplit train, ShippedSplit val, ShippedSplit test, List<String> classNames, int[] geometry,
        double[] meanImage, String description, DType dtype, PixelLayout rowLayout) implements Serializable {

    /**
     * One split: {@code x} row-major, shape {@code (rows, cols)}, as doubles, or for float32 data as floats (half
     * the bytes to broadcast; the values are floats either way), and its labels.
     */
    record ShippedSplit(int rows, int cols, double[] x, float[] x32, int[] y) implements Serializable {
        static ShippedSplit of(Split s) {
            if (s == null) {
                return null;
            }
            double[] x = s.x().toArray();
            if (s.x().dtype() != DType.FLOAT32) {
                return new ShippedSplit(s.x().rows(), s.x().cols(), x, null, s.y());
            }
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = (float) x[i];
            }
            return new ShippedSplit(s.x().rows(), s.x().cols(), null, f, s.y());
        }

        Split on(Backend backend, DType dtype) {
            double[] values = x;
            if (values == null) {
                values = new double[x32.length];
                for (int i = 0; i < x32.length; i++) {
                    values[i] = x32[i];
                }
            }
            return new Split(backend.fromArray(rows, cols, values, dtype), y);
        }
    }

    static ShippedData of(DataSplits d) {
        Matrix x = d.xTrain();
        return new ShippedData(ShippedSplit.of(d.train()), ShippedSplit.of(d.val()),
                ShippedSplit.of(d.test().orElse(null)), d.classNames(),
                d.geometry().map(g -> new int[] {g.height(), g.width(), g.channels()}).orElse(null),
                d.meanImage().orElse(null), d.description(), x.dtype(), d.rowLayout());
    }

    DataSplits on(Backend backend) {
        return new DataSplits(train.on(backend, dtype), val.on(backend, dtype),
                test == null ? null : test.on(backend, dtype), classNames,
                geometry == null ? null : new ImageGeometry(geometry[0], geometry[1], geometry[2]), meanImage,
                description, rowLayout);
    }
}
