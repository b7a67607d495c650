package org.backprop4j.cli.plot;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.tensor.Tensor;

/**
 * The notebooks' {@code show_net_weights}: the first-layer weights of a network drawn as one small
 * image per hidden unit, laid out in a square grid by cs231n's {@code visualize_grid}.
 *
 * <p>Input layout. {@code W1} has shape {@code (D, H)} and is given row-major, so each
 * <em>column</em> {@code j} holds hidden unit {@code j}'s weights over the {@code D} input pixels.
 * A row of the data matrix is an image flattened in HWC order, so pixel {@code (y, x)}, channel
 * {@code c} of unit {@code j} is {@code W1[(y * width + x) * channels + c][j]}, exactly what
 * cs231n's {@code W1.reshape(32, 32, 3, -1).transpose(3, 0, 1, 2)} selects.
 *
 * <p>Grid. As {@code visualize_grid(Xs, ubound=255.0, padding)}: {@code grid_size = ceil(sqrt(H))}
 * rows and columns, filled row by row, {@code padding} pixels between cells; the padding and unused
 * cells stay 0 (black). Each unit is min-max scaled on its own, {@code 255 * (w - low) / (high -
 * low)}, and truncated to an integer as NumPy's {@code astype('uint8')} does; a unit whose weights
 * are all equal ({@code high == low}, where NumPy would divide by zero) is drawn as 0. Non-finite
 * weights (a diverged run) are ignored for {@code low}/{@code high} and drawn as 0.
 *
 * <p>Output. Grayscale for {@code channels == 1}, RGB for {@code channels == 3}, each grid pixel
 * enlarged to a {@code scale x scale} block (nearest neighbour) so the small images stay visible.
 */
public final class WeightGridImage {

    static {
        PngFiles.ensureHeadless();
    }

    /**
     * Padding between cells used by the notebooks' {@code show_net_weights} ({@code padding=3}).
     */
    public static final int DEFAULT_PADDING = 3;

    /** Padding between the filters of a convolutional net: {@code visualize_grid}'s default ({@code padding=1}). */
    public static final int FILTER_PADDING = 1;

    /** {@link #defaultScale} enlarges the grid until it is at least this many pixels wide. */
    public static final int MIN_DEFAULT_WIDTH = 400;

    /** {@code ubound} of {@code visualize_grid}: the value the largest weight of a unit maps to. */
    private static final double UBOUND = 255.0;

    private WeightGridImage() {}

    /**
     * Renders W1 with the notebooks' padding and a scale that makes the picture at least {@value
     * #MIN_DEFAULT_WIDTH} pixels wide.
     *
     * @see #render(double[], int, int, int, int, int, int, int)
     */
    public static BufferedImage render(
            double[] w1RowMajor, int d, int h, int height, int width, int channels) {
        validate(w1RowMajor, d, h, height, width, channels, DEFAULT_PADDING, 1);
        int scale = defaultScale(h, width, DEFAULT_PADDING);
        return render(w1RowMajor, d, h, height, width, channels, DEFAULT_PADDING, scale);
    }

    /**
     * Renders W1 as a grid of images.
     *
     * @param w1RowMajor the weights, row-major, shape {@code (d, h)}
     * @param d input dimension, must equal {@code height * width * channels}
     * @param h number of hidden units, one image each
     * @param height image height in pixels
     * @param width image width in pixels
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param padding pixels between neighbouring images, at least 0
     * @param scale enlargement factor of every pixel, at least 1
     * @return a {@link BufferedImage#TYPE_BYTE_GRAY} or {@link BufferedImage#TYPE_INT_RGB} image of
     *     {@code (gridSize * width + (gridSize - 1) * padding) * scale} by the analogous height
     * @throws IllegalArgumentException if the geometry is inconsistent
     */
    public static BufferedImage render(
            double[] w1RowMajor,
            int d,
            int h,
            int height,
            int width,
            int channels,
            int padding,
            int scale) {
        validate(w1RowMajor, d, h, height, width, channels, padding, scale);
        int gridSize = gridSize(h);
        int gridHeight = gridExtent(height, gridSize, padding);
        int gridWidth = gridExtent(width, gridSize, padding);
        long pixels = (long) gridHeight * scale * gridWidth * scale;
        if (pixels > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(
                    "weight grid of "
                            + gridWidth
                            + "x"
                            + gridHeight
                            + " pixels at scale "
                            + scale
                            + " is too large to render");
        }
        BufferedImage image = new BufferedImage(
                gridWidth * scale,
                gridHeight * scale,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster(); // zero-initialised: padding stays 0, as in numpy
        int[] block = new int[scale * scale];

        for (int unit = 0; unit < h; unit++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < d; k++) {
                double v = w1RowMajor[k * h + unit];
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            boolean flat = !(high > low); // also true when no weight is finite
            int x0 = (unit % gridSize) * (width + padding);
            int y0 = (unit / gridSize) * (height + padding);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        double v = w1RowMajor[((y * width + x) * channels + c) * h + unit];
                        int level = 0;
                        if (!flat && Double.isFinite(v)) {
                            // same operation order as visualize_grid, then numpy's astype('uint8')
                            // truncation
                            level = (int) (UBOUND * (v - low) / (high - low));
                        }
                        if (scale == 1) {
                            raster.setSample(x0 + x, y0 + y, c, level);
                        } else {
                            Arrays.fill(block, level);
                            raster.setSamples(
                                    (x0 + x) * scale, (y0 + y) * scale, scale, scale, c, block);
                        }
                    }
                }
            }
        }
        return image;
    }

    /**
     * {@code show_net_weights(net)}: the first-layer weights of {@code model} as one image, when the rows are images
     * ({@code geometry} not null) and {@code W1} has one row per pixel value (shape (D, H)); else empty (e.g. the
     * nndl layout's (H, D), or data that are no images). A convolutional net's W1 is its filters, drawn by
     * {@link #filters}. The one test of whether a model's W1 can be drawn, which weights.png, the dashboard and
     * TensorBoard share.
     */
    public static Optional<BufferedImage> firstLayer(Model model, ImageGeometry geometry) {
        if (model instanceof ThreeLayerConvNet cnn) {
            return filters(cnn.filters());
        }
        if (geometry == null || !model.params().has("W1")) {
            return Optional.empty();
        }
        Matrix w1 = model.params().get("W1");
        if (w1.rows() != geometry.pixels()) {
            return Optional.empty();
        }
        return Optional.of(render(w1.toArray(), w1.rows(), w1.cols(), geometry.height(), geometry.width(),
                geometry.channels()));
    }

    /**
     * The ConvolutionalNetworks notebook's {@code visualize_grid(model.params['W1'].transpose(0, 2, 3, 1))}: one
     * {@code HH x WW} tile per filter, min-max scaled on its own, with {@code visualize_grid}'s default padding of 1;
     * RGB for C = 3, grey for C = 1, else empty (no picture of other channel counts).
     *
     * @param w the filters, shape (F, C, HH, WW)
     */
    public static Optional<BufferedImage> filters(Tensor w) {
        int c = w.channels();
        if (c != 1 && c != 3) {
            return Optional.empty();
        }
        int f = w.n();
        int hh = w.height();
        int ww = w.width();
        // render takes one column per unit over pixels in HWC order: column f holds filter f's (y, x, c) values
        double[] columns = new double[f * c * hh * ww];
        double[] filters = w.toArray();
        for (int k = 0; k < f; k++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < hh; y++) {
                    for (int x = 0; x < ww; x++) {
                        columns[((y * ww + x) * c + ch) * f + k] = filters[k * w.sampleSize() + w.index(ch, y, x)];
                    }
                }
            }
        }
        return Optional.of(render(columns, hh * ww * c, f, hh, ww, c, FILTER_PADDING,
                defaultScale(f, ww, FILTER_PADDING)));
    }

    /** Writes {@code image} (a {@link #render} of W1) as a PNG file. */
    public static void write(Path png, BufferedImage image) throws IOException {
        PngFiles.write(image, png);
    }

    /** Writes {@link #render(double[], int, int, int, int, int)} as a PNG file. */
    public static void write(
            Path png, double[] w1RowMajor, int d, int h, int height, int width, int channels)
            throws IOException {
        PngFiles.write(render(w1RowMajor, d, h, height, width, channels), png);
    }

    /** {@code image} (a {@link #render} of W1) as the bytes of a PNG file. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PngFiles.encode(image, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a PNG in memory cannot fail to write: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** {@code ceil(sqrt(h))}: the number of rows and of columns of the grid. */
    public static int gridSize(int h) {
        if (h < 1) {
            throw new IllegalArgumentException(
                    "number of hidden units H must be positive, got " + h);
        }
        // sqrt is correctly rounded, so perfect squares give exact integers and ceil is exact
        return (int) Math.ceil(Math.sqrt(h));
    }

    /**
     * The smallest scale at least 1 that makes the grid at least {@value #MIN_DEFAULT_WIDTH} px
     * wide.
     */
    public static int defaultScale(int h, int width, int padding) {
        int gridWidth = gridExtent(width, gridSize(h), padding);
        return Math.max(1, (MIN_DEFAULT_WIDTH + gridWidth - 1) / gridWidth);
    }

    /** {@code gridSize} cells of {@code cell} pixels with {@code padding} between them, as visualize_grid lays them. */
    private static int gridExtent(int cell, int gridSize, int padding) {
        return cell * gridSize + padding * (gridSize - 1);
    }

    private static void validate(
            double[] w1,
            int d,
            int h,
            int height,
            int width,
            int channels,
            int padding,
            int scale) {
        Objects.requireNonNull(w1, "W1");
        if (d < 1 || h < 1) {
            throw new IllegalArgumentException(
                    "W1 shape (D, H) must be positive, got (" + d + ", " + h + ")");
        }
        if ((long) d * h != w1.length) {
            throw new IllegalArgumentException(
                    "W1 has "
                            + w1.length
                            + " values but shape (D, H) = ("
                            + d
                            + ", "
                            + h
                            + ") needs "
                            + ((long) d * h));
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "channels must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image height and width must be positive, got " + height + "x" + width);
        }
        if ((long) height * width * channels != d) {
            throw new IllegalArgumentException(
                    "W1 has D = "
                            + d
                            + " rows but the image geometry height*width*channels = "
                            + height
                            + "*"
                            + width
                            + "*"
                            + channels
                            + " = "
                            + ((long) height * width * channels));
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
    }
}
