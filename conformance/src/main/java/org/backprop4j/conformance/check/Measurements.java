package org.backprop4j.conformance.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@link Measurement}s of the check running on the current thread, so that a runner can print
 * the error each check found ({@code affine_backward dx error: 1.09e-10}) and not only whether it passed.
 * Comparisons made on other threads (the concurrency checks') are not collected: those compare bit for bit.
 */
public final class Measurements {

    private static final ThreadLocal<List<Measurement>> CURRENT = new ThreadLocal<>();

    private Measurements() {
    }

    /** Records one comparison of the running check (ignored when no runner collects). */
    public static void record(String what, double error, double bound) {
        List<Measurement> list = CURRENT.get();
        if (list != null) {
            list.add(new Measurement(what, error, bound));
        }
    }

    /** Runs {@code check} collecting its measurements, which are returned (also when the check throws: see the cause). */
    static List<Measurement> collect(Check check, List<Throwable> failure) {
        List<Measurement> list = new ArrayList<>();
        List<Measurement> outer = CURRENT.get();
        CURRENT.set(list);
        try {
            check.run();
        } catch (Throwable t) {
            failure.add(t);
        } finally {
            CURRENT.set(outer);
        }
        return list;
    }
}
