package org.backprop4j.cli.bench.peak;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA loop of {@link FmaPeak}: {@link #CHAINS} independent chains {@code a = a·m + c} on the
 * widest vectors of this CPU ({@code SPECIES_PREFERRED}), enough chains to keep every FMA unit busy
 * through the instruction's latency (4 cycles × 2 units needs 8) while staying within 16 vector
 * registers. {@code m < 1} keeps the values bounded and normal. The float64 and float32 loops are
 * two copies on purpose: each call site must see one concrete vector class, or the JIT boxes the
 * vectors instead of keeping them in registers. This class references {@code jdk.incubator.vector}
 * and is loaded only when that module is resolvable.
 */
final class VectorFmaLoop {

    /** Independent accumulators. */
    static final int CHAINS = 12;

    // the species must be static final constants: otherwise the JIT boxes every vector
    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;

    private VectorFmaLoop() {
    }

    /** Lanes of a float64 or float32 vector. */
    static int lanes(boolean float64) {
        return float64 ? F64.length() : F32.length();
    }

    /** The species, e.g. {@code Species[double, 8, S_512_BIT]}. */
    static String species(boolean float64) {
        return (float64 ? F64 : F32).toString();
    }

    /** {@code iterations} × {@link #CHAINS} float64 vector FMAs; returns a value that depends on all of them. */
    static double float64(int iterations, double seed) {
        DoubleVector m = DoubleVector.broadcast(F64, 0.999_999);
        DoubleVector c = DoubleVector.broadcast(F64, 1e-7);
        // distinct starting values, so that the JIT cannot merge the chains into one
        DoubleVector a0 = DoubleVector.broadcast(F64, seed);
        DoubleVector a1 = DoubleVector.broadcast(F64, seed + 1);
        DoubleVector a2 = DoubleVector.broadcast(F64, seed + 2);
        DoubleVector a3 = DoubleVector.broadcast(F64, seed + 3);
        DoubleVector a4 = DoubleVector.broadcast(F64, seed + 4);
        DoubleVector a5 = DoubleVector.broadcast(F64, seed + 5);
        DoubleVector a6 = DoubleVector.broadcast(F64, seed + 6);
        DoubleVector a7 = DoubleVector.broadcast(F64, seed + 7);
        DoubleVector a8 = DoubleVector.broadcast(F64, seed + 8);
        DoubleVector a9 = DoubleVector.broadcast(F64, seed + 9);
        DoubleVector a10 = DoubleVector.broadcast(F64, seed + 10);
        DoubleVector a11 = DoubleVector.broadcast(F64, seed + 11);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** {@code iterations} × {@link #CHAINS} float32 vector FMAs; returns a value that depends on all of them. */
    static double float32(int iterations, double seed) {
        FloatVector m = FloatVector.broadcast(F32, 0.999_99f);
        FloatVector c = FloatVector.broadcast(F32, 1e-6f);
        float s = (float) seed;
        FloatVector a0 = FloatVector.broadcast(F32, s);
        FloatVector a1 = FloatVector.broadcast(F32, s + 1);
        FloatVector a2 = FloatVector.broadcast(F32, s + 2);
        FloatVector a3 = FloatVector.broadcast(F32, s + 3);
        FloatVector a4 = FloatVector.broadcast(F32, s + 4);
        FloatVector a5 = FloatVector.broadcast(F32, s + 5);
        FloatVector a6 = FloatVector.broadcast(F32, s + 6);
        FloatVector a7 = FloatVector.broadcast(F32, s + 7);
        FloatVector a8 = FloatVector.broadcast(F32, s + 8);
        FloatVector a9 = FloatVector.broadcast(F32, s + 9);
        FloatVector a10 = FloatVector.broadcast(F32, s + 10);
        FloatVector a11 = FloatVector.broadcast(F32, s + 11);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
