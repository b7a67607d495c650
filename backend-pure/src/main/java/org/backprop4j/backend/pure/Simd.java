package org.backprop4j.backend.pure;

import org.backprop4j.backend.array.PureProduct;

import java.util.Locale;

import org.backprop4j.backend.array.ElementLoops;
import org.backprop4j.backend.array.ScalarLoops;

/**
 * Whether {@code pure} runs its SIMD kernels (the Vector API, {@code jdk.incubator.vector}) or its scalar
 * loops, and the factory of both.
 *
 * <p>The Vector API is an incubator module, so the JVM resolves it only when asked:
 * {@code java --add-modules jdk.incubator.vector} (the {@code backprop4j} launcher and the build pass it).
 * Without it — a library user who did not pass the flag — {@code pure} runs the scalar {@link BlockedGemm}
 * and {@link ScalarLoops}: the same results within the tested bounds, several times slower. The system
 * property {@value #PROPERTY}{@code =false} forces the scalar loops even when the module is there.
 * Detection looks the module up in the boot layer and touches no class of the incubator API; the SIMD
 * classes ({@code org.backprop4j.backend.pure.simd}) are loaded by name only when the module was found.
 *
 * <p><b>Compilation.</b> A Vector-API loop is fast only once the JIT's optimizing compiler has compiled it
 * (after some tens of thousands of iterations); until then every vector operation runs a slow fallback.
 * The kernels are compiled on first use: the first large products of a run pay about a second for it.
 * Products and passes of toy size (below {@code VectorGemm.DEFAULT_SIMD_FROM} multiply-adds,
 * {@code VectorLoops.DEFAULT_SIMD_FROM} elements) run the scalar loops, so the notebooks' checks never meet
 * the fallback. A warm-up thread started with the backend was measured and dropped: on two cores it only
 * competed with the program for the CPU ({@code check} 0.35 s and {@code backends} 1 s slower, {@code train}
 * no faster).
 */
public final class Simd {

    /** System property: {@code false} forces the scalar kernels; {@code true} (the default) uses SIMD when it can. */
    public static final String PROPERTY = "backprop4j.pure.simd";
    /** The module that holds the Vector API. */
    public static final String MODULE = "jdk.incubator.vector";
    /** What {@code pure} prints when it runs scalar because the module is absent. */
    public static final String HOW_TO_ENABLE = "run java with --add-modules " + MODULE + " for SIMD";

    private static final String PARTS_CLASS = "org.backprop4j.backend.pure.simd.VectorParts";

    /** Why {@code pure} runs the kernels it runs. */
    public enum Status {
        /** The Vector API is resolved and its kernels loaded. */
        ON,
        /** {@value #PROPERTY}{@code =false}. */
        OFF_BY_PROPERTY,
        /** The JVM was started without {@code --add-modules jdk.incubator.vector}. */
        MODULE_ABSENT,
        /** The module is there but the SIMD kernels failed to load (the reason is in {@link Simd#describe()}). */
        FAILED
    }

    static final class State {
        static final State INSTANCE = detect(System.getProperty(PROPERTY),
                ModuleLayer.boot().findModule(MODULE).isPresent());

        final Status status;
        final SimdParts parts;
        final String failure;
        final IllegalArgumentException badProperty;

        State(Status status, SimdParts parts, String failure, IllegalArgumentException badProperty) {
            this.status = status;
            this.parts = parts;
            this.failure = failure;
            this.badProperty = badProperty;
        }

        /** The parts, after rejecting a malformed property (so that the backend does not start with it). */
        SimdParts parts() {
            if (badProperty != null) {
                throw new IllegalArgumentException(badProperty.getMessage(), badProperty);
            }
            return parts;
        }
    }

    private Simd() {
    }

    /**
     * The status for a value of {@value #PROPERTY} and the presence of the module; loads the SIMD classes only
     * when both allow it. A property that is neither {@code true} nor {@code false} counts as {@code false}
     * and is rejected when the backend starts.
     */
    static State detect(String property, boolean modulePresent) {
        boolean wanted;
        try {
            wanted = wanted(property);
        } catch (IllegalArgumentException e) {
            return new State(Status.OFF_BY_PROPERTY, null, null, e);
        }
        if (!wanted) {
            return new State(Status.OFF_BY_PROPERTY, null, null, null);
        }
        if (!modulePresent) {
            return new State(Status.MODULE_ABSENT, null, null, null);
        }
        try {
            SimdParts parts = (SimdParts) Class.forName(PARTS_CLASS).getDeclaredConstructor().newInstance();
            return new State(Status.ON, parts, null, null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new State(Status.FAILED, null, cause.toString(), null);
        }
    }

    /** True unless the property says {@code false}. */
    static boolean wanted(String property) {
        if (property == null || property.isBlank()) {
            return true;
        }
        return switch (property.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException("system property " + PROPERTY + " must be true or false, got '"
                        + property + "'.");
        };
    }

    /** Why {@code pure} runs the kernels it runs. */
    public static Status status() {
        return State.INSTANCE.status;
    }

    /** True if {@code pure} runs its SIMD kernels. */
    public static boolean enabled() {
        return status() == Status.ON;
    }

    /**
     * Which kernels {@code pure} runs, in words for {@code backprop4j backends}: {@code SIMD (Vector API,
     * 512-bit)}, or {@code scalar} with the reason and how to enable SIMD.
     */
    public static String describe() {
        State s = State.INSTANCE;
        return switch (s.status) {
            case ON -> "SIMD (Vector API, " + s.parts.vectorBits() + "-bit)";
            case OFF_BY_PROPERTY -> "scalar (-D" + PROPERTY + "=false)";
            case MODULE_ABSENT -> "scalar; " + HOW_TO_ENABLE;
            case FAILED -> "scalar; the SIMD kernels failed to load: " + s.failure;
        };
    }

    /**
     * The product {@code pure} runs: vectorised when {@link #enabled()}, else {@link BlockedGemm}.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} is neither {@code true} nor {@code false}
     */
    public static PureProduct product(int threads, long parallelThreshold) {
        return product(threads, parallelThreshold, -1);
    }

    /**
     * {@link #product(int, long)} whose vector kernels run from {@code simdFrom} multiply-adds on (0: for every
     * size, as the tests run them; negative: the default); the scalar product when SIMD is off.
     */
    public static PureProduct product(int threads, long parallelThreshold, long simdFrom) {
        SimdParts parts = State.INSTANCE.parts();
        return parts != null
                ? parts.product(threads, parallelThreshold, simdFrom)
                : new BlockedGemm(threads, parallelThreshold);
    }

    /**
     * The product with the default threads ({@value BlockedGemm#THREADS_PROPERTY} or the cores) and the
     * default threshold of its kind.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} is neither {@code true} nor {@code false}
     */
    public static PureProduct product() {
        SimdParts parts = State.INSTANCE.parts();
        return parts != null
                ? parts.product(BlockedGemm.defaultThreads(), parts.defaultParallelThreshold(), -1)
                : new BlockedGemm();
    }

    /**
     * The element-wise loops {@code pure} runs: vectorised when {@link #enabled()}, else {@link ScalarLoops}.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} is neither {@code true} nor {@code false}
     */
    public static ElementLoops loops() {
        return loops(-1);
    }

    /** {@link #loops()} that run in vector lanes from {@code simdFrom} elements on (0: always; negative: the default). */
    public static ElementLoops loops(int simdFrom) {
        SimdParts parts = State.INSTANCE.parts();
        return parts != null ? parts.loops(simdFrom) : ScalarLoops.INSTANCE;
    }
}
