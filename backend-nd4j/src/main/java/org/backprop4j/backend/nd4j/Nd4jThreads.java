package org.backprop4j.backend.nd4j;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread counts of ND4J's two native pools, set once when the backend starts.
 *
 * <p>ND4J runs OpenBLAS's own threads (products, {@code axpy}, dot products) and libnd4j's OpenMP team
 * (element-wise ops, broadcasts, reductions), and by default gives each one thread per physical core.
 * Both kinds of worker spin after their work instead of sleeping (OpenBLAS yields in a loop for about
 * 2^28 cycles, libgomp spins on its barrier), so on 2 cores the two pools' four threads take turns on
 * two cores and an iteration of the two-layer net took 3 to 9 times the time of its own products.
 *
 * <p>The default here: OpenBLAS gets one thread per core, OpenMP one thread. The products are most of a
 * training step and scale with cores; the element-wise passes of a step touch 2 thousand to 600
 * thousand elements, are bound by memory, and gain nothing from a second thread that would only compete
 * with the spinning OpenBLAS worker. Measured on the 2-core machine (see the module README): iteration
 * time ÷ time of its own five products fell from 3.7–5.7 to at most 1.5.
 *
 * <p>{@value Nd4jBackend#THREADS_PROPERTY}{@code =N} limits every pool to N threads: OpenBLAS
 * ({@code openblas_set_num_threads}), libnd4j's OpenMP team ({@code omp_set_num_threads}) and libnd4j's
 * master threads. (ND4J's {@code Environment.setMaxThreads} is not used: in 1.0.0-M2.1 it changes nothing.)
 *
 * @param blas   OpenBLAS threads
 * @param openMp libnd4j's OpenMP threads (and master threads)
 */
record Nd4jThreads(int blas, int openMp) {

    /** Checks the counts. */
    Nd4jThreads {
        if (blas < 1 || openMp < 1) {
            throw new IllegalArgumentException("thread counts must be positive, got blas " + blas + ", OpenMP " + openMp + ".");
        }
    }

    /**
     * The configuration for the value of {@value Nd4jBackend#THREADS_PROPERTY} ({@code null} or blank:
     * the default for {@code cores} physical cores).
     *
     * @throws IllegalArgumentException naming the property if the value is not a positive integer
     */
    static Nd4jThreads resolve(String property, int cores) {
        if (property == null || property.isBlank()) {
            return new Nd4jThreads(Math.max(1, cores), 1);
        }
        int n;
        try {
            n = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw new IllegalArgumentException("System property " + Nd4jBackend.THREADS_PROPERTY + "='" + property
                    + "' is not a positive thread count.");
        }
        return new Nd4jThreads(n, n);
    }

    /**
     * Physical cores this process may use: JavaCPP's count of physical cores, but no more than the
     * processors the JVM may run on (a container's CPU limit), and at least 1.
     */
    static int physicalCores() {
        int available = Runtime.getRuntime().availableProcessors();
        int physical = Loader.totalCores();
        return Math.max(1, physical > 0 ? Math.min(physical, available) : available);
    }

    /** Sets both pools; ND4J must have started. */
    void apply() {
        Nd4j.factory().blas().setMaxThreads(blas);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(openMp);
        Nd4j.getEnvironment().setMaxMasterThreads(openMp);
    }

    /** The counts in force now, read back from OpenBLAS's wrapper and libnd4j. */
    static Nd4jThreads current() {
        return new Nd4jThreads(Nd4j.factory().blas().getMaxThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }
}
