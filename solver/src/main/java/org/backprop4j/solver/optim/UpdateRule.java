package org.backprop4j.solver.optim;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.backprop4j.matrix.Matrix;

/**
 * An update rule of cs231n's {@code optim.py}: {@code next_w, config = rule(w, dw, config)}, here
 * updating {@code w} in place. Written once with {@link Matrix} operations, so every backend runs the
 * same arithmetic in the same order as the Python code.
 */
public interface UpdateRule {

    /** The rule's name as cs231n spells it, e.g. {@code sgd_momentum}. */
    String name();

    /** The hyper-parameters the rule reads, with their defaults filled in on first use. */
    Set<String> hyperParameters();

    /** Updates {@code w} in place from its gradient {@code dw}, reading and updating {@code config}. */
    void update(Matrix w, Matrix dw, OptimConfig config);

    /** The rules by name: sgd, sgd_momentum, rmsprop, adam. */
    static UpdateRule byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (UpdateRule r : all()) {
            if (r.name().equals(n)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown update rule '" + name + "': expected one of sgd, sgd_momentum, "
                + "rmsprop, adam.");
    }

    /** Every rule. */
    static List<UpdateRule> all() {
        return List.of(new Sgd(), new SgdMomentum(), new RmsProp(), new Adam());
    }
}
