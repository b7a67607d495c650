package org.backprop4j.backend.nd4j;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads of the nd4j backend, set once when it starts.
 *
 * <p>ND4J by default gives OpenBLAS (products, {@code axpy}, dot products) and libnd4j's OpenMP team
 * (element-wise ops, broadcasts, reductions) one thread per physical core each. Both kinds of worker
 * spin after their work instead of sleeping (OpenBLAS yields in a loop for about 2^28 cycles, libgomp
 * spins on its barrier), and a training step calls them every few hundred microseconds, so on 2 cores
 * four threads took turns on two cores and an iteration of the two-layer net took 5 to 24 times the time
 * of its own five products (interleaved runs on the shared 2-core machine; 1.1 to 1.8 times with this
 * configuration).
 *
 * <p>Here: OpenBLAS runs one thread, always; products large enough to share are split over
 * {@link #products()} threads by {@link ParallelGemm} (on api's shared {@code BandHelpers}); libnd4j's
 * OpenMP team (and its master threads) get {@link #openMp()} threads. Default: products on every
 * physical core, OpenMP one thread — the element-wise passes of a step touch 2 thousand to 600 thousand
 * elements, are bound by memory, and a second thread would only compete for the core.
 * {@value Nd4jBackend#THREADS_PROPERTY}{@code =N} limits every pool to N: products on N threads,
 * OpenMP N. (ND4J's {@code Environment.setMaxThreads} is not used: in 1.0.0-M2.1 it changes nothing.)
 *
 * @param products threads a large matrix product is split over
 * @param openMp   libnd4j's OpenMP threads (and master threads)
 */
record Nd4jThreads(int products, int openMp) {

    /** Checks the counts. */
    Nd4jThreads {
        if (products < 1 || openMp < 1) {
            throw new IllegalArgumentException("thread counts must be positive, got products " + products
                    + ", OpenMP " + openMp + ".");
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

    /** Sets OpenBLAS to one thread and libnd4j's OpenMP team to {@link #openMp()}; ND4J must have started. */
    void apply() {
        Nd4j.factory().blas().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(openMp);
        Nd4j.getEnvironment().setMaxMasterThreads(openMp);
    }

    /** The configuration in force: the backend's product threads and libnd4j's OpenMP threads. */
    static Nd4jThreads current() {
        return new Nd4jThreads(Nd4jBackend.backend().products().threads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }

    /** OpenBLAS's thread count as last set through ND4J's BLAS wrapper. */
    static int openBlasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
