package org.backprop4j.datasets.image;

import java.util.Objects;

/**
 * A data set as its files hold it: the training images (from which a validation split is still to be
 * taken) and the test images.
 *
 * @param train all training images
 * @param test all test images
 */
public record TrainTestImages(ImageSet train, ImageSet test) {

    /** @throws IllegalArgumentException if the two sets differ in image geometry */
    public TrainTestImages {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.geometry().equals(test.geometry())) {
            throw new IllegalArgumentException("training images are " + train.geometry() + " but test images are "
                    + test.geometry() + ".");
        }
    }
}
