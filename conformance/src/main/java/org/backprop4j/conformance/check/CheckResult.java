package org.backprop4j.conformance.check;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one {@link Check}.
 *
 * @param group        the check's group
 * @param name         the check's name
 * @param passed       whether the backend passed
 * @param measurements every comparison the check made, in order
 * @param failure      the failure's message (naming the operation, shape and dtype), or {@code null}
 * @param nanos        how long the check took
 */
public record CheckResult(String group, String name, boolean passed, List<Measurement> measurements, String failure,
        long nanos) {

    /** The comparison that came nearest to its bound (the one a notebook would print), if the check made any. */
    public Optional<Measurement> worst() {
        return measurements.stream().max(Comparator.comparingDouble(Measurement::ratio));
    }
}
