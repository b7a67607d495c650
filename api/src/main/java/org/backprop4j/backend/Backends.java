package org.backprop4j.backend;

import java.util.List;

/**
 * The process-wide {@link BackendRegistry} over the providers on the class path, and shortcuts to it.
 *
 * <pre>{@code
 * Backend b = Backends.select();          // property, environment, else highest priority
 * Backend ejml = Backends.get("ejml");    // explicit
 * }</pre>
 */
public final class Backends {

    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.load(Backends.class.getClassLoader());
    }

    /** The registry of the providers visible to this library's class loader. */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /** The backend named {@code name}; see {@link BackendRegistry#get}. */
    public static Backend get(String name) {
        return registry().get(name);
    }

    /** The backend chosen by the system property, the environment variable, else the highest priority. */
    public static Backend select() {
        return registry().select(null);
    }

    /** {@code explicitName} if not {@code null}, else as {@link #select()}. */
    public static Backend select(String explicitName) {
        return registry().select(explicitName);
    }

    /** Every discovered backend with its availability. */
    public static List<BackendInfo> list() {
        return registry().list();
    }
}
