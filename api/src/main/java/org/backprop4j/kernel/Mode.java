package org.backprop4j.kernel;

/** Whether a layer with train/test behaviour (batchnorm, dropout) runs in training or in test mode. */
public enum Mode {
    /** Training: batch statistics, random dropout masks. */
    TRAIN,
    /** Test: running statistics, no dropout. */
    TEST
}
