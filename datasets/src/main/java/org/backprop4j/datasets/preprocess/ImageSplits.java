package org.backprop4j.datasets.preprocess;

import java.util.Objects;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.TrainTestImages;

/**
 * Train, validation and test images, still as bytes (slices share the loaded data).
 *
 * @param train training images
 * @param val validation images
 * @param test test images
 */
public record ImageSplits(ImageSet train, ImageSet val, ImageSet test) {

    /** @throws NullPointerException if a split is missing */
    public ImageSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(val, "val");
        Objects.requireNonNull(test, "test");
    }

    /**
     * The notebooks' split: the last {@code numVal} training images become the validation set (cs231n:
     * {@code X_train[49000:50000]}; nndl MNIST: the last 10,000 of 60,000), the rest stay training
     * images, and the test set is the first {@code numTest} test images (all of them if negative).
     *
     * @throws IllegalArgumentException if there are not more than {@code numVal} training images or
     *     fewer than {@code numTest} test images
     */
    public static ImageSplits holdOutLast(TrainTestImages data, int numVal, int numTest) {
        int n = data.train().size();
        if (numVal < 0 || numVal >= n) {
            throw new IllegalArgumentException("cannot hold out " + numVal + " of " + n
                    + " training images for validation and keep any for training.");
        }
        int t = numTest < 0 ? data.test().size() : numTest;
        if (t > data.test().size()) {
            throw new IllegalArgumentException(
                    "asked for " + t + " test images but there are only " + data.test().size() + ".");
        }
        return new ImageSplits(data.train().slice(0, n - numVal), data.train().slice(n - numVal, n),
                data.test().slice(0, t));
    }

    /**
     * The first {@code numTrain}, {@code numVal} and {@code numTest} images of each split (a negative
     * count keeps the whole split), as cs231n's {@code small_data = {'X_train': X_train[:num_train], ...}}.
     *
     * @throws IllegalArgumentException if a count is larger than its split
     */
    public ImageSplits first(int numTrain, int numVal, int numTest) {
        return new ImageSplits(head(train, numTrain, "training"), head(val, numVal, "validation"),
                head(test, numTest, "test"));
    }

    private static ImageSet head(ImageSet set, int count, String what) {
        if (count < 0) {
            return set;
        }
        if (count > set.size()) {
            throw new IllegalArgumentException("asked for " + count + " " + what + " images but the split has only "
                    + set.size() + ".");
        }
        return set.slice(0, count);
    }
}
