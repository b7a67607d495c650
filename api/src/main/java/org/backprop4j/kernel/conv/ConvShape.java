package org.backprop4j.kernel.conv;

import org.backprop4j.matrix.Matrix;
import org.backprop4j.matrix.MatrixChecks;
import org.backprop4j.tensor.Tensor;

/**
 * The sizes of one convolution: input {@code (N, C, H, W)}, filters {@code (F, C, HH, WW)}, output
 * {@code (N, F, Hout, Wout)} with {@code Hout = 1 + (H + 2*pad - HH) / stride} (and likewise {@code Wout}).
 */
public record ConvShape(int n, int c, int h, int w, int f, int hh, int ww, int stride, int pad, int hOut, int wOut) {

    /**
     * Checks {@code x}, {@code w} and {@code b} against each other and {@code param} and returns the sizes.
     *
     * @param op the Python name of the calling layer, for the message
     * @throws IllegalArgumentException naming both shapes if the channels differ, {@code b} is not {@code (1, F)},
     *                                  the filters do not fit the padded input, or the stride does not tile it (as
     *                                  {@code conv_forward_fast} asserts)
     */
    public static ConvShape of(String op, Tensor x, Tensor w, Matrix b, ConvParam param) {
        MatrixChecks.requireCompatible(op, x.matrix(), w.matrix());
        MatrixChecks.requireCompatible(op, x.matrix(), b);
        if (w.channels() != x.channels()) {
            throw new IllegalArgumentException(op + ": filters w of shape " + w.shape() + " have " + w.channels()
                    + " channels but x of shape " + x.shape() + " has " + x.channels() + ".");
        }
        if (b.rows() != 1 || b.cols() != w.n()) {
            throw new IllegalArgumentException(
                    op + ": bias b must have shape (1, " + w.n() + ") for filters w of shape "
                            + w.shape() + ", got shape " + b.shape() + ".");
        }
        int s = param.stride();
        int p = param.pad();
        int spanH = x.height() + 2 * p - w.height();
        int spanW = x.width() + 2 * p - w.width();
        if (spanH < 0 || spanW < 0) {
            throw new IllegalArgumentException(op + ": filters w of shape " + w.shape() + " are larger than x of shape "
                    + x.shape() + " padded by " + p + ".");
        }
        if (spanH % s != 0 || spanW % s != 0) {
            throw new IllegalArgumentException(op + ": with pad " + p + " and stride " + s + ", filters w of shape "
                    + w.shape() + " do not tile x of shape " + x.shape() + ": H + 2*pad - HH = " + spanH
                    + " and W + 2*pad - WW = " + spanW + " must be multiples of the stride.");
        }
        return new ConvShape(x.n(), x.channels(), x.height(), x.width(), w.n(), w.height(), w.width(), s, p,
                1 + spanH / s, 1 + spanW / s);
    }

    /** {@code C*HH*WW}, the length of one filter and of one lowered input patch. */
    public int patch() {
        return c * hh * ww;
    }

    /** {@code Hout*Wout}, the output positions per sample and filter. */
    public int positions() {
        return hOut * wOut;
    }

    /** Throws unless {@code dout} has the output's shape {@code (N, F, Hout, Wout)}. */
    public void requireOutput(String op, Tensor dout) {
        if (dout.n() != n || dout.channels() != f || dout.height() != hOut || dout.width() != wOut) {
            throw new IllegalArgumentException(op + ": dout must have the output's shape (" + n + ", " + f + ", " + hOut
                    + ", " + wOut + "), got " + dout.shape() + ".");
        }
    }
}
