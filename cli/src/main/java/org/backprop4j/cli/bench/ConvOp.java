package org.backprop4j.cli.bench;

import java.util.List;

/**
 * The four layers {@code bench --conv} times, naive against fast, as the ConvolutionalNetworks notebook's timing
 * cells do, with the Python names of each side.
 */
enum ConvOp {
    CONV_FORWARD("conv_forward", "conv_forward_naive", "conv_forward_fast", "conv_forward_strides", List.of("out")),
    CONV_BACKWARD("conv_backward", "conv_backward_naive", "conv_backward_fast", "conv_backward_strides",
            List.of("dx", "dw", "db")),
    POOL_FORWARD("max_pool_forward", "max_pool_forward_naive", "max_pool_forward_fast", "max_pool_forward_reshape",
            List.of("out")),
    POOL_BACKWARD("max_pool_backward", "max_pool_backward_naive", "max_pool_backward_fast",
            "max_pool_backward_reshape", List.of("dx"));

    private final String task;
    private final String naive;
    private final String fast;
    private final String numpy;
    private final List<String> results;

    ConvOp(String task, String naive, String fast, String numpy, List<String> results) {
        this.task = task;
        this.naive = naive;
        this.fast = fast;
        this.numpy = numpy;
        this.results = results;
    }

    /** E.g. {@code conv_forward}: the layer, the worker's task and the report's key. */
    String task() {
        return task;
    }

    /** The naive side's Python name, e.g. {@code conv_forward_naive}. */
    String naive() {
        return naive;
    }

    /** The fast side's Python name, e.g. {@code conv_forward_fast}. */
    String fast() {
        return fast;
    }

    /** The NumPy side's {@code fast_layers.py} name, e.g. {@code conv_forward_strides}. */
    String numpy() {
        return numpy;
    }

    /** The outputs compared between naive and fast: {@code out}, or {@code dx, dw, db}. */
    List<String> results() {
        return results;
    }
}
