package org.backprop4j.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * The backends found on the class path, each started lazily on first use.
 *
 * <p>Choice order, as in {@link #choose}: an explicit name; else the system property
 * {@value #PROPERTY}; else the environment variable {@value #ENVIRONMENT}; else the available backend
 * of highest priority. Starting a backend catches every {@link Throwable} and records it as the reason
 * the backend is unavailable, so a broken native library never escapes as an
 * {@link ExceptionInInitializerError}. Thread-safe.
 */
public final class BackendRegistry {

    /** The system property that names the backend. */
    public static final String PROPERTY = "backprop4j.backend";
    /** The environment variable that names the backend. */
    public static final String ENVIRONMENT = "BACKPROP4J_BACKEND";

    private final Map<String, Entry> entries;
    private final List<String> loadProblems;

    /** A registry over the given providers (the first of two providers with the same name wins). */
    public BackendRegistry(Iterable<? extends BackendProvider> providers) {
        this(providers, List.of());
    }

    private BackendRegistry(Iterable<? extends BackendProvider> providers, List<String> loadProblems) {
        List<BackendProvider> sorted = new ArrayList<>();
        providers.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        Map<String, Entry> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(loadProblems);
        for (BackendProvider p : sorted) {
            String key = p.name().toLowerCase(Locale.ROOT);
            if (map.containsKey(key)) {
                problems.add("two providers are named '" + key + "' (" + map.get(key).provider.getClass().getName()
                        + " and " + p.getClass().getName() + "); the first is used.");
            } else {
                map.put(key, new Entry(p));
            }
        }
        this.entries = Collections.unmodifiableMap(map);
        this.loadProblems = List.copyOf(problems);
    }

    /** The providers listed in {@code META-INF/services} visible to {@code loader}. */
    public static BackendRegistry load(ClassLoader loader) {
        List<BackendProvider> providers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add("a backend provider could not be loaded: " + describe(e));
            }
        }
        return new BackendRegistry(providers, problems);
    }

    /** Names of all discovered backends, highest priority first, available or not. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Problems met while loading providers (a provider class that failed to load, duplicate names). */
    public List<String> loadProblems() {
        return loadProblems;
    }

    /** Every discovered backend with its availability, highest priority first; starts each one to find out. */
    public List<BackendInfo> list() {
        return entries.values().stream().map(Entry::info).collect(Collectors.toList());
    }

    /** The available backends, highest priority first. */
    public List<Backend> available() {
        List<Backend> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.probe() != null) {
                out.add(e.backend);
            }
        }
        return out;
    }

    /**
     * The backend called {@code name} (case-insensitive).
     *
     * @throws UnknownBackendException     if there is none, naming the available ones
     * @throws BackendUnavailableException if it exists but cannot start, with the reason
     */
    public Backend get(String name) {
        Entry e = entries.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new UnknownBackendException("Unknown backend '" + name + "': " + availableSentence());
        }
        if (e.probe() == null) {
            throw new BackendUnavailableException("Backend '" + e.provider.name() + "' is unavailable ("
                    + e.reason + "): " + availableSentence());
        }
        return e.backend;
    }

    /** The backend chosen by {@link #choose} from the JVM's system properties and environment. */
    public Backend select(String explicitName) {
        return get(choose(explicitName, System::getProperty, System::getenv).name());
    }

    /** The backend chosen by {@link #choose} with the given property and environment look-ups. */
    public Backend select(String explicitName, Function<String, String> properties,
            Function<String, String> environment) {
        return get(choose(explicitName, properties, environment).name());
    }

    /**
     * Which backend would be used, and why, without starting a named one.
     *
     * @param explicitName a name given in code or on the command line, or {@code null}
     * @throws UnknownBackendException if nothing is named and no backend is available
     */
    public Choice choose(String explicitName, Function<String, String> properties,
            Function<String, String> environment) {
        if (!blank(explicitName)) {
            return new Choice(explicitName.trim(), "named explicitly");
        }
        String property = properties.apply(PROPERTY);
        if (!blank(property)) {
            return new Choice(property.trim(), "system property " + PROPERTY);
        }
        String env = environment.apply(ENVIRONMENT);
        if (!blank(env)) {
            return new Choice(env.trim(), "environment variable " + ENVIRONMENT);
        }
        for (Entry e : entries.values()) {
            if (e.probe() != null) {
                return new Choice(e.provider.name(), "highest priority available");
            }
        }
        throw new UnknownBackendException("No backend is available: " + unavailableSentence());
    }

    /** A backend name and the rule that picked it. */
    public record Choice(String name, String source) {
    }

    private String availableSentence() {
        List<String> ok = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.probe() != null) {
                ok.add(e.provider.name());
            }
        }
        String s = ok.isEmpty() ? "no backend is available" : "available backends are " + String.join(", ", ok);
        String missing = unavailableSentence();
        return s + (missing.isEmpty() ? "." : "; " + missing);
    }

    private String unavailableSentence() {
        List<String> bad = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.probe() == null) {
                bad.add(e.provider.name() + " (" + e.reason + ")");
            }
        }
        if (entries.isEmpty()) {
            return "no backend provider is on the class path (add backprop4j-backend-pure, -ejml or -nd4j).";
        }
        return bad.isEmpty() ? "" : "unavailable: " + String.join(", ", bad) + ".";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A short, single-line account of a failure and its causes. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 4; depth++) {
            boolean wrapper = cur.getMessage() == null && cur.getCause() != null;
            if (!wrapper) {
                if (sb.length() > 0) {
                    sb.append(" caused by ");
                }
                String msg = cur.getMessage();
                sb.append(cur.getClass().getSimpleName());
                if (msg != null && !msg.isBlank()) {
                    sb.append(": ").append(msg.strip().replaceAll("\\s+", " "));
                }
            }
            if (cur.getCause() == cur) {
                break;
            }
            cur = cur.getCause();
        }
        return sb.toString();
    }

    private static final class Entry {
        final BackendProvider provider;
        volatile boolean probed;
        Backend backend;
        String reason;

        Entry(BackendProvider provider) {
            this.provider = provider;
        }

        /** Starts the backend once; returns it, or null if it cannot start. */
        Backend probe() {
            if (!probed) {
                synchronized (this) {
                    if (!probed) {
                        try {
                            Backend b = provider.create();
                            if (b == null) {
                                throw new IllegalStateException("the provider returned no backend");
                            }
                            smokeTest(b);
                            backend = b;
                        } catch (Throwable t) {
                            reason = describe(t);
                        }
                        probed = true;
                    }
                }
            }
            return backend;
        }

        BackendInfo info() {
            Backend b = probe();
            return new BackendInfo(provider.name(), provider.priority(), provider.description(), b != null,
                    reason, b == null ? Set.of() : b.dtypes());
        }

        /** A tiny product on every dtype, so a backend whose native code cannot run is caught here. */
        private static void smokeTest(Backend b) {
            for (DType dtype : b.dtypes()) {
                Matrix a = b.fromArray(2, 2, new double[] {1, 2, 3, 4}, dtype);
                double v = a.dot(a).get(1, 1);
                if (v != 22.0) {
                    throw new IllegalStateException("smoke test failed: [[1,2],[3,4]]^2 gave " + v
                            + " instead of 22 at (1, 1) in " + dtype);
                }
            }
        }
    }
}
