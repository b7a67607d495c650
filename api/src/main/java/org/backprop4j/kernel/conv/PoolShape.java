package org.backprop4j.kernel.conv;

import org.backprop4j.tensor.Tensor;

/**
 * The sizes of one max pooling: input {@code (N, C, H, W)}, output {@code (N, C, Hout, Wout)} with
 * {@code Hout = 1 + (H - pool_height) / stride} (and likewise {@code Wout}).
 */
public record PoolShape(int n, int c, int h, int w, int poolHeight, int poolWidth, int stride, int hOut, int wOut) {

    /**
     * Checks {@code x} against {@code param} and returns the sizes.
     *
     * @throws IllegalArgumentException if the window is larger than {@code x} or the stride does not tile it
     */
    public static PoolShape of(String op, Tensor x, PoolParam param) {
        int spanH = x.height() - param.poolHeight();
        int spanW = x.width() - param.poolWidth();
        if (spanH < 0 || spanW < 0) {
            throw new IllegalArgumentException(op + ": a " + param.poolHeight() + "x" + param.poolWidth()
                    + " pooling window is larger than x of shape " + x.shape() + ".");
        }
        int s = param.stride();
        if (spanH % s != 0 || spanW % s != 0) {
            throw new IllegalArgumentException(op + ": " + param.poolHeight() + "x" + param.poolWidth()
                    + " windows with stride " + s + " do not tile x of shape " + x.shape() + ": H - pool_height = "
                    + spanH + " and W - pool_width = " + spanW + " must be multiples of the stride.");
        }
        return new PoolShape(x.n(), x.channels(), x.height(), x.width(), param.poolHeight(), param.poolWidth(), s,
                1 + spanH / s, 1 + spanW / s);
    }

    /** Throws unless {@code dout} has the output's shape {@code (N, C, Hout, Wout)}. */
    public void requireOutput(String op, Tensor dout) {
        if (dout.n() != n || dout.channels() != c || dout.height() != hOut || dout.width() != wOut) {
            throw new IllegalArgumentException(op + ": dout must have the output's shape (" + n + ", " + c + ", " + hOut
                    + ", " + wOut + "), got " + dout.shape() + ".");
        }
    }
}
