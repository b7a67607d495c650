package org.backprop4j.datasets.cifar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.datasets.labels.ClassLabels;

/**
 * Reads a CIFAR-10 python batch ({@code cifar-10-batches-py/data_batch_1} ... {@code test_batch}): a
 * Python 2 pickle (protocol 2) of a dict whose {@code data} is a NumPy {@code uint8} array of shape
 * {@code (N, 3072)} (each row the red, green and blue 32 × 32 planes, CHW) and whose {@code labels} is
 * a list of N ints 0..9. This is what cs231n's {@code load_CIFAR_batch} reads with
 * {@code pickle.load(f, encoding='latin1')} before {@code X.reshape(N, 3, 32, 32).transpose(0, 2, 3, 1)};
 * the images are kept as CHW bytes and {@link ImageSet#rowHwc} gives that transposed row.
 *
 * <p>A batch re-saved by Python 3 ({@code pickle.dump} of what {@code pickle.load} gave, protocols 2
 * to 5, NumPy 1 or 2, {@code str} or {@code bytes} keys) is read the same way.
 *
 * <p>The pickle is read by {@link CifarUnpickler}, which refuses every Python global except the few
 * NumPy and codec ones these files use: a hostile file fails with a message naming the global, and
 * nothing in it is run.
 */
public final class CifarPythonReader {

    private CifarPythonReader() {
    }

    /** Reads the batch file {@code file}. */
    public static ImageSet read(Path file) throws IOException {
        try (UntrustedInput in = UntrustedInput.open(file)) {
            return read(in);
        }
    }

    /** Reads one batch from {@code in}. */
    public static ImageSet read(UntrustedInput in) throws IOException {
        Object root = CifarUnpickler.unpickle(in.source(), in.readAll("the pickle"));
        if (!(root instanceof Map)) {
            throw in.error(
                    "its pickle holds a " + CifarUnpickler.pythonType(root) + ", not the dict of a CIFAR-10 batch");
        }
        Map<?, ?> dict = (Map<?, ?>) root;
        Object data = dict.get("data");
        Object labels = dict.get("labels");
        if (!(data instanceof PickledArray) || !((PickledArray) data).built()) {
            throw in.error("its dict has no numpy array under 'data'");
        }
        if (!(labels instanceof List)) {
            throw in.error("its dict has no list under 'labels'");
        }
        PickledArray array = (PickledArray) data;
        long[] shape = array.shape();
        int n = ImageGeometry.CIFAR.pixels();
        if (!array.dtype().isUnsignedByte()) {
            throw in.error("its 'data' array has dtype " + array.dtype().name() + ", not uint8");
        }
        if (shape.length != 2 || shape[1] != n) {
            throw in.error("its 'data' array has shape " + PickledArray.shapeString(shape) + ", not (N, 3072)");
        }
        if (array.fortranOrder() && shape[0] > 1) {
            throw in.error("its 'data' array is stored in Fortran order, but CIFAR-10 batches are in C order");
        }
        List<?> list = (List<?>) labels;
        if (list.size() != shape[0]) {
            throw in.error("it holds " + list.size() + " labels for " + shape[0] + " images");
        }
        int[] y = new int[list.size()];
        for (int i = 0; i < y.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Integer)) {
                // a Long or BigInteger is a Python int beyond 32 bits: an integer, but no class index
                throw in.error(
                        "label " + i + " is " + (v instanceof Number && !(v instanceof Double) ? v : "not an integer")
                                + ", outside the range 0..9");
            }
            y[i] = (Integer) v;
        }
        int bad = ClassLabels.firstOutside(y, CifarClasses.COUNT);
        if (bad >= 0) {
            throw in.error("label " + bad + " is " + y[bad] + ", outside the range 0..9");
        }
        return new ImageSet(array.data(), y, ImageGeometry.CIFAR, PixelLayout.CHW);
    }
}
