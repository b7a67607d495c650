package org.backprop4j.examples.toy;

import org.backprop4j.backend.Backend;
import org.backprop4j.conformance.BackendConformance;

/**
 * The kit on the broken toy backend. Not named {@code *Test}, so the build does not run it as a test (it fails, as
 * it should); {@link BrokenToyFailsTheKitTest} runs it through the JUnit Platform Launcher and checks how it fails.
 */
public class BrokenToyKit extends BackendConformance {

    @Override
    protected Backend backend() {
        return new BrokenToyBackend();
    }
}
