package org.backprop4j.examples.toy;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/** Service provider of the deliberately broken {@code toy-broken} backend (this module's test jar only). */
public final class BrokenToyBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return BrokenToyBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String description() {
        return "the toy backend with an off-by-one in sum(axis=0), which the conformance kit must catch";
    }

    @Override
    public Backend create() {
        return new BrokenToyBackend();
    }
}
