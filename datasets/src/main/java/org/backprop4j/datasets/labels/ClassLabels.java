package org.backprop4j.datasets.labels;

import java.util.Arrays;

import org.backprop4j.datasets.io.DatasetFormatException;

/**
 * The one rule for class labels, applied by every loader: a label is a class index {@code 0 .. C-1}.
 * <ul>
 *   <li>Where the format fixes the classes (MNIST, Fashion-MNIST, CIFAR-10: {@code C = 10}), a label
 *       outside {@code 0 .. C-1} is refused ({@link #firstOutside}); a training split that lacks a class is
 *       allowed, since the classes do not depend on it (cs231n's {@code small_data}).</li>
 *   <li>Where the classes are inferred from the labels ({@code npz}), {@code C} is the largest label of any
 *       split plus one, and every class {@code 0 .. C-1} must have at least one example in {@code y_train}
 *       ({@link #inferNumClasses}): a stray label (one {@code 99999} among digits would make a
 *       100,000-class model), a gap in the classes, or a class that occurs only in {@code y_val} or
 *       {@code y_test} is refused with the array, the label's index and its value.</li>
 * </ul>
 */
public final class ClassLabels {

    /** The rule, as the end of a message. */
    private static final String RULE = "labels must be class indices 0..C-1 with training examples of every class";

    private ClassLabels() {
    }

    /** The index of the first label outside {@code 0 .. numClasses-1}, or -1 if all are class indices. */
    public static int firstOutside(int[] labels, int numClasses) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The number of classes of labels stored without class names, as an NPZ file's {@code y_train, y_val,
     * y_test}: the largest label plus one, after checking that every class has a training example.
     *
     * @param source the file, for messages (the array's name is added)
     * @param yTrain the stored training labels, all of them (not only the rows kept by {@code --num-train}),
     *     non-negative, at least one
     * @param yVal the stored validation labels, non-negative
     * @param yTest the stored test labels, non-negative, or null if there is no test split
     * @throws DatasetFormatException naming the array, the index and the value of the first offending label
     */
    public static int inferNumClasses(String source, int[] yTrain, int[] yVal, int[] yTest)
            throws DatasetFormatException {
        int[] classes = Arrays.stream(yTrain).sorted().distinct().toArray();
        int max = classes[classes.length - 1];
        if (classes.length != max + 1) {
            int at = indexOf(yTrain, max);
            throw new DatasetFormatException(source + " (array y_train)", "label " + at + " is " + max
                    + ", but y_train has no example of " + missing(classes) + "; " + RULE);
        }
        String[] names = {"y_val", "y_test"};
        int[][] heldOut = {yVal, yTest};
        for (int s = 0; s < heldOut.length; s++) {
            if (heldOut[s] != null) {
                int at = firstOutside(heldOut[s], max + 1);
                if (at >= 0) {
                    throw new DatasetFormatException(source + " (array " + names[s] + ")", "label " + at + " is "
                            + heldOut[s][at] + ", a class with no example in y_train (which holds the classes 0.."
                            + max + "); " + RULE);
                }
            }
        }
        return max + 1;
    }

    private static int indexOf(int[] labels, int value) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException(value + " is not among the labels");
    }

    /** The classes below the largest one missing from the sorted distinct {@code classes}, e.g. "the classes 4..99998". */
    private static String missing(int[] classes) {
        StringBuilder ranges = new StringBuilder();
        int count = 0;
        int shown = 0;
        int expected = 0;
        for (int c : classes) {
            if (c > expected) {
                count += c - expected;
                if (shown < 3) {
                    ranges.append(shown > 0 ? ", " : "")
                            .append(c - 1 == expected ? expected + "" : expected + ".." + (c - 1));
                } else if (shown == 3) {
                    ranges.append(", …");
                }
                shown++;
            }
            expected = c + 1;
        }
        return (count == 1 ? "the class " : "the classes ") + ranges;
    }
}
