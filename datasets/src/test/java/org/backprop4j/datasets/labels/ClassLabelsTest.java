package org.backprop4j.datasets.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.backprop4j.datasets.io.DatasetFormatException;
import org.junit.jupiter.api.Test;

/** The label rule on hand-made label arrays: the class count, and the message for each way to break it. */
class ClassLabelsTest {

    private static String refused(int[] yTrain, int[] yVal, int[] yTest) {
        return assertThrows(DatasetFormatException.class,
                () -> ClassLabels.inferNumClasses("f.npz", yTrain, yVal, yTest))
                .getMessage();
    }

    @Test
    void theClassCountIsTheLargestLabelPlusOne() throws DatasetFormatException {
        assertEquals(3, ClassLabels.inferNumClasses("f.npz", new int[] {2, 0, 1, 1}, new int[] {2}, new int[] {0, 0}));
        assertEquals(1, ClassLabels.inferNumClasses("f.npz", new int[] {0}, new int[] {0}, null));
        assertEquals(2, ClassLabels.inferNumClasses("f.npz", new int[] {1, 0}, new int[] {}, null),
                "the held-out splits need not hold every class");
    }

    @Test
    void aStrayTrainingLabelIsNamedWithTheClassesItWouldLeaveEmpty() {
        int[] digits = new int[30];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = i % 10;
        }
        digits[17] = 99999;
        digits[7] = 7; // class 7 still has examples 7 and 27
        assertEquals("Cannot read f.npz (array y_train): label 17 is 99999, but y_train has no example of the classes"
                + " 10..99998; labels must be class indices 0..C-1 with training examples of every class.",
                refused(digits, new int[] {1}, null));
    }

    @Test
    void gapsAreListedAsRangesAndShortenedAfterThree() {
        assertEquals("Cannot read f.npz (array y_train): label 0 is 4, but y_train has no example of the class 1;"
                + " labels must be class indices 0..C-1 with training examples of every class.",
                refused(new int[] {4, 0, 2, 3}, new int[] {0}, null));
        String m = refused(new int[] {0, 2, 5, 7, 9, 20}, new int[] {0}, null);
        assertEquals("Cannot read f.npz (array y_train): label 5 is 20, but y_train has no example of the classes"
                + " 1, 3..4, 6, …; labels must be class indices 0..C-1 with training examples of every class.", m);
        refused(new int[] {1, 2}, new int[] {1}, null); // class 0 is missing too
    }

    @Test
    void aClassOnlyInValOrTestIsNamedWithItsArray() {
        int[] train = {0, 1, 2, 1};
        assertEquals(
                "Cannot read f.npz (array y_val): label 2 is 3, a class with no example in y_train (which holds the"
                        + " classes 0..2); labels must be class indices 0..C-1 with training examples of every class.",
                refused(train, new int[] {0, 2, 3, 3}, new int[] {0}));
        assertEquals("Cannot read f.npz (array y_test): label 1 is 12, a class with no example in y_train (which holds"
                + " the classes 0..2); labels must be class indices 0..C-1 with training examples of every class.",
                refused(train, new int[] {0}, new int[] {1, 12}));
    }

    @Test
    void firstOutsideFindsTheFirstLabelThatIsNoClassIndex() {
        assertEquals(-1, ClassLabels.firstOutside(new int[] {0, 9, 3}, 10));
        assertEquals(1, ClassLabels.firstOutside(new int[] {0, 10, -1}, 10));
        assertEquals(2, ClassLabels.firstOutside(new int[] {0, 9, -1}, 10));
        assertEquals(-1, ClassLabels.firstOutside(new int[0], 0));
    }
}
