package org.backprop4j.matrix;

/**
 * {@code op(a) · op(b)} by the textbook triple loop in double, and beside it the magnitude
 * {@code sum_p |op(a)_ip op(b)_pj|} that bounds its rounding: the one independent reference that the product
 * tests of every backend share (the conformance kit's {@code MatrixContract}, {@code GemmVariantsTest}, EJML's and
 * ND4J's {@code Ref}). In api's main code, not its tests, because the kit is a published artifact that uses it and
 * backend-pure's tests, which the kit cannot serve (the kit depends on backend-pure), use it too.
 *
 * @param value     the product, row-major, shape (m, n)
 * @param magnitude the element-wise {@code |op(a)| · |op(b)|}, same shape
 */
public record ReferenceProduct(double[] value, double[] magnitude) {

    /** The product of row-major {@code a} (aRows, aCols) and {@code b} (bRows, bCols), each transposed if asked. */
    public static ReferenceProduct of(double[] a, int aRows, int aCols, boolean transA, double[] b, int bRows,
            int bCols, boolean transB) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int n = transB ? bRows : bCols;
        double[] value = new double[m * n];
        double[] magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * aCols + i] : a[i * aCols + p];
                    double y = transB ? b[j * bCols + p] : b[p * bCols + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                value[i * n + j] = s;
                magnitude[i * n + j] = abs;
            }
        }
        return new ReferenceProduct(value, magnitude);
    }
}
