package org.backprop4j.backend.nd4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Timing program, not a unit test: GFLOP/s of the two-layer net's three products at CIFAR-10 size
 * (X 200x3072, W1 3072x100, dH 200x100) in float64 and float32, for
 * <ul>
 *   <li>{@code gemm}: {@link Matrix#gemm} into a preallocated output (the backend's hot path),</li>
 *   <li>{@code mmul}: ND4J's allocating {@code a.mmul(b)} on materialised transposes, for comparison.</li>
 * </ul>
 * Run from the repository root after {@code mvn -q -pl backend-nd4j test-compile}:
 * <pre>
 * mvn -q -pl backend-nd4j dependency:build-classpath -Dmdep.outputFile=/tmp/nd4j.cp
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat /tmp/nd4j.cp) \
 *      org.backprop4j.backend.nd4j.Nd4jGemmSpeed [seconds-per-case]
 * </pre>
 */
public final class Nd4jGemmSpeed {

    private Nd4jGemmSpeed() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Nd4jBackend.backend();
        System.out.printf(Locale.ROOT, "java %s (%s), %d processors; threads %s, OpenBLAS %d%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Nd4jThreads.current(), Nd4jThreads.openBlasThreads());
        System.out.printf(Locale.ROOT, "%-8s %-22s %10s %10s %8s%n", "dtype", "product", "gemm GF/s", "mmul GF/s",
                "speed-up");
        for (DType dtype : DType.values()) {
            Random rnd = new Random(1);
            Matrix x = Ref.random(rnd, 200, 3072, dtype);
            Matrix w1 = Ref.random(rnd, 3072, 100, dtype);
            Matrix dh = Ref.random(rnd, 200, 100, dtype);
            run(dtype, "X·W1 (200x3072x100)", x, false, w1, false, seconds);
            run(dtype, "X.T·dH (3072x200x100)", x, true, dh, false, seconds);
            run(dtype, "dH·W1.T (200x100x3072)", dh, false, w1, true, seconds);
        }
    }

    private static void run(DType dtype, String label, Matrix a, boolean ta, Matrix b, boolean tb, double seconds) {
        int m = ta ? a.cols() : a.rows();
        int k = ta ? a.rows() : a.cols();
        int n = tb ? b.rows() : b.cols();
        double flops = 2.0 * m * k * n;
        Matrix c = a.zeros(m, n);
        INDArray na = ((Nd4jMatrix) a).array();
        INDArray nb = ((Nd4jMatrix) b).array();
        INDArray opA = ta ? na.transpose().dup('c') : na;
        INDArray opB = tb ? nb.transpose().dup('c') : nb;
        double gemm = median(() -> c.gemm(1.0, a, ta, b, tb, 0.0), flops, seconds);
        double mmul = median(() -> opA.mmul(opB), flops, seconds);
        System.out.printf(Locale.ROOT, "%-8s %-22s %10.1f %10.1f %7.1fx%n", dtype, label, gemm, mmul, gemm / mmul);
    }

    /** Median GFLOP/s over 5 timed rounds, after a warm-up round. */
    private static double median(Runnable op, double flops, double seconds) {
        long budget = (long) (seconds * 1e9 / 6);
        double[] rates = new double[6];
        for (int round = 0; round < rates.length; round++) {
            long start = System.nanoTime();
            long calls = 0;
            long now;
            do {
                op.run();
                calls++;
                now = System.nanoTime();
            } while (now - start < budget);
            rates[round] = flops * calls / (now - start);
        }
        double[] timed = Arrays.copyOfRange(rates, 1, rates.length);
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }
}
