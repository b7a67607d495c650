package org.backprop4j.cli.check.conformance;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;

/** A backend that cannot start; registered only through a services file the test writes for the classpath option. */
public final class FailingBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "failing";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String description() {
        return "a backend whose native library is missing";
    }

    @Override
    public Backend create() {
        throw new IllegalStateException("libfailing.so: cannot open shared object file");
    }
}
