package org.backprop4j.backend.ejml;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.UnaryOp;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.dense.row.MatrixFeatures_FDRM;
import org.ejml.ops.ConvertMatrixData;

/**
 * A float32 matrix: an EJML {@link FMatrixRMaj} and {@link CommonOps_FDRM}. Scalars ({@code alpha},
 * {@code beta}, {@code s}) are rounded to float first, as NumPy does for a Python scalar with a float32
 * array; element-wise results are then those of float arithmetic. Full reductions, which return a
 * double, accumulate in double.
 */
final class EjmlMatrix32 extends EjmlMatrix {

    final FMatrixRMaj m;

    EjmlMatrix32(EjmlBackend backend, int rows, int cols) {
        super(backend);
        this.m = new FMatrixRMaj(rows, cols);
    }

    /** The EJML matrix of {@code x}, which the caller has checked to be float32. */
    private static FMatrixRMaj ejml(EjmlMatrix x) {
        return ((EjmlMatrix32) x).m;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    @Override
    public int rows() {
        return m.numRows;
    }

    @Override
    public int cols() {
        return m.numCols;
    }

    @Override
    double at(int i) {
        return m.data[i];
    }

    @Override
    void put(int i, double v) {
        m.data[i] = (float) v;
    }

    @Override
    Object storage() {
        return m.data;
    }

    @Override
    void load(double[] src, int srcPos, int dstPos, int length) {
        float[] data = m.data;
        for (int j = 0; j < length; j++) {
            data[dstPos + j] = (float) src[srcPos + j];
        }
    }

    @Override
    void store(double[] dst) {
        float[] data = m.data;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = data[i];
        }
    }

    @Override
    void binaryInto(BinaryOp op, EjmlMatrix b, EjmlMatrix dst) {
        switch (op) {
            case ADD -> CommonOps_FDRM.add(m, ejml(b), ejml(dst));
            case SUB -> CommonOps_FDRM.subtract(m, ejml(b), ejml(dst));
            case MUL -> CommonOps_FDRM.elementMult(m, ejml(b), ejml(dst));
            default -> CommonOps_FDRM.elementDiv(m, ejml(b), ejml(dst));
        }
    }

    @Override
    void scalarInto(BinaryOp op, double scalar, EjmlMatrix dst) {
        float s = (float) scalar;
        switch (op) {
            case ADD -> CommonOps_FDRM.add(m, s, ejml(dst));
            case SUB -> CommonOps_FDRM.subtract(m, s, ejml(dst));
            case MUL -> CommonOps_FDRM.scale(s, m, ejml(dst));
            default -> CommonOps_FDRM.divide(m, s, ejml(dst));
        }
    }

    @Override
    boolean unaryInto(UnaryOp f, EjmlMatrix dst) {
        switch (f) {
            case EXP -> CommonOps_FDRM.elementExp(m, ejml(dst));
            case LOG -> CommonOps_FDRM.elementLog(m, ejml(dst));
            case SQUARE -> CommonOps_FDRM.elementMult(m, m, ejml(dst));
            case ABS -> CommonOps_FDRM.abs(m, ejml(dst));
            case NEGATE -> CommonOps_FDRM.changeSign(m, ejml(dst));
            case RECIPROCAL -> CommonOps_FDRM.divide(1.0f, m, ejml(dst));
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    void scaleLines(BinaryOp op, EjmlMatrix v, boolean perColumn) {
        float[] values = ejml(v).data;
        if (perColumn) {
            if (op == BinaryOp.MUL) {
                CommonOps_FDRM.multCols(m, values);
            } else {
                CommonOps_FDRM.divideCols(m, values);
            }
        } else if (op == BinaryOp.MUL) {
            CommonOps_FDRM.multRows(values, m);
        } else {
            CommonOps_FDRM.divideRows(values, m);
        }
    }

    @Override
    void axpyFrom(double alpha, EjmlMatrix x) {
        CommonOps_FDRM.addEquals(m, (float) alpha, ejml(x));
    }

    @Override
    void product(double scale, EjmlMatrix a, boolean transA, EjmlMatrix b, boolean transB,
            boolean accumulate, boolean concurrent) {
        float alpha = (float) scale;
        FMatrixRMaj x = ejml(a);
        FMatrixRMaj y = ejml(b);
        int variant = (transA ? 1 : 0) | (transB ? 2 : 0) | (accumulate ? 4 : 0) | (concurrent ? 8 : 0);
        switch (variant) {
            case 0 -> CommonOps_FDRM.mult(alpha, x, y, m);
            case 1 -> CommonOps_FDRM.multTransA(alpha, x, y, m);
            case 2 -> CommonOps_FDRM.multTransB(alpha, x, y, m);
            case 3 -> CommonOps_FDRM.multTransAB(alpha, x, y, m);
            case 4 -> CommonOps_FDRM.multAdd(alpha, x, y, m);
            case 5 -> CommonOps_FDRM.multAddTransA(alpha, x, y, m);
            case 6 -> CommonOps_FDRM.multAddTransB(alpha, x, y, m);
            case 7 -> CommonOps_FDRM.multAddTransAB(alpha, x, y, m);
            case 8 -> CommonOps_MT_FDRM.mult(alpha, x, y, m);
            case 9 -> CommonOps_MT_FDRM.multTransA(alpha, x, y, m);
            case 10 -> CommonOps_MT_FDRM.multTransB(alpha, x, y, m);
            case 11 -> CommonOps_MT_FDRM.multTransAB(alpha, x, y, m);
            case 12 -> CommonOps_MT_FDRM.multAdd(alpha, x, y, m);
            case 13 -> CommonOps_MT_FDRM.multAddTransA(alpha, x, y, m);
            case 14 -> CommonOps_MT_FDRM.multAddTransB(alpha, x, y, m);
            default -> CommonOps_MT_FDRM.multAddTransAB(alpha, x, y, m);
        }
    }

    @Override
    void sumInto(int axis, EjmlMatrix dst) {
        if (axis == 0) {
            CommonOps_FDRM.sumCols(m, ejml(dst));
        } else {
            CommonOps_FDRM.sumRows(m, ejml(dst));
        }
    }

    @Override
    double sumAll() {
        // In double: a float accumulator's worst-case error grows as n·2^-24, about 2 % at 3·10^5 elements.
        float[] data = m.data;
        double sum = 0;
        for (int i = 0, n = numElements(); i < n; i++) {
            sum += data[i];
        }
        return sum;
    }

    @Override
    double sumSquares() {
        float[] data = m.data;
        double sum = 0;
        for (int i = 0, n = numElements(); i < n; i++) {
            double v = data[i];
            sum += v * v;
        }
        return sum;
    }

    @Override
    boolean hasUncountable() {
        return MatrixFeatures_FDRM.hasUncountable(m);
    }

    @Override
    void transposeInto(EjmlMatrix dst) {
        CommonOps_FDRM.transpose(m, ejml(dst));
    }

    @Override
    void fillWith(double v) {
        CommonOps_FDRM.fill(m, (float) v);
    }

    @Override
    void copyFrom(EjmlMatrix src) {
        if (src instanceof EjmlMatrix32) {
            m.setTo(ejml(src));
        } else {
            ConvertMatrixData.convert(((EjmlMatrix64) src).m, m);
        }
    }
}
