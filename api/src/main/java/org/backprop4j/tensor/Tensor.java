package org.backprop4j.tensor;

import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * A four-dimensional array of shape {@code (N, C, H, W)}, as NumPy stores images and filters (C order), viewed over a
 * {@link Matrix} of shape {@code (N, C*H*W)}: row {@code n} holds sample {@code n}, and element {@code (n, c, h, w)}
 * is {@code matrix.get(n, (c*H + h)*W + w)}. Wrapping and {@link #flatten()} copy nothing, so
 * {@code x.reshape(N, -1)} in front of an affine layer, and MNIST's rows read as {@code (N, 1, 28, 28)}, are free.
 * Filters {@code (F, C, HH, WW)} are the same view: their matrix is the {@code (F, C*HH*WW)} weight matrix of the
 * lowered convolution.
 *
 * @param matrix   the storage, shape {@code (N, C*H*W)}
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record Tensor(Matrix matrix, int channels, int height, int width) {

    /**
     * @throws IllegalArgumentException if a dimension is negative or the matrix does not have {@code C*H*W} columns
     */
    public Tensor {
        if (channels < 0 || height < 0 || width < 0) {
            throw new IllegalArgumentException("tensor dimensions must not be negative, got (C, H, W) = (" + channels
                    + ", " + height + ", " + width + ").");
        }
        long chw = (long) channels * height * width;
        if (matrix.cols() != chw) {
            throw new IllegalArgumentException("a matrix of shape " + matrix.shape() + " cannot be viewed as shape ("
                    + matrix.rows() + ", " + channels + ", " + height + ", " + width + "): it needs " + chw
                    + " columns.");
        }
    }

    /** The view of {@code matrix}, shape {@code (N, C*H*W)}, as shape {@code (N, C, H, W)}: {@code x.reshape(N, C, H, W)}. */
    public static Tensor of(Matrix matrix, int channels, int height, int width) {
        return new Tensor(matrix, channels, height, width);
    }

    /** N, the number of samples (or filters). */
    public int n() {
        return matrix.rows();
    }

    /** {@code C*H*W}, the values per sample. */
    public int sampleSize() {
        return matrix.cols();
    }

    /** {@code H*W}, the values per channel of one sample. */
    public int planeSize() {
        return height * width;
    }

    /** The shape as NumPy prints it, e.g. {@code (2, 3, 4, 4)}. */
    public String shape() {
        return "(" + n() + ", " + channels + ", " + height + ", " + width + ")";
    }

    /** The element type of the storage. */
    public DType dtype() {
        return matrix.dtype();
    }

    /** The backend the storage belongs to. */
    public String backendName() {
        return matrix.backendName();
    }

    /** The storage as the {@code (N, C*H*W)} matrix, {@code x.reshape(N, -1)}; no copy. */
    public Matrix flatten() {
        return matrix;
    }

    /** The element at {@code (n, c, h, w)}. */
    public double get(int n, int c, int h, int w) {
        return matrix.get(n, index(c, h, w));
    }

    /** Sets the element at {@code (n, c, h, w)} (rounded to the dtype). */
    public void set(int n, int c, int h, int w, double value) {
        matrix.set(n, index(c, h, w), value);
    }

    /** The column of {@code (c, h, w)} in a sample's row. */
    public int index(int c, int h, int w) {
        return (c * height + h) * width + w;
    }

    /** All elements in C order, widened to double. */
    public double[] toArray() {
        return matrix.toArray();
    }

    /** A new zero tensor of shape {@code (n, c, h, w)} on this tensor's backend and dtype. */
    public Tensor zeros(int n, int c, int h, int w) {
        return new Tensor(matrix.zeros(n, Math.multiplyExact(c, Math.multiplyExact(h, w))), c, h, w);
    }

    /** A new tensor of shape {@code (n, c, h, w)} on this tensor's backend and dtype holding a copy of {@code values} (C order). */
    public Tensor create(int n, int c, int h, int w, double[] values) {
        return new Tensor(matrix.create(n, Math.multiplyExact(c, Math.multiplyExact(h, w)), values), c, h, w);
    }

    /** A copy with the same shape, dtype and backend. */
    public Tensor copy() {
        return new Tensor(matrix.copy(), channels, height, width);
    }

    /** True if the two tensors have the same {@code (N, C, H, W)}. */
    public boolean sameShape(Tensor other) {
        return n() == other.n() && channels == other.channels && height == other.height && width == other.width;
    }
}
