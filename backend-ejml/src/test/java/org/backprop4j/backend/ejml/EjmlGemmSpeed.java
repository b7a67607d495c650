package org.backprop4j.backend.ejml;

import java.util.Locale;
import java.util.Random;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Timing of the ejml backend's products (not a unit test): the two-layer net's three products on
 * CIFAR-10 sized data, {@code X(200x3072)·W1(3072x100)}, {@code Xᵀ·dH} and {@code dH·W1ᵀ}, in float64
 * and float32, on EJML's single-threaded and concurrent kernels; then a sweep over sizes that shows
 * where the concurrent kernels start to pay, which is how {@link EjmlBackend#DEFAULT_CONCURRENT_THRESHOLD}
 * was chosen.
 *
 * <pre>
 * mvn -q -o -pl backend-ejml test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp backend-ejml/target/classes:backend-ejml/target/test-classes:$(cat /tmp/cp.txt) \
 *   org.backprop4j.backend.ejml.EjmlGemmSpeed [seconds-per-case] [sweep]
 * </pre>
 */
public final class EjmlGemmSpeed {

    private EjmlGemmSpeed() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        boolean sweep = args.length > 1 && args[1].equals("sweep");
        EjmlBackend single = new EjmlBackend(-1);
        EjmlBackend concurrent = new EjmlBackend(0);
        System.out.printf(Locale.ROOT, "JDK %s, %d processors%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (!sweep) {
            System.out.printf(Locale.ROOT, "%-8s %-26s %12s %12s%n", "dtype", "product", "1 thread", "concurrent");
            for (DType dtype : DType.values()) {
                for (String name : new String[] {"X·W1", "Xᵀ·dH", "dH·W1ᵀ"}) {
                    double st = gflops(single, dtype, name, seconds);
                    double mt = gflops(concurrent, dtype, name, seconds);
                    System.out.printf(Locale.ROOT, "%-8s %-26s %9.2f GF %9.2f GF%n", dtype, describe(name), st, mt);
                }
            }
            return;
        }
        System.out.printf(Locale.ROOT, "%-8s %-16s %12s %10s %10s %6s%n", "dtype", "m x k x n", "m·n·k", "1 thread",
                "concurrent", "ratio");
        int[][] shapes = {
            {8, 8, 8}, {16, 16, 16}, {32, 32, 32}, {48, 48, 48}, {64, 64, 64}, {80, 80, 80}, {96, 96, 96},
            {128, 128, 128}, {192, 192, 192}, {256, 256, 256}, {10, 3072, 10}, {20, 3072, 10},
            {50, 100, 10}, {100, 100, 10}, {200, 100, 10}, {50, 3072, 100}, {4, 50, 100}, {16, 64, 100},
        };
        for (DType dtype : DType.values()) {
            for (int[] s : shapes) {
                Matrix a = random(single, s[0], s[1], dtype, 1);
                Matrix b = random(single, s[1], s[2], dtype, 2);
                Matrix c = single.zeros(s[0], s[2], dtype);
                double st = timePerCall(() -> c.gemm(1, a, false, b, false, 0), seconds);
                Matrix a3 = concurrent.fromArray(s[0], s[1], a.toArray(), dtype);
                Matrix b3 = concurrent.fromArray(s[1], s[2], b.toArray(), dtype);
                Matrix c3 = concurrent.zeros(s[0], s[2], dtype);
                double mt = timePerCall(() -> c3.gemm(1, a3, false, b3, false, 0), seconds);
                System.out.printf(Locale.ROOT, "%-8s %-16s %12d %8.1f us %8.1f us %6.2f%n", dtype,
                        s[0] + "x" + s[1] + "x" + s[2], (long) s[0] * s[1] * s[2], st * 1e6, mt * 1e6, st / mt);
            }
        }
    }

    private static String describe(String name) {
        switch (name) {
            case "X·W1": return "X·W1   (200x3072·3072x100)";
            case "Xᵀ·dH": return "Xᵀ·dH  (3072x200·200x100)";
            default: return "dH·W1ᵀ (200x100·100x3072)";
        }
    }

    /** GFLOP/s of one of the three products ({@code 2·m·n·k} flops per call). */
    private static double gflops(EjmlBackend backend, DType dtype, String name, double seconds) {
        Matrix x = random(backend, 200, 3072, dtype, 1);
        Matrix w1 = random(backend, 3072, 100, dtype, 2);
        Matrix dh = random(backend, 200, 100, dtype, 3);
        Runnable call;
        switch (name) {
            case "X·W1": {
                Matrix out = backend.zeros(200, 100, dtype);
                call = () -> out.gemm(1, x, false, w1, false, 0);
                break;
            }
            case "Xᵀ·dH": {
                Matrix out = backend.zeros(3072, 100, dtype);
                call = () -> out.gemm(1, x, true, dh, false, 0);
                break;
            }
            default: {
                Matrix out = backend.zeros(200, 3072, dtype);
                call = () -> out.gemm(1, dh, false, w1, true, 0);
            }
        }
        return 2.0 * 200 * 3072 * 100 / timePerCall(call, seconds) / 1e9;
    }

    /** Seconds per call: the best of five rounds after a warm-up. */
    private static double timePerCall(Runnable call, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 0.3e9);
        int calls = 0;
        while (System.nanoTime() < deadline) {
            call.run();
            calls++;
        }
        int perRound = Math.max(1, (int) (calls * (seconds * 0.14) / (seconds * 0.3)));
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                call.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / perRound);
        }
        return best;
    }

    private static Matrix random(EjmlBackend backend, int rows, int cols, DType dtype, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return backend.fromArray(rows, cols, v, dtype);
    }
}
