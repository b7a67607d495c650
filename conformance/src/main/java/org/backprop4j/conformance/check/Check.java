package org.backprop4j.conformance.check;

import java.util.ArrayList;
import java.util.List;

/**
 * One check of the kit: a name that says what it holds a backend to (the notebook function or {@code Matrix}
 * operation, the shape and the dtype) and the body that throws an {@link AssertionError} when the backend misses.
 *
 * @param name what is checked, e.g. {@code affine N=33 D=65 M=17 float64 vs reference}
 * @param body the check itself
 */
public record Check(String name, Body body) {

    /** The body of a check: returns normally when the backend passes. */
    @FunctionalInterface
    public interface Body {
        /** Runs the check. */
        void run() throws Exception;
    }

    /** Runs the body; an {@link AssertionError}'s message is prefixed with this check's name. */
    public void run() throws Exception {
        try {
            body.run();
        } catch (AssertionError e) {
            AssertionError named = new AssertionError(name + ": " + e.getMessage(), e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /** Runs this check, collecting its measurements; any throwable (an assertion, the backend's exception) fails it. */
    public CheckResult execute(String group) {
        List<Throwable> failure = new ArrayList<>(1);
        long start = System.nanoTime();
        List<Measurement> measured = Measurements.collect(this, failure);
        long nanos = System.nanoTime() - start;
        String message = null;
        if (!failure.isEmpty()) {
            Throwable t = failure.get(0);
            message = t instanceof AssertionError
                    ? t.getMessage()
                    : name + ": " + t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return new CheckResult(group, name, failure.isEmpty(), List.copyOf(measured), message, nanos);
    }
}
