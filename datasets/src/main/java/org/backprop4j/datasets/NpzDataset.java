package org.backprop4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.labels.ClassLabels;
import org.backprop4j.datasets.npy.NpyArray;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.matrix.Matrix;

/**
 * An NPZ file of {@code X_train, y_train, X_val, y_val[, X_test, y_test]}, used exactly as stored: data
 * preprocessed in NumPy train identically here. No split may be empty. Labels must be integers; the number
 * of classes C is the largest label of any split plus one, every class 0..C-1 must have an example in the
 * stored {@code y_train} (see {@link ClassLabels#inferNumClasses}), and the class names are {@code "0" .. "C-1"}.
 */
final class NpzDataset {

    /** More classes than this is taken for a mistake (labels that are not class indices). */
    static final int MAX_CLASSES = 100_000;

    private static final Map<String, String> SPLIT_NAMES = Map.of("train", "training", "val", "validation", "test",
            "test");

    private NpzDataset() {
    }

    static DataSplits load(Path file, Backend backend, LoadOptions options) throws IOException {
        if (Boolean.TRUE.equals(options.subtractMean())) {
            throw new IllegalArgumentException("npz data are used exactly as stored; subtract the mean in NumPy before"
                    + " saving them.");
        }
        try (NpzReader npz = NpzReader.open(file)) {
            for (String required : new String[] {"X_train", "y_train", "X_val", "y_val"}) {
                if (!npz.contains(required)) {
                    throw new DatasetFormatException(file.toString(), "it holds no array " + required + " (it holds "
                            + npz.names() + "; expected X_train, y_train, X_val, y_val and optionally X_test, y_test)");
                }
            }
            boolean hasTest = npz.contains("X_test") || npz.contains("y_test");
            if (hasTest && !(npz.contains("X_test") && npz.contains("y_test"))) {
                throw new DatasetFormatException(file.toString(),
                        "it holds " + (npz.contains("X_test")
                                ? "X_test but no y_test"
                                : "y_test but no X_test"));
            }
            int[] yTrain = labels(npz, file, "y_train");
            int[] yVal = labels(npz, file, "y_val");
            int[] yTest = hasTest ? labels(npz, file, "y_test") : null;
            checkRows(npz, file, "train", yTrain);
            checkRows(npz, file, "val", yVal);
            if (hasTest) {
                checkRows(npz, file, "test", yTest);
            }
            int numClasses = ClassLabels.inferNumClasses(file.toString(), yTrain, yVal, yTest);
            Split train = split(npz, "train", yTrain, options.numTrain(), backend, options);
            Split val = split(npz, "val", yVal, options.numVal(), backend, options);
            Split test = hasTest ? split(npz, "test", yTest, options.numTest(), backend, options) : null;
            int d = train.x().cols();
            for (Split s : new Split[] {val, test}) {
                if (s != null && s.x().cols() != d) {
                    throw new DatasetFormatException(file.toString(),
                            "X_train has " + d + " columns but another X array has "
                                    + s.x().cols());
                }
            }
            List<String> classes = new ArrayList<>();
            for (int k = 0; k < numClasses; k++) {
                classes.add(Integer.toString(k));
            }
            String description = "npz " + file + ": " + train.size() + " train / " + val.size() + " val / "
                    + (test == null ? "no" : Integer.toString(test.size())) + " test, " + d
                    + " values per row, as stored, " + options.dtype();
            return new DataSplits(train, val, test, classes, null, null, description);
        }
    }

    private static int[] labels(NpzReader npz, Path file, String name) throws IOException {
        NpyArray a = npz.read(name);
        String where = file + " (array " + name + ")";
        if (a.shape().length != 1) {
            throw new DatasetFormatException(where,
                    "labels must be a 1-D array, but it has shape " + a.header().shapeString());
        }
        if (!a.header().dtype().isInteger()) {
            throw new DatasetFormatException(where, "labels must be integers, but its dtype is " + a.header().dtype());
        }
        int[] y = new int[a.size()];
        for (int i = 0; i < y.length; i++) {
            long v = a.getLong(i);
            if (v < 0 || v >= MAX_CLASSES) {
                throw new DatasetFormatException(where,
                        "label " + i + " is " + v + ", not a class index 0.." + (MAX_CLASSES - 1));
            }
            y[i] = (int) v;
        }
        return y;
    }

    /** Checks that {@code X_part} has a row for each label and is not empty (from its header alone). */
    private static void checkRows(NpzReader npz, Path file, String part, int[] y) throws IOException {
        String name = "X_" + part;
        long[] shape = npz.header(name).shape();
        String where = file + " (array " + name + ")";
        if (shape.length < 1 || shape[0] != y.length) {
            throw new DatasetFormatException(where, "it has " + (shape.length < 1 ? "no" : shape[0])
                    + " rows but y_" + part + " has " + y.length + " labels");
        }
        if (shape[0] == 0) {
            throw new DatasetFormatException(where, "it has no rows, but the " + SPLIT_NAMES.get(part)
                    + " split needs at least one example");
        }
    }

    /** {@code X_part} and its labels, the first {@code keep} rows only if {@code keep >= 0}. */
    private static Split split(NpzReader npz, String part, int[] y, int keep, Backend backend, LoadOptions options)
            throws IOException {
        String name = "X_" + part;
        if (keep > y.length) {
            throw new IllegalArgumentException(
                    "asked for " + keep + " rows of " + name + " but it has only " + y.length + ".");
        }
        Matrix x = npz.readMatrix(name, keep, backend, options.dtype());
        return new Split(x, keep < 0 ? y : Arrays.copyOf(y, keep));
    }
}
