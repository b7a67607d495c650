package org.backprop4j.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.train.Format;
import org.backprop4j.random.NumpyRandom;

/**
 * The values of one hyper-parameter to search: a list ({@code 1e-3,1e-2}) for a grid, or a range
 * {@code LOW:HIGH} sampled log-uniformly in random search, as the notebooks'
 * {@code 10 ** np.random.uniform(-4, 0)}.
 *
 * @param name   the option, for messages
 * @param values the listed values (empty for a range)
 * @param low    the range's lower end
 * @param high   the range's upper end
 */
public record SearchSpace(String name, List<Double> values, double low, double high) {

    /** Parses {@code a,b,c} or {@code low:high}. */
    public static SearchSpace parse(String name, String text) {
        String t = text.trim();
        try {
            if (t.contains(":")) {
                String[] p = t.split(":", -1);
                double lo = Double.parseDouble(p[0].trim());
                double hi = Double.parseDouble(p[1].trim());
                if (p.length != 2 || !(lo > 0) || !(hi >= lo)) {
                    throw new UserError(name + " range '" + text + "' must be LOW:HIGH with 0 < LOW <= HIGH.");
                }
                return new SearchSpace(name, List.of(), lo, hi);
            }
            List<Double> v = new ArrayList<>();
            for (String s : t.split(",")) {
                v.add(Double.parseDouble(s.trim()));
            }
            return new SearchSpace(name, List.copyOf(v), Double.NaN, Double.NaN);
        } catch (NumberFormatException e) {
            throw new UserError(name + " '" + text + "' is not a list of numbers (a,b,c) or a range (LOW:HIGH).");
        }
    }

    /** Whether this is a range. */
    public boolean isRange() {
        return values.isEmpty();
    }

    /** One value for a random-search trial: log-uniform in the range, or uniform over the list. */
    public double sample(NumpyRandom rng) {
        if (isRange()) {
            return Math.pow(10, rng.uniform(Math.log10(low), Math.log10(high)));
        }
        return values.get((int) rng.randint(0, values.size()));
    }

    /** How a random search draws this option's values, e.g. {@code --lr log-uniform in [1e-4, 1e-1]}. */
    public String describeSampling() {
        if (isRange()) {
            return name + " log-uniform in [" + Format.number(low) + ", " + Format.number(high) + "]";
        }
        return name + " sampled from the list " + Format.value(values) + " (uniformly, with repeats)";
    }

    /** The grid values. */
    public List<Double> grid() {
        if (isRange()) {
            throw new UserError(name + " is a range (" + String.format(Locale.ROOT, "%g:%g", low, high)
                    + "); ranges need --random N.");
        }
        return values;
    }
}
