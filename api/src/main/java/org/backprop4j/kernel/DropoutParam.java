package org.backprop4j.kernel;

/**
 * The Python {@code dropout_param}: keep probability {@code p} (the nndl convention: each unit is
 * kept with probability {@code p} and scaled by {@code 1 / p}, "inverted dropout"), the mode, and an
 * optional seed that reseeds the generator before each mask so gradient checks are deterministic.
 */
public final class DropoutParam {
    private final double p;
    private final Long seed;
    private Mode mode = Mode.TRAIN;

    /**
     * @param p    keep probability, in (0, 1]
     * @param seed reseeds the generator before every mask when not {@code null}
     */
    public DropoutParam(double p, Long seed) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout keep probability p must lie in (0, 1], got " + p + ".");
        }
        this.p = p;
        this.seed = seed;
    }

    /** Keep probability. */
    public double p() {
        return p;
    }

    /** The seed, or {@code null}. */
    public Long seed() {
        return seed;
    }

    /** Train or test. */
    public Mode mode() {
        return mode;
    }

    /** Switches between training (random masks) and test (identity). */
    public void setMode(Mode mode) {
        this.mode = mode;
    }
}
