package org.backprop4j.datasets.cifar;

import java.util.List;

/** The ten CIFAR-10 classes, in label order, as {@code batches.meta} names them. */
public final class CifarClasses {

    /** Number of classes. */
    public static final int COUNT = 10;

    /** Class names by label: airplane (0) ... truck (9). */
    public static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private CifarClasses() {
    }
}
