package org.backprop4j.datasets;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the committed fixtures (made by src/test/python/make_fixtures.py). */
public final class Fixtures {

    private Fixtures() {
    }

    /** {@code fixtures/<relative>} on the test class path. */
    public static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/org/backprop4j/datasets/fixtures/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + relative + "; run src/test/python/make_fixtures.py",
                    e);
        }
    }
}
