package org.backprop4j.backend.pure.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.array.ElementLoops;
import org.backprop4j.backend.array.ScalarLoops;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.UnaryOp;

/**
 * The element-wise loops of {@code pure} on the Vector API: faster copies of {@link ScalarLoops} (which computes
 * every element by the api's definitions, {@link BinaryOp#apply} and {@link UnaryOp#apply}), held to it by
 * {@code SimdLoopsTest}. The lanes write each rule again in vector operations (ReLU as {@code max(x, 0)}, its mask
 * as a compare and blend); every scalar tail calls the api's definition.
 *
 * <p><b>The same numbers as {@link ScalarLoops}.</b> Element-wise operations give bit for bit the scalar
 * results: {@code + - * /}, {@code sqrt}, {@code abs}, negation, ReLU ({@code Math.max} semantics: NaN
 * stays NaN, {@code -0} becomes {@code 0}) and its mask are single IEEE operations in either dtype (a float
 * lane computes the float nearest to the double result, as the scalar loop's double-then-round does).
 * {@code axpy} in float32 and all float32 sums are computed in double lanes (each float vector widened),
 * exactly as the scalar loops compute them. Column sums (the bias gradients) add the rows in order, so
 * they are bit for bit the scalar ones too. Only {@link #sum} and {@link #sumOfSquares} reorder: they keep
 * several vector accumulators, so in float64 they differ from the in-order scalar sum by rounding — at most
 * about {@code n * 2^-53} of the sum of the absolute values (Higham), the bound the contract tests hold them
 * to. {@code exp}, {@code log}, {@code sign} and {@code sigmoid} stay scalar (the Vector API's {@code exp} is
 * not {@code Math.exp}, bit for bit).
 *
 * <p>Passes over fewer than {@link #DEFAULT_SIMD_FROM} elements run the scalar loops (by size only, so the
 * choice is reproducible).
 *
 * <p>The species are {@code static final} constants and every loop names its operation explicitly: the JIT
 * compiles a vector operation to instructions only when both are constants. There is one species per
 * element type in all of {@code pure} (the preferred one; float32 values are widened to double half a float
 * vector at a time): a second float shape in the same program can leave the shared methods of the Vector
 * API without a usable type profile, and the JIT then calls them instead of compiling them to instructions,
 * allocating every vector (seen in this module's allocation test before this rule).
 */
final class VectorLoops implements ElementLoops {

    private final int simdFrom;

    /** Loops that run in vector lanes from {@code simdFrom} elements (0: always). */
    VectorLoops(int simdFrom) {
        this.simdFrom = simdFrom;
    }

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /**
     * Elements from which a pass runs in vector lanes: 1024. Shorter ones, such as the notebooks' toy checks,
     * run {@link ScalarLoops} (for the reason {@link VectorGemm#DEFAULT_SIMD_FROM} gives).
     */
    static final int DEFAULT_SIMD_FROM = 1024;

    private static final int DL = D.length();
    private static final int FL = F.length();
    /** The upper half of a float vector's lanes: where the second double vector goes when narrowed back. */
    private static final VectorMask<Float> UPPER = F.indexInRange(-DL, DL);

    @Override
    public void zip(BinaryOp op, ArrayMatrix x, int xo, ArrayMatrix y, int yo, ArrayMatrix out, int oo, int n) {
        if (n < simdFrom) {
            ScalarLoops.INSTANCE.zip(op, x, xo, y, yo, out, oo, n);
            return;
        }
        double[] od = out.float64Array();
        if (od != null) {
            double[] xd = x.float64Array();
            double[] yd = y.float64Array();
            int i = switch (op) {
                case ADD -> addD(xd, xo, yd, yo, od, oo, n);
                case SUB -> subD(xd, xo, yd, yo, od, oo, n);
                case MUL -> mulD(xd, xo, yd, yo, od, oo, n);
                case DIV -> divD(xd, xo, yd, yo, od, oo, n);
            };
            for (; i < n; i++) {
                od[oo + i] = op.apply(xd[xo + i], yd[yo + i]);
            }
            return;
        }
        float[] of = out.float32Array();
        float[] xf = x.float32Array();
        float[] yf = y.float32Array();
        int i = switch (op) {
            case ADD -> addF(xf, xo, yf, yo, of, oo, n);
            case SUB -> subF(xf, xo, yf, yo, of, oo, n);
            case MUL -> mulF(xf, xo, yf, yo, of, oo, n);
            case DIV -> divF(xf, xo, yf, yo, of, oo, n);
        };
        for (; i < n; i++) {
            of[oo + i] = (float) op.apply(xf[xo + i], yf[yo + i]);
        }
    }

    // One small method per operation and dtype, each returning where its scalar tail starts: the JIT then
    // compiles each loop on its own, with its own profile, instead of recompiling one large method every time
    // another of its loops gets hot.

    private static int addD(double[] x, int xo, double[] y, int yo, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).add(DoubleVector.fromArray(D, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subD(double[] x, int xo, double[] y, int yo, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).sub(DoubleVector.fromArray(D, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulD(double[] x, int xo, double[] y, int yo, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).mul(DoubleVector.fromArray(D, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divD(double[] x, int xo, double[] y, int yo, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).div(DoubleVector.fromArray(D, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int addF(float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subF(float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).sub(FloatVector.fromArray(F, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulF(float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).mul(FloatVector.fromArray(F, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divF(float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).div(FloatVector.fromArray(F, y, yo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    @Override
    public void zipScalar(BinaryOp op, ArrayMatrix x, int xo, double s, ArrayMatrix out, int oo, int n) {
        if (n < simdFrom) {
            ScalarLoops.INSTANCE.zipScalar(op, x, xo, s, out, oo, n);
            return;
        }
        double[] od = out.float64Array();
        if (od != null) {
            double[] xd = x.float64Array();
            int i = switch (op) {
                case ADD -> addD(xd, xo, s, od, oo, n);
                case SUB -> subD(xd, xo, s, od, oo, n);
                case MUL -> mulD(xd, xo, s, od, oo, n);
                case DIV -> divD(xd, xo, s, od, oo, n);
            };
            for (; i < n; i++) {
                od[oo + i] = op.apply(xd[xo + i], s);
            }
            return;
        }
        float[] of = out.float32Array();
        float[] xf = x.float32Array();
        float sf = (float) s;
        int i = switch (op) {
            case ADD -> addF(xf, xo, sf, of, oo, n);
            case SUB -> subF(xf, xo, sf, of, oo, n);
            case MUL -> mulF(xf, xo, sf, of, oo, n);
            case DIV -> divF(xf, xo, sf, of, oo, n);
        };
        for (; i < n; i++) {
            of[oo + i] = (float) op.apply(xf[xo + i], sf);
        }
    }

    private static int addD(double[] x, int xo, double s, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).add(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subD(double[] x, int xo, double s, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).sub(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulD(double[] x, int xo, double s, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).mul(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divD(double[] x, int xo, double s, double[] o, int oo, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, xo + i).div(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int addF(float[] x, int xo, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).add(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subF(float[] x, int xo, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).sub(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulF(float[] x, int xo, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).mul(s).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divF(float[] x, int xo, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xo + i).div(s).intoArray(o, oo + i);
        }
        return i;
    }

    @Override
    public void map(UnaryOp f, ArrayMatrix x, ArrayMatrix out) {
        if (x.size() < simdFrom) {
            ScalarLoops.INSTANCE.map(f, x, out);
            return;
        }
        int n = x.rows() * x.cols();
        double[] od = out.float64Array();
        if (od != null) {
            double[] xd = x.float64Array();
            int i = switch (f) {
                case SQRT -> sqrtD(xd, od, n);
                case RELU -> reluD(xd, od, n);
                case SQUARE -> mulD(xd, 0, xd, 0, od, 0, n);
                case ABS -> absD(xd, od, n);
                case NEGATE -> mulD(xd, 0, -1.0, od, 0, n);
                case RECIPROCAL -> reciprocalD(xd, od, n);
                case RELU_MASK -> reluMaskD(xd, od, n);
                default -> 0; // exp, log, sign, sigmoid: scalar, Math's own functions
            };
            for (; i < n; i++) {
                od[i] = f.apply(xd[i]);
            }
            return;
        }
        float[] of = out.float32Array();
        float[] xf = x.float32Array();
        int i = switch (f) {
            case SQRT -> sqrtF(xf, of, n);
            case RELU -> reluF(xf, of, n);
            case SQUARE -> mulF(xf, 0, xf, 0, of, 0, n);
            case ABS -> absF(xf, of, n);
            case NEGATE -> mulF(xf, 0, -1f, of, 0, n);
            case RECIPROCAL -> reciprocalF(xf, of, n);
            case RELU_MASK -> reluMaskF(xf, of, n);
            default -> 0;
        };
        for (; i < n; i++) {
            of[i] = (float) f.apply(xf[i]);
        }
    }

    private static int sqrtD(double[] x, double[] o, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.SQRT).intoArray(o, i);
        }
        return i;
    }

    /** {@code Math.max(x, 0)}: NaN stays NaN and {@code -0} becomes {@code 0}, as the scalar ReLU. */
    private static int reluD(double[] x, double[] o, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, i).max(0.0).intoArray(o, i);
        }
        return i;
    }

    private static int absD(double[] x, double[] o, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, x, i).abs().intoArray(o, i);
        }
        return i;
    }

    private static int reciprocalD(double[] x, double[] o, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.broadcast(D, 1.0).div(DoubleVector.fromArray(D, x, i)).intoArray(o, i);
        }
        return i;
    }

    private static int reluMaskD(double[] x, double[] o, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            VectorMask<Double> on = DoubleVector.fromArray(D, x, i).compare(VectorOperators.GT, 0.0);
            DoubleVector.zero(D).blend(1.0, on).intoArray(o, i);
        }
        return i;
    }

    private static int sqrtF(float[] x, float[] o, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.SQRT).intoArray(o, i);
        }
        return i;
    }

    private static int reluF(float[] x, float[] o, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, i).max(0f).intoArray(o, i);
        }
        return i;
    }

    private static int absF(float[] x, float[] o, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, i).abs().intoArray(o, i);
        }
        return i;
    }

    private static int reciprocalF(float[] x, float[] o, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.broadcast(F, 1f).div(FloatVector.fromArray(F, x, i)).intoArray(o, i);
        }
        return i;
    }

    private static int reluMaskF(float[] x, float[] o, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            VectorMask<Float> on = FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, 0f);
            FloatVector.zero(F).blend(1f, on).intoArray(o, i);
        }
        return i;
    }

    /** The lower half of a float vector's lanes, widened to double (exactly). */
    private static DoubleVector lower(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    /** The upper half of a float vector's lanes, widened to double. */
    private static DoubleVector upper(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** Two double vectors rounded to float, back into one float vector (lower lanes from {@code lo}). */
    private static FloatVector narrowed(DoubleVector lo, DoubleVector hi) {
        return ((FloatVector) lo.convertShape(VectorOperators.D2F, F, 0))
                .blend((FloatVector) hi.convertShape(VectorOperators.D2F, F, -1), UPPER);
    }

    @Override
    public void axpy(double alpha, ArrayMatrix x, ArrayMatrix y) {
        if (y.size() < simdFrom) {
            ScalarLoops.INSTANCE.axpy(alpha, x, y);
            return;
        }
        int n = y.rows() * y.cols();
        if (y.float64Array() != null) {
            axpyDouble(alpha, x.float64Array(), y.float64Array(), n);
        } else {
            axpyFloat(alpha, x.float32Array(), y.float32Array(), n);
        }
    }

    private static void axpyDouble(double alpha, double[] xd, double[] yd, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            DoubleVector.fromArray(D, yd, i).add(DoubleVector.fromArray(D, xd, i).mul(alpha)).intoArray(yd, i);
        }
        for (; i < n; i++) {
            yd[i] = yd[i] + alpha * xd[i];
        }
    }

    private static void axpyFloat(double alpha, float[] xf, float[] yf, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector x = FloatVector.fromArray(F, xf, i);
            FloatVector y = FloatVector.fromArray(F, yf, i);
            narrowed(lower(y).add(lower(x).mul(alpha)), upper(y).add(upper(x).mul(alpha))).intoArray(yf, i);
        }
        for (; i < n; i++) {
            yf[i] = (float) (yf[i] + alpha * xf[i]);
        }
    }

    @Override
    public double sum(ArrayMatrix x) {
        if (x.size() < simdFrom) {
            return ScalarLoops.INSTANCE.sum(x);
        }
        return fold(x, false);
    }

    @Override
    public double sumOfSquares(ArrayMatrix x) {
        if (x.size() < simdFrom) {
            return ScalarLoops.INSTANCE.sumOfSquares(x);
        }
        return fold(x, true);
    }

    /** The sum (of squares), with four vector accumulators in double lanes, then the tail in order. */
    private static double fold(ArrayMatrix x, boolean squares) {
        int n = x.rows() * x.cols();
        double[] xd = x.float64Array();
        if (xd != null) {
            return squares ? sumOfSquaresDouble(xd, n) : sumDouble(xd, n);
        }
        float[] xf = x.float32Array();
        return squares ? sumOfSquaresFloat(xf, n) : sumFloat(xf, n);
    }

    private static double sumDouble(double[] x, int n) {
        int i = 0;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int end = n / (4 * DL) * (4 * DL); i < end; i += 4 * DL) {
            s0 = s0.add(DoubleVector.fromArray(D, x, i));
            s1 = s1.add(DoubleVector.fromArray(D, x, i + DL));
            s2 = s2.add(DoubleVector.fromArray(D, x, i + 2 * DL));
            s3 = s3.add(DoubleVector.fromArray(D, x, i + 3 * DL));
        }
        double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            acc += x[i];
        }
        return acc;
    }

    private static double sumOfSquaresDouble(double[] x, int n) {
        int i = 0;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int end = n / (4 * DL) * (4 * DL); i < end; i += 4 * DL) {
            DoubleVector v0 = DoubleVector.fromArray(D, x, i);
            DoubleVector v1 = DoubleVector.fromArray(D, x, i + DL);
            DoubleVector v2 = DoubleVector.fromArray(D, x, i + 2 * DL);
            DoubleVector v3 = DoubleVector.fromArray(D, x, i + 3 * DL);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
        }
        double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            acc += x[i] * x[i];
        }
        return acc;
    }

    private static double sumFloat(float[] x, int n) {
        int i = 0;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int end = n / (2 * FL) * (2 * FL); i < end; i += 2 * FL) {
            FloatVector v0 = FloatVector.fromArray(F, x, i);
            FloatVector v1 = FloatVector.fromArray(F, x, i + FL);
            s0 = s0.add(lower(v0));
            s1 = s1.add(upper(v0));
            s2 = s2.add(lower(v1));
            s3 = s3.add(upper(v1));
        }
        double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            acc += x[i];
        }
        return acc;
    }

    /** Squares of floats are exact in double, so the fused multiply-add rounds only the sum, as the scalar loop. */
    private static double sumOfSquaresFloat(float[] x, int n) {
        int i = 0;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int end = n / (2 * FL) * (2 * FL); i < end; i += 2 * FL) {
            FloatVector f0 = FloatVector.fromArray(F, x, i);
            FloatVector f1 = FloatVector.fromArray(F, x, i + FL);
            DoubleVector v0 = lower(f0);
            DoubleVector v1 = upper(f0);
            DoubleVector v2 = lower(f1);
            DoubleVector v3 = upper(f1);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
        }
        double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double v = x[i];
            acc += v * v;
        }
        return acc;
    }

    @Override
    public void columnSums(ArrayMatrix x, ArrayMatrix out) {
        if (x.size() < simdFrom) {
            ScalarLoops.INSTANCE.columnSums(x, out);
            return;
        }
        columns(null, x, null, out);
    }

    @Override
    public void reluBackward(ArrayMatrix dout, ArrayMatrix x, ArrayMatrix dx, ArrayMatrix db) {
        if (x.size() < simdFrom) {
            ScalarLoops.INSTANCE.reluBackward(dout, x, dx, db);
            return;
        }
        if (db == null) {
            reluMask(dout, x, dx);
        } else {
            columns(dout, x, dx, db);
        }
    }

    /** {@code dx = dout * (x > 0)}, one pass over the storage. */
    private static void reluMask(ArrayMatrix dout, ArrayMatrix x, ArrayMatrix dx) {
        int n = dout.rows() * dout.cols();
        if (dout.float64Array() != null) {
            reluMaskDouble(dout.float64Array(), x.float64Array(), dx.float64Array(), n);
        } else {
            reluMaskFloat(dout.float32Array(), x.float32Array(), dx.float32Array(), n);
        }
    }

    private static void reluMaskDouble(double[] g, double[] z, double[] dx, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += DL) {
            reluBackward(DoubleVector.fromArray(D, g, i), DoubleVector.fromArray(D, z, i)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = g[i] * UnaryOp.reluMask(z[i]);
        }
    }

    private static void reluMaskFloat(float[] g, float[] z, float[] dx, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            reluBackward(FloatVector.fromArray(F, g, i), FloatVector.fromArray(F, z, i)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = (float) (g[i] * UnaryOp.reluMask(z[i]));
        }
    }

    private static DoubleVector reluBackward(DoubleVector g, DoubleVector z) {
        return g.mul(DoubleVector.zero(D).blend(1.0, z.compare(VectorOperators.GT, 0.0)));
    }

    private static FloatVector reluBackward(FloatVector g, FloatVector z) {
        return g.mul(FloatVector.zero(F).blend(1f, z.compare(VectorOperators.GT, 0f)));
    }

    /**
     * Column sums into {@code sums}: of {@code src} itself when {@code dout} is null, else of
     * {@code dx = dout * (src > 0)}, which is also stored. Each strip of one vector of columns is walked down
     * the rows, in order, with its accumulators (double lanes) in registers; the last columns one by one.
     */
    private static void columns(ArrayMatrix dout, ArrayMatrix src, ArrayMatrix dx, ArrayMatrix sums) {
        int rows = src.rows();
        int cols = src.cols();
        int c = 0;
        double[] sd = src.float64Array();
        if (sd != null) {
            for (int end = cols / DL * DL; c < end; c += DL) {
                DoubleVector acc = dout == null
                        ? stripDouble(sd, rows, cols, c)
                        : reluStripDouble(dout.float64Array(), sd, dx.float64Array(), rows, cols, c);
                acc.intoArray(sums.float64Array(), c);
            }
        } else {
            float[] sf = src.float32Array();
            for (int end = cols / FL * FL; c < end; c += FL) {
                if (dout == null) {
                    stripFloat(sf, rows, cols, c, sums.float32Array());
                } else {
                    reluStripFloat(dout.float32Array(), sf, dx.float32Array(), rows, cols, c, sums.float32Array());
                }
            }
        }
        for (; c < cols; c++) {
            double acc = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                double v = src.at(i);
                if (dout != null) {
                    dx.put(i, dout.at(i) * UnaryOp.reluMask(v));
                    v = dx.at(i);
                }
                acc += v;
            }
            sums.put(c, acc);
        }
    }

    private static DoubleVector stripDouble(double[] x, int rows, int cols, int c) {
        DoubleVector acc = DoubleVector.zero(D);
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            acc = acc.add(DoubleVector.fromArray(D, x, i));
        }
        return acc;
    }

    private static DoubleVector reluStripDouble(double[] g, double[] z, double[] dx, int rows, int cols, int c) {
        DoubleVector acc = DoubleVector.zero(D);
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            DoubleVector d = reluBackward(DoubleVector.fromArray(D, g, i), DoubleVector.fromArray(D, z, i));
            d.intoArray(dx, i);
            acc = acc.add(d);
        }
        return acc;
    }

    private static void stripFloat(float[] x, int rows, int cols, int c, float[] sums) {
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = lo;
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            lo = lo.add(lower(v));
            hi = hi.add(upper(v));
        }
        narrowed(lo, hi).intoArray(sums, c);
    }

    private static void reluStripFloat(float[] g, float[] z, float[] dx, int rows, int cols, int c, float[] sums) {
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = lo;
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            FloatVector d = reluBackward(FloatVector.fromArray(F, g, i), FloatVector.fromArray(F, z, i));
            d.intoArray(dx, i);
            lo = lo.add(lower(d));
            hi = hi.add(upper(d));
        }
        narrowed(lo, hi).intoArray(sums, c);
    }
}
