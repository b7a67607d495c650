package org.backprop4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.models.cnn.ThreeLayerConvNetConfig;
import org.backprop4j.models.twolayer.NndlTwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNet;
import org.backprop4j.models.twolayer.TwoLayerNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightGridImageTest {

    @TempDir
    Path tmp;

    /**
     * Three 2x2 grayscale units (D = 4, H = 3), padding 1: a 2x2 grid of 5x5 pixels. The expected
     * values are what {@code visualize_grid(W1.reshape(2, 2, 1, -1).transpose(3, 0, 1, 2),
     * padding=1).astype('uint8')} gives: per-unit min-max scaling to [0, 255], truncated.
     */
    @Test
    void grayscaleGridIsThePerUnitMinMaxScalingOfEachColumn() {
        // W1[k][j], row k = pixel (y, x) = (k / 2, k % 2), column j = hidden unit
        double[] w1 = {
                0, -1, 10,
                1, 1, 10,
                2, 0, 20,
                3, 3, 30,
        };
        BufferedImage img = WeightGridImage.render(w1, 4, 3, 2, 2, 1, 1, 1);

        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        int[][] expected = {
                // unit 0: 0,1,2,3 -> 0,85,170,255 | pad | unit 1: -1,1,0,3 -> 0,127.5,63.75,255
                // truncated
                {0, 85, 0, 0, 127},
                {170, 255, 0, 63, 255},
                {0, 0, 0, 0, 0}, // padding row stays 0
                // unit 2: 10,10,20,30 -> 0,0,127.5,255 | pad | the fourth cell is unused: stays 0
                {0, 0, 0, 0, 0},
                {127, 255, 0, 0, 0},
        };
        assertArrayEquals(expected, gray(img));
    }

    @Test
    void rgbPixelsAreReadInHwcOrderFromTheUnitsColumn() {
        // one row of two RGB pixels (height 1, width 2, channels 3): D = 6, two hidden units
        // unit 0 holds 0..5 in HWC order, i.e. pixel x=0 is (R,G,B) = (0,1,2), pixel x=1 is
        // (3,4,5);
        // unit 1 holds the same values negated, so it is the colour negative of unit 0
        double[] w1 = new double[6 * 2];
        for (int k = 0; k < 6; k++) {
            w1[k * 2] = k;
            w1[k * 2 + 1] = -k;
        }
        BufferedImage img = WeightGridImage.render(w1, 6, 2, 1, 2, 3, 1, 1);

        assertEquals(5, img.getWidth()); // grid 2x2: 2 * 2 + 1 padding
        assertEquals(3, img.getHeight()); // 2 * 1 + 1 padding
        assertArrayEquals(new int[] {0, 51, 102}, rgb(img, 0, 0));
        assertArrayEquals(new int[] {153, 204, 255}, rgb(img, 1, 0));
        assertArrayEquals(new int[] {0, 0, 0}, rgb(img, 2, 0)); // padding column
        assertArrayEquals(new int[] {255, 204, 153}, rgb(img, 3, 0));
        assertArrayEquals(new int[] {102, 51, 0}, rgb(img, 4, 0));
    }

    @Test
    void constantUnitIsDrawnBlackWithoutDividingByZeroAndOthersScaleOnTheirOwn() {
        // unit 0 constant 0.7 (high == low), unit 1 ranges over [0, 1], unit 2 over [0, 1000]
        double[] w1 = {
                0.7, 0, 0, 0.7, 1, 1000, 0.7, 0.5, 500, 0.7, 0.25, 250,
        };
        int[][] g = gray(WeightGridImage.render(w1, 4, 3, 2, 2, 1, 0, 1));
        // padding 0: unit 0 at (0..1, 0..1), unit 1 at x 2..3, unit 2 at y 2..3
        assertArrayEquals(new int[] {0, 0, 0, 255}, g[0]);
        assertArrayEquals(new int[] {0, 0, 127, 63}, g[1]);
        assertArrayEquals(new int[] {0, 255, 0, 0}, g[2]);
        assertArrayEquals(new int[] {127, 63, 0, 0}, g[3]);
    }

    @Test
    void nonFiniteWeightsAreBlackAndDoNotSpoilTheScaleOfTheirUnit() {
        double[] w1 = {0, Double.NaN, 4, Double.POSITIVE_INFINITY}; // D = 4, H = 1
        int[][] g = gray(WeightGridImage.render(w1, 4, 1, 2, 2, 1, 1, 1));
        assertArrayEquals(new int[][] {{0, 0}, {255, 0}}, g);
    }

    @Test
    void scaleEnlargesEveryPixelToASolidBlock() {
        double[] w1 = new double[4 * 3];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = Math.sin(i * 1.7);
        }
        int[][] small = gray(WeightGridImage.render(w1, 4, 3, 2, 2, 1, 1, 1));
        int[][] big = gray(WeightGridImage.render(w1, 4, 3, 2, 2, 1, 1, 3));
        assertEquals(15, big.length);
        assertEquals(15, big[0].length);
        for (int y = 0; y < 15; y++) {
            for (int x = 0; x < 15; x++) {
                assertEquals(small[y / 3][x / 3], big[y][x], "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void theFirstLayerIsDrawnOnlyWhenW1HasOneRowPerPixelOfImageRows() {
        Backend b = Backends.get("naive");
        TwoLayerNetConfig config = TwoLayerNetConfig.of(4 * 4, 5, 3).withStd(0.5);
        TwoLayerNet cs231n = new TwoLayerNet(b, config, new NumpyRandom(0));
        ImageGeometry fourByFour = new ImageGeometry(4, 4, 1);
        BufferedImage drawn = WeightGridImage.firstLayer(cs231n, fourByFour).orElseThrow();
        Matrix w1 = cs231n.params().get("W1");
        BufferedImage expected = WeightGridImage.render(w1.toArray(), 16, 5, 4, 4, 1);
        assertEquals(expected.getWidth(), drawn.getWidth());
        assertArrayEquals(expected.getRaster().getPixels(0, 0, expected.getWidth(), expected.getHeight(), (int[]) null),
                drawn.getRaster().getPixels(0, 0, drawn.getWidth(), drawn.getHeight(), (int[]) null));
        assertTrue(WeightGridImage.firstLayer(cs231n, null).isEmpty(), "rows that are no images");
        assertTrue(WeightGridImage.firstLayer(cs231n, new ImageGeometry(3, 3, 1)).isEmpty(),
                "9 pixels, W1 has 16 rows");
        // nndl stores W1 (H, D): one row per hidden unit, not per pixel
        assertTrue(
                WeightGridImage.firstLayer(new NndlTwoLayerNet(b, config, new NumpyRandom(0)), fourByFour).isEmpty());
    }

    /**
     * A convolutional net's W1 is its filters, drawn as the ConvolutionalNetworks notebook's
     * {@code visualize_grid(W1.transpose(0, 2, 3, 1))}: one HH x WW tile per filter, padding 1, each filter min-max
     * scaled on its own; pixel (y, x), channel c of filter k is {@code W1[k, c, y, x]}. RGB for C = 3, grey for C = 1,
     * whatever the data's geometry; nothing for other channel counts.
     */
    @Test
    void aConvNetsFirstLayerIsItsFiltersOneTileEach() {
        Backend b = Backends.get("naive");
        ThreeLayerConvNet rgb = new ThreeLayerConvNet(b, ThreeLayerConvNetConfig.defaults().inputDim(3, 4, 4)
                .numFilters(5).filterSize(3).hiddenDim(2).weightScale(1).dtype(DType.FLOAT64), new NumpyRandom(4));
        BufferedImage drawn = WeightGridImage.firstLayer(rgb, null).orElseThrow();
        assertEquals(BufferedImage.TYPE_INT_RGB, drawn.getType());
        // 5 filters: a 3x3 grid of 3x3 tiles with padding 1 is 11 pixels wide, enlarged to at least 400
        int scale = (400 + 10) / 11;
        assertEquals(11 * scale, drawn.getWidth());
        assertEquals(11 * scale, drawn.getHeight());
        double[] w = rgb.params().get("W1").toArray(); // (F, C*HH*WW), filter k's (c, y, x) at k*27 + (c*3 + y)*3 + x
        for (int k = 0; k < 5; k++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 27; i++) {
                low = Math.min(low, w[k * 27 + i]);
                high = Math.max(high, w[k * 27 + i]);
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        int level = (int) (255.0 * (w[k * 27 + (c * 3 + y) * 3 + x] - low) / (high - low));
                        int px = ((k % 3) * 4 + x) * scale + scale / 2;
                        int py = ((k / 3) * 4 + y) * scale + scale / 2;
                        assertEquals(level, drawn.getRaster().getSample(px, py, c),
                                "filter " + k + " channel " + c + " at (" + y + ", " + x + ")");
                    }
                }
            }
        }
        assertEquals(0, drawn.getRaster().getSample(3 * scale + scale / 2, scale / 2, 0), "padding stays black");

        ThreeLayerConvNet grey = new ThreeLayerConvNet(b, ThreeLayerConvNetConfig.defaults().inputDim(1, 4, 4)
                .numFilters(2).filterSize(3).hiddenDim(2).dtype(DType.FLOAT64), new NumpyRandom(4));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY,
                WeightGridImage.firstLayer(grey, new ImageGeometry(4, 4, 1)).orElseThrow().getType());
        ThreeLayerConvNet two = new ThreeLayerConvNet(b, ThreeLayerConvNetConfig.defaults().inputDim(2, 4, 4)
                .numFilters(2).filterSize(3).hiddenDim(2).dtype(DType.FLOAT64), new NumpyRandom(4));
        assertTrue(WeightGridImage.firstLayer(two, null).isEmpty(), "two channels are neither grey nor RGB");
    }

    @Test
    void gridSizeIsCeilOfSqrtH() {
        int[][] cases = {
                {1, 1}, {2, 2}, {3, 2}, {4, 2}, {5, 3}, {9, 3}, {10, 4}, {50, 8}, {64, 8}, {65, 9}
        };
        for (int[] c : cases) {
            assertEquals(c[1], WeightGridImage.gridSize(c[0]), "H = " + c[0]);
        }
    }

    @Test
    void mismatchedGeometryIsRejectedNamingDAndTheImageSize() {
        double[] w1 = new double[12 * 2];
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> WeightGridImage.render(w1, 12, 2, 2, 2, 1, 1, 1));
        assertTrue(e.getMessage().contains("D = 12"), e.getMessage());
        assertTrue(e.getMessage().contains("2*2*1 = 4"), e.getMessage());

        IllegalArgumentException len = assertThrows(
                IllegalArgumentException.class,
                () -> WeightGridImage.render(w1, 12, 3, 2, 2, 3, 1, 1));
        assertTrue(len.getMessage().contains("24 values"), len.getMessage());
        assertTrue(len.getMessage().contains("(12, 3)"), len.getMessage());

        IllegalArgumentException ch = assertThrows(
                IllegalArgumentException.class,
                () -> WeightGridImage.render(w1, 12, 2, 2, 3, 2, 1, 1));
        assertTrue(ch.getMessage().contains("channels"), ch.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> WeightGridImage.render(w1, 12, 2, 2, 2, 3, -1, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> WeightGridImage.render(w1, 12, 2, 2, 2, 3, 1, 0));
    }

    @Test
    void writesAPngWithDefaultPaddingAndAScaleThatMakesItAtLeast400PixelsWide() throws IOException {
        int d = 32 * 32 * 3;
        int h = 10; // CIFAR-10 sized units, grid 4x4: 4 * 32 + 3 * 3 = 137 px -> scale 3 -> 411 px
        double[] w1 = new double[d * h];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = Math.cos(i * 0.37);
        }
        Path png = tmp.resolve("sub/dir/w1.png");
        WeightGridImage.write(png, w1, d, h, 32, 32, 3);

        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(411, back.getWidth());
        assertEquals(411, back.getHeight());
        BufferedImage expected = WeightGridImage.render(w1, d, h, 32, 32, 3);
        for (int y = 0; y < back.getHeight(); y += 7) {
            for (int x = 0; x < back.getWidth(); x += 5) {
                assertEquals(
                        expected.getRGB(x, y), back.getRGB(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
        try (Stream<Path> files = Files.list(png.getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertEquals(List.of("w1.png"), names, "no temporary file is left behind");
        }
    }

    @Test
    void writesAGrayscalePngThatReadsBackExactly() throws IOException {
        double[] w1 = {0, -1, 10, 1, 1, 10, 2, 0, 20, 3, 3, 30};
        Path png = tmp.resolve("gray.png");
        PngFiles.write(WeightGridImage.render(w1, 4, 3, 2, 2, 1, 1, 1), png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(5, back.getWidth());
        assertEquals(5, back.getHeight());
        assertArrayEquals(gray(WeightGridImage.render(w1, 4, 3, 2, 2, 1, 1, 1)), gray(back));
        assertEquals(255, gray(back)[1][1]);
    }

    @Test
    void defaultScaleIsTheSmallestThatReaches400Pixels() {
        assertEquals(2, WeightGridImage.defaultScale(50, 32, 3)); // 8 * 32 + 7 * 3 = 277 px
        assertEquals(2, WeightGridImage.defaultScale(64, 28, 3)); // MNIST: 8 * 28 + 21 = 245 px
        assertEquals(1, WeightGridImage.defaultScale(400, 28, 3)); // 20 * 28 + 57 = 617 px
        assertEquals(134, WeightGridImage.defaultScale(1, 3, 3)); // 3 px -> 402 px
    }

    @Test
    void renderingRunsHeadless() {
        WeightGridImage.render(new double[] {1, 2, 3, 4}, 4, 1, 2, 2, 1, 1, 1);
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    private static int[][] gray(BufferedImage img) {
        Raster r = img.getRaster();
        assertEquals(1, r.getNumBands(), "grayscale image");
        int[][] out = new int[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out[y][x] = r.getSample(x, y, 0);
            }
        }
        return out;
    }

    private static int[] rgb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }
}
