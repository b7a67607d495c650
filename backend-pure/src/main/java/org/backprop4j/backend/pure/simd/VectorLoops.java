package org.backprop4j.backend.pure.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import org.backprop4j.backend.array.ArrayMatrix;
import org.backprop4j.backend.array.ElementLoops;
import org.backprop4j.backend.array.ScalarLoops;
import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.UnaryOp;

/**
 * The element-wise loops of {@code pure} on the Vector API.
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
 * <p>The species are {@code static final} constants and every loop names its operation explicitly: the JIT
 * compiles a vector operation to instructions only when both are constants.
 */
final class VectorLoops implements ElementLoops {

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Float vectors with as many lanes as {@link #D}: the halves widened to double. */
    static final VectorSpecies<Float> FD = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int DL = D.length();
    private static final int FL = F.length();

    @Override
    public void zip(BinaryOp op, ArrayMatrix x, int xo, ArrayMatrix y, int yo, ArrayMatrix out, int oo, int n) {
        if (out.float64Array() != null) {
            zipDouble(op, x.float64Array(), xo, y.float64Array(), yo, out.float64Array(), oo, n);
        } else {
            zipFloat(op, x.float32Array(), xo, y.float32Array(), yo, out.float32Array(), oo, n);
        }
    }

    // Each dtype has its own methods, so that the JIT compiles each with its own profile.

    private static void zipDouble(BinaryOp op, double[] xd, int xo, double[] yd, int yo, double[] od, int oo, int n) {
        int i = 0;
        int end = D.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).add(DoubleVector.fromArray(D, yd, yo + i)).intoArray(od, oo + i);
                }
                break;
            case SUB:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).sub(DoubleVector.fromArray(D, yd, yo + i)).intoArray(od, oo + i);
                }
                break;
            case MUL:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).mul(DoubleVector.fromArray(D, yd, yo + i)).intoArray(od, oo + i);
                }
                break;
            default:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).div(DoubleVector.fromArray(D, yd, yo + i)).intoArray(od, oo + i);
                }
        }
        for (; i < n; i++) {
            od[oo + i] = op.apply(xd[xo + i], yd[yo + i]);
        }
    }

    private static void zipFloat(BinaryOp op, float[] xf, int xo, float[] yf, int yo, float[] of, int oo, int n) {
        int i = 0;
        int end = F.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).add(FloatVector.fromArray(F, yf, yo + i)).intoArray(of, oo + i);
                }
                break;
            case SUB:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).sub(FloatVector.fromArray(F, yf, yo + i)).intoArray(of, oo + i);
                }
                break;
            case MUL:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).mul(FloatVector.fromArray(F, yf, yo + i)).intoArray(of, oo + i);
                }
                break;
            default:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).div(FloatVector.fromArray(F, yf, yo + i)).intoArray(of, oo + i);
                }
        }
        for (; i < n; i++) {
            of[oo + i] = (float) op.apply(xf[xo + i], yf[yo + i]);
        }
    }

    @Override
    public void zipScalar(BinaryOp op, ArrayMatrix x, int xo, double s, ArrayMatrix out, int oo, int n) {
        if (out.float64Array() != null) {
            zipScalarDouble(op, x.float64Array(), xo, s, out.float64Array(), oo, n);
        } else {
            zipScalarFloat(op, x.float32Array(), xo, (float) s, out.float32Array(), oo, n);
        }
    }

    private static void zipScalarDouble(BinaryOp op, double[] xd, int xo, double s, double[] od, int oo, int n) {
        int i = 0;
        int end = D.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).add(s).intoArray(od, oo + i);
                }
                break;
            case SUB:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).sub(s).intoArray(od, oo + i);
                }
                break;
            case MUL:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).mul(s).intoArray(od, oo + i);
                }
                break;
            default:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, xd, xo + i).div(s).intoArray(od, oo + i);
                }
        }
        for (; i < n; i++) {
            od[oo + i] = op.apply(xd[xo + i], s);
        }
    }

    private static void zipScalarFloat(BinaryOp op, float[] xf, int xo, float sf, float[] of, int oo, int n) {
        int i = 0;
        int end = F.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).add(sf).intoArray(of, oo + i);
                }
                break;
            case SUB:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).sub(sf).intoArray(of, oo + i);
                }
                break;
            case MUL:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).mul(sf).intoArray(of, oo + i);
                }
                break;
            default:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, xf, xo + i).div(sf).intoArray(of, oo + i);
                }
        }
        for (; i < n; i++) {
            of[oo + i] = (float) op.apply(xf[xo + i], sf);
        }
    }

    @Override
    public void map(UnaryOp f, ArrayMatrix x, ArrayMatrix out) {
        switch (f) {
            case SQRT: case SQUARE: case ABS: case NEGATE: case RECIPROCAL: case RELU: case RELU_MASK:
                break;
            default:
                ScalarLoops.INSTANCE.map(f, x, out);
                return;
        }
        int n = x.rows() * x.cols();
        double[] od = out.float64Array();
        if (od != null) {
            mapDouble(f, x.float64Array(), od, n);
        } else {
            mapFloat(f, x.float32Array(), out.float32Array(), n);
        }
    }

    private static void mapDouble(UnaryOp f, double[] x, double[] o, int n) {
        int i = 0;
        int end = D.loopBound(n);
        switch (f) {
            case SQRT:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.SQRT).intoArray(o, i);
                }
                break;
            case SQUARE:
                for (; i < end; i += DL) {
                    DoubleVector v = DoubleVector.fromArray(D, x, i);
                    v.mul(v).intoArray(o, i);
                }
                break;
            case ABS:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, x, i).abs().intoArray(o, i);
                }
                break;
            case NEGATE:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, x, i).neg().intoArray(o, i);
                }
                break;
            case RECIPROCAL:
                for (; i < end; i += DL) {
                    DoubleVector.broadcast(D, 1.0).div(DoubleVector.fromArray(D, x, i)).intoArray(o, i);
                }
                break;
            case RELU:
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, x, i).max(0.0).intoArray(o, i);
                }
                break;
            default: // RELU_MASK
                for (; i < end; i += DL) {
                    VectorMask<Double> on = DoubleVector.fromArray(D, x, i).compare(VectorOperators.GT, 0.0);
                    DoubleVector.zero(D).blend(1.0, on).intoArray(o, i);
                }
        }
        for (; i < n; i++) {
            o[i] = ArrayMatrix.unary(f, x[i]);
        }
    }

    private static void mapFloat(UnaryOp f, float[] x, float[] o, int n) {
        int i = 0;
        int end = F.loopBound(n);
        switch (f) {
            case SQRT:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, x, i).lanewise(VectorOperators.SQRT).intoArray(o, i);
                }
                break;
            case SQUARE:
                for (; i < end; i += FL) {
                    FloatVector v = FloatVector.fromArray(F, x, i);
                    v.mul(v).intoArray(o, i);
                }
                break;
            case ABS:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, x, i).abs().intoArray(o, i);
                }
                break;
            case NEGATE:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, x, i).neg().intoArray(o, i);
                }
                break;
            case RECIPROCAL:
                for (; i < end; i += FL) {
                    FloatVector.broadcast(F, 1f).div(FloatVector.fromArray(F, x, i)).intoArray(o, i);
                }
                break;
            case RELU:
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, x, i).max(0f).intoArray(o, i);
                }
                break;
            default: // RELU_MASK
                for (; i < end; i += FL) {
                    VectorMask<Float> on = FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, 0f);
                    FloatVector.zero(F).blend(1f, on).intoArray(o, i);
                }
        }
        for (; i < n; i++) {
            o[i] = (float) ArrayMatrix.unary(f, x[i]);
        }
    }

    /** float32 widened to double lanes: the {@code DL} floats from {@code x[i]}. */
    private static DoubleVector widened(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /** A double vector rounded to float lanes and stored at {@code x[i]}. */
    private static void narrowInto(DoubleVector v, float[] x, int i) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FD, 0)).intoArray(x, i);
    }

    @Override
    public void axpy(double alpha, ArrayMatrix x, ArrayMatrix y) {
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
        for (int end = D.loopBound(n); i < end; i += DL) {
            narrowInto(widened(yf, i).add(widened(xf, i).mul(alpha)), yf, i);
        }
        for (; i < n; i++) {
            yf[i] = (float) (yf[i] + alpha * xf[i]);
        }
    }

    @Override
    public double sum(ArrayMatrix x) {
        return fold(x, false);
    }

    @Override
    public double sumOfSquares(ArrayMatrix x) {
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
        for (int end = n / (4 * DL) * (4 * DL); i < end; i += 4 * DL) {
            s0 = s0.add(widened(x, i));
            s1 = s1.add(widened(x, i + DL));
            s2 = s2.add(widened(x, i + 2 * DL));
            s3 = s3.add(widened(x, i + 3 * DL));
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
        for (int end = n / (4 * DL) * (4 * DL); i < end; i += 4 * DL) {
            DoubleVector v0 = widened(x, i);
            DoubleVector v1 = widened(x, i + DL);
            DoubleVector v2 = widened(x, i + 2 * DL);
            DoubleVector v3 = widened(x, i + 3 * DL);
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
        columns(null, x, null, out);
    }

    @Override
    public void reluBackward(ArrayMatrix dout, ArrayMatrix x, ArrayMatrix dx, ArrayMatrix db) {
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
            dx[i] = g[i] * (z[i] > 0 ? 1.0 : 0.0);
        }
    }

    private static void reluMaskFloat(float[] g, float[] z, float[] dx, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            reluBackward(FloatVector.fromArray(F, g, i), FloatVector.fromArray(F, z, i)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = g[i] * (z[i] > 0 ? 1f : 0f);
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
     * the rows, in order, with its accumulator (double lanes) in a register; the last columns one by one.
     */
    private static void columns(ArrayMatrix dout, ArrayMatrix src, ArrayMatrix dx, ArrayMatrix sums) {
        int rows = src.rows();
        int cols = src.cols();
        int c = 0;
        double[] sd = src.float64Array();
        float[] sf = src.float32Array();
        for (int end = cols / DL * DL; c < end; c += DL) {
            if (sd != null) {
                DoubleVector acc = dout == null ? stripDouble(sd, rows, cols, c)
                        : reluStripDouble(dout.float64Array(), sd, dx.float64Array(), rows, cols, c);
                acc.intoArray(sums.float64Array(), c);
            } else {
                DoubleVector acc = dout == null ? stripFloat(sf, rows, cols, c)
                        : reluStripFloat(dout.float32Array(), sf, dx.float32Array(), rows, cols, c);
                narrowInto(acc, sums.float32Array(), c);
            }
        }
        for (; c < cols; c++) {
            double acc = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                double v = src.at(i);
                if (dout != null) {
                    dx.put(i, dout.at(i) * (v > 0 ? 1.0 : 0.0));
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

    private static DoubleVector stripFloat(float[] x, int rows, int cols, int c) {
        DoubleVector acc = DoubleVector.zero(D);
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            acc = acc.add(widened(x, i));
        }
        return acc;
    }

    private static DoubleVector reluStripFloat(float[] g, float[] z, float[] dx, int rows, int cols, int c) {
        DoubleVector acc = DoubleVector.zero(D);
        FloatVector zero = FloatVector.zero(FD);
        for (int r = 0, i = c; r < rows; r++, i += cols) {
            FloatVector d = FloatVector.fromArray(FD, g, i)
                    .mul(zero.blend(1f, FloatVector.fromArray(FD, z, i).compare(VectorOperators.GT, 0f)));
            d.intoArray(dx, i);
            acc = acc.add(d.convertShape(VectorOperators.F2D, D, 0));
        }
        return acc;
    }
}
