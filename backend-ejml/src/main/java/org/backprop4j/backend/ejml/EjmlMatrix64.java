package org.backprop4j.backend.ejml;

import org.backprop4j.matrix.BinaryOp;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.UnaryOp;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.ejml.ops.ConvertMatrixData;

/** A float64 matrix: an EJML {@link DMatrixRMaj} and {@link CommonOps_DDRM}. */
final class EjmlMatrix64 extends EjmlMatrix {

    final DMatrixRMaj m;

    EjmlMatrix64(EjmlBackend backend, int rows, int cols) {
        super(backend);
        this.m = new DMatrixRMaj(rows, cols);
    }

    /** The EJML matrix of {@code x}, which the caller has checked to be float64. */
    private static DMatrixRMaj ejml(EjmlMatrix x) {
        return ((EjmlMatrix64) x).m;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
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
        m.data[i] = v;
    }

    @Override
    Object storage() {
        return m.data;
    }

    @Override
    void load(double[] src, int srcPos, int dstPos, int length) {
        System.arraycopy(src, srcPos, m.data, dstPos, length);
    }

    @Override
    void store(double[] dst) {
        System.arraycopy(m.data, 0, dst, 0, dst.length);
    }

    @Override
    void binaryInto(BinaryOp op, EjmlMatrix b, EjmlMatrix dst) {
        switch (op) {
            case ADD -> CommonOps_DDRM.add(m, ejml(b), ejml(dst));
            case SUB -> CommonOps_DDRM.subtract(m, ejml(b), ejml(dst));
            case MUL -> CommonOps_DDRM.elementMult(m, ejml(b), ejml(dst));
            default -> CommonOps_DDRM.elementDiv(m, ejml(b), ejml(dst));
        }
    }

    @Override
    void scalarInto(BinaryOp op, double s, EjmlMatrix dst) {
        switch (op) {
            case ADD -> CommonOps_DDRM.add(m, s, ejml(dst));
            case SUB -> CommonOps_DDRM.subtract(m, s, ejml(dst));
            case MUL -> CommonOps_DDRM.scale(s, m, ejml(dst));
            default -> CommonOps_DDRM.divide(m, s, ejml(dst));
        }
    }

    @Override
    boolean unaryInto(UnaryOp f, EjmlMatrix dst) {
        switch (f) {
            case EXP -> CommonOps_DDRM.elementExp(m, ejml(dst));
            case LOG -> CommonOps_DDRM.elementLog(m, ejml(dst));
            case SQUARE -> CommonOps_DDRM.elementMult(m, m, ejml(dst));
            case ABS -> CommonOps_DDRM.abs(m, ejml(dst));
            case NEGATE -> CommonOps_DDRM.changeSign(m, ejml(dst));
            case RECIPROCAL -> CommonOps_DDRM.divide(1.0, m, ejml(dst));
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    void scaleLines(BinaryOp op, EjmlMatrix v, boolean perColumn) {
        double[] values = ejml(v).data;
        if (perColumn) {
            if (op == BinaryOp.MUL) {
                CommonOps_DDRM.multCols(m, values);
            } else {
                CommonOps_DDRM.divideCols(m, values);
            }
        } else if (op == BinaryOp.MUL) {
            CommonOps_DDRM.multRows(values, m);
        } else {
            CommonOps_DDRM.divideRows(values, m);
        }
    }

    @Override
    void axpyFrom(double alpha, EjmlMatrix x) {
        CommonOps_DDRM.addEquals(m, alpha, ejml(x));
    }

    @Override
    void product(double alpha, EjmlMatrix a, boolean transA, EjmlMatrix b, boolean transB,
            boolean accumulate, boolean concurrent) {
        DMatrixRMaj x = ejml(a);
        DMatrixRMaj y = ejml(b);
        int variant = (transA ? 1 : 0) | (transB ? 2 : 0) | (accumulate ? 4 : 0) | (concurrent ? 8 : 0);
        switch (variant) {
            case 0 -> CommonOps_DDRM.mult(alpha, x, y, m);
            case 1 -> CommonOps_DDRM.multTransA(alpha, x, y, m);
            case 2 -> CommonOps_DDRM.multTransB(alpha, x, y, m);
            case 3 -> CommonOps_DDRM.multTransAB(alpha, x, y, m);
            case 4 -> CommonOps_DDRM.multAdd(alpha, x, y, m);
            case 5 -> CommonOps_DDRM.multAddTransA(alpha, x, y, m);
            case 6 -> CommonOps_DDRM.multAddTransB(alpha, x, y, m);
            case 7 -> CommonOps_DDRM.multAddTransAB(alpha, x, y, m);
            case 8 -> CommonOps_MT_DDRM.mult(alpha, x, y, m);
            case 9 -> CommonOps_MT_DDRM.multTransA(alpha, x, y, m);
            case 10 -> CommonOps_MT_DDRM.multTransB(alpha, x, y, m);
            case 11 -> CommonOps_MT_DDRM.multTransAB(alpha, x, y, m);
            case 12 -> CommonOps_MT_DDRM.multAdd(alpha, x, y, m);
            case 13 -> CommonOps_MT_DDRM.multAddTransA(alpha, x, y, m);
            case 14 -> CommonOps_MT_DDRM.multAddTransB(alpha, x, y, m);
            default -> CommonOps_MT_DDRM.multAddTransAB(alpha, x, y, m);
        }
    }

    @Override
    void sumInto(int axis, EjmlMatrix dst) {
        if (axis == 0) {
            CommonOps_DDRM.sumCols(m, ejml(dst));
        } else {
            CommonOps_DDRM.sumRows(m, ejml(dst));
        }
    }

    @Override
    double sumAll() {
        return CommonOps_DDRM.elementSum(m);
    }

    @Override
    double sumSquares() {
        return VectorVectorMult_DDRM.innerProd(m, m);
    }

    @Override
    boolean hasUncountable() {
        return MatrixFeatures_DDRM.hasUncountable(m);
    }

    @Override
    void transposeInto(EjmlMatrix dst) {
        CommonOps_DDRM.transpose(m, ejml(dst));
    }

    @Override
    void fillWith(double v) {
        CommonOps_DDRM.fill(m, v);
    }

    @Override
    void copyFrom(EjmlMatrix src) {
        if (src instanceof EjmlMatrix64) {
            m.setTo(ejml(src));
        } else {
            ConvertMatrixData.convert(((EjmlMatrix32) src).m, m);
        }
    }
}
