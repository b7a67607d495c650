package org.backprop4j.backend.pure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * A small timing harness for the matrix products (not a unit test, not JMH: the benchmarks module will do
 * this properly). Prints GFLOP/s for the products of one TwoLayerNet step on CIFAR-10 (N = 200, D = 3072,
 * H = 100, C = 10), for {@code naive}, {@code pure} on one thread and {@code pure} on all cores, in float64
 * and float32, then a sweep of small cubes that shows where splitting across threads starts to pay.
 *
 * <pre>
 * mvn -q -o -pl backend-pure test-compile
 * java -cp backend-pure/target/classes:backend-pure/target/test-classes:$HOME/.m2/repository/org/backprop4j/backprop4j-api/0.1.0-SNAPSHOT/backprop4j-api-0.1.0-SNAPSHOT.jar \
 *      org.backprop4j.backend.pure.GemmSpeed
 * </pre>
 */
public final class GemmSpeed {

    private GemmSpeed() {
    }

    /** One product: its name, {@code op(A)} as m x k, {@code op(B)} as k x n, and the transpose flags. */
    private record Shape(String name, int m, int k, int n, boolean transA, boolean transB) {
        long flops() {
            return 2L * m * k * n;
        }
    }

    private static final Shape[] STEP = {
        new Shape("X.W1      (200x3072 . 3072x100)", 200, 3072, 100, false, false),
        new Shape("X.T.dH    (3072x200 . 200x100) ", 3072, 200, 100, true, false),
        new Shape("dH.W1.T   (200x100 . 100x3072) ", 200, 100, 3072, false, true),
        new Shape("H.W2      (200x100 . 100x10)   ", 200, 100, 10, false, false),
        new Shape("H.T.dS    (100x200 . 200x10)   ", 100, 200, 10, true, false),
    };

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "JDK %s on %s, %d cores%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        System.out.println("GFLOP/s as best / median over 3 rounds (the best run shows what the code does when the");
        System.out.println("machine is quiet; the median how a shared machine treats it)");
        Backend naive = new NaiveBackend();
        Backend pure1 = new PureBackend(new BlockedGemm(1, Long.MAX_VALUE));
        PureBackend pureN = new PureBackend();
        for (DType dtype : DType.values()) {
            System.out.printf(Locale.ROOT, "%n%-34s %15s %15s %15s%n", dtype, "naive", "pure 1 thread",
                    "pure " + pureN.gemm().threads() + " threads");
            for (Shape s : STEP) {
                System.out.printf(Locale.ROOT, "%-34s %15s %15s %15s%n", s.name(), gflops(naive, s, dtype, 1.5),
                        gflops(pure1, s, dtype, 2.0), gflops(pureN, s, dtype, 2.0));
            }
        }
        System.out.println();
        System.out.println("Threshold sweep, float64 cubes n x n x n: 1 thread vs 2 threads from size 0");
        Backend forced = new PureBackend(new BlockedGemm(2, 0));
        for (int n : new int[] {16, 24, 32, 40, 48, 64, 80, 96, 128, 192}) {
            Shape s = new Shape("n=" + n, n, n, n, false, false);
            System.out.printf(Locale.ROOT, "n=%-4d m*n*k=%-9d %15s %15s%n", n, (long) n * n * n,
                    gflops(pure1, s, DType.FLOAT64, 1.0), gflops(forced, s, DType.FLOAT64, 1.0));
        }
    }

    /** "best / median" GFLOP/s: the fastest run and the best of three rounds' medians. */
    private static String gflops(Backend backend, Shape s, DType dtype, double seconds) {
        double best = 0;
        double median = 0;
        for (int r = 0; r < 3; r++) {
            double[] times = round(backend, s, dtype, seconds / 3);
            best = Math.max(best, s.flops() / times[0]);
            median = Math.max(median, s.flops() / times[times.length / 2]);
        }
        return String.format(Locale.ROOT, "%6.2f / %5.2f", best, median);
    }

    /** The sorted times, in ns, of repeated products after about {@code seconds / 2} of warm-up. */
    private static double[] round(Backend backend, Shape s, DType dtype, double seconds) {
        Random rnd = new Random(1);
        Matrix a = random(backend, rnd, s.transA() ? s.k() : s.m(), s.transA() ? s.m() : s.k(), dtype);
        Matrix b = random(backend, rnd, s.transB() ? s.n() : s.k(), s.transB() ? s.k() : s.n(), dtype);
        Matrix c = backend.zeros(s.m(), s.n(), dtype);
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            c.gemm(1.0, a, s.transA(), b, s.transB(), 0.0);
        }
        double[] times = new double[4096];
        int runs = 0;
        long end = System.nanoTime() + (long) (seconds * 0.5e9);
        while ((runs < 5 || System.nanoTime() < end) && runs < times.length) {
            long t0 = System.nanoTime();
            c.gemm(1.0, a, s.transA(), b, s.transB(), 0.0);
            times[runs++] = System.nanoTime() - t0;
        }
        double[] sorted = Arrays.copyOf(times, runs);
        Arrays.sort(sorted);
        return sorted;
    }

    private static Matrix random(Backend backend, Random rnd, int rows, int cols, DType dtype) {
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextDouble() - 0.5;
        }
        return backend.fromArray(rows, cols, data, dtype);
    }
}
