package org.backprop4j.conformance;

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
}
